"""Hostile and broken article files, each with what must happen to it: refused with a reason, or
read (possibly with a warning). Shared by the CLI suite and the app's corpus tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
BODY = "<p>推进数字产业化，建设星河数字经济产业园。</p><p>推进农业数字化，建设云岭智慧农场。</p>"


@dataclass(frozen=True)
class Case:
    name: str  # file name
    data: bytes
    refused: str | None  # part of the reason, or None when the file must be read


def _md(front: str, body: str = BODY) -> bytes:
    return f"---\n{front}\n---\n{body}\n".encode()


CASES = [
    Case("empty.md", b"", "empty file"),
    Case("junk.md", bytes(range(256)) * 64, "binary"),
    Case("huge.md", b"<p>" + "数字经济。".encode() * 3_500_000 + b"</p>", "over the"),
    Case("no-front-matter.md", BODY.encode(), None),
    Case("front-matter-not-yaml.md", _md("title: [unclosed\ndate: ::"), None),
    Case("front-matter-wrong-types.md", _md("title: [一, 二]\ndate: not-a-date\ntags: 5"), None),
    Case(
        "unclosed-and-nested-tables.html",
        (
            "<html><body><table><tr><td><table><tr><td><p>建设星河数字经济产业园"
            "<td><div><p>推进农业数字化，建设云岭智慧农场</table>"
        ).encode(),
        None,
    ),
    Case("invalid-utf8.md", _md("title: 坏字节") + b"<p>\xff\xfe\xfa</p>", None),
    Case("mixed-encodings.md", _md("title: 混合") + "<p>数字经济</p>".encode("gbk"), None),
    Case("traditional.md", _md("title: 數位經濟", "<p>推進數位產業化，建設星河數位經濟產業園。</p>"), None),
    Case(
        "one-long-paragraph.txt",
        ("標題\n" + "推进数字产业化，建设星河数字经济产业园，" * 10_000).encode(),
        None,
    ),
    Case("long-line-no-punctuation.txt", ("标题\n" + "数字经济产业园区平台中心" * 20_000).encode(), None),
    Case(
        "scripts-in-names.md",
        _md(
            'title: "<script>alert(1)</script>标题"',
            "<p>建设“<img src=x onerror=alert(1)>星河”数字经济产业园和[点我](javascript:alert(1))平台，"
            "推进**粗体**与`代码`和\u202e反向\u200b零宽\u200d字符的星海数据中心建设。</p>",
        ),
        None,
    ),
]


def write_cases(folder: Path) -> dict[str, Case]:
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (folder / case.name).write_bytes(case.data)
    return {case.name: case for case in CASES}
