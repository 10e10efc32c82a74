import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SEED

from dashboard.cli import build_parser, main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_extract_json_lists_the_seed_projects_with_evidence():
    result = run("extract", "data/articles", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {
        "documents",
        "projects",
        "initiatives",
        "organizations",
        "places",
        "keywords",
    }
    park = next(p for p in payload["projects"] if p["name"] == "苍海数字经济产业园")
    assert park["sector"] == "digital-industry" and park["pillar"] == "digital-industrialization"
    assert park["kind"] == "产业园" and park["mentions"] == 1 and park["named"] is True
    assert "苍海数字经济产业园" in park["evidence"] and park["document"] == SEED.stem


def test_extract_csv_writes_one_file_per_table_with_bom(tmp_path):
    assert main(["extract", str(SEED), "--csv", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        f"{t}.csv" for t in ("documents", "projects", "initiatives", "organizations", "places", "keywords")
    )
    data = (tmp_path / "projects.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "粤桂云数据中心" in data.decode("utf-8-sig")


def test_bad_inputs_exit_2_with_one_line_each_and_the_rest_is_processed(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "big.md").write_text("标题\n" + "数" * 3000, encoding="utf-8")
    (tmp_path / "nobody.md").write_text("---\ntitle: 空\n---\n", encoding="utf-8")
    result = run("extract", str(tmp_path), str(SEED), "missing.md", "--json", "--max-bytes", "8KB")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 5 and "Traceback" not in result.stderr
    assert all(re.match(r"^error: .+: .+$", line) for line in lines)
    reasons = "\n".join(lines)
    for expected in (
        "missing.md: no such file",
        "empty.md: empty file",
        "junk.txt: binary",
        "big.md: file is",
        "nobody.md: no body",
    ):
        assert expected in reasons
    payload = json.loads(result.stdout)
    assert [d["document"] for d in payload["documents"]] == [SEED.stem]


def test_keywords_prints_a_table_by_sector():
    result = run("keywords", "data/articles", "--by", "sector", "--top", "3")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["sector", "term", "count", "distinct"]
    assert any(row.split()[0] == "agriculture" for row in rows)


def test_keywords_rank_by_distinctiveness_unless_told_otherwise():
    genre = {"产业", "经济", "企业", "服务", "信息"}
    first = {
        row.split()[0] for row in run("keywords", "data/articles", "--top", "10").stdout.splitlines()[1:]
    }
    assert first and not genre & first
    result = run("keywords", "data/articles", "--top", "10", "--weight", "count")
    assert result.stdout.splitlines()[0].split() == ["term", "count"]
    assert genre & {row.split()[0] for row in result.stdout.splitlines()[1:]}


def test_keywords_without_names():
    terms = {
        row.split()[0]
        for row in run("keywords", "data/articles", "--top", "30", "--weight", "count").stdout.splitlines()[
            1:
        ]
    }
    result = run("keywords", "data/articles", "--top", "30", "--weight", "count", "--without-names")
    assert result.returncode == 0, result.stderr
    topics = {row.split()[0] for row in result.stdout.splitlines()[1:]}
    assert {"梧州", "京东", "广西"} <= terms - topics  # the city (梧州市), a company (京东集团), the region
    assert {"数字经济", "平台", "产业园"} <= topics


@pytest.mark.parametrize("command", [[], ["extract"], ["ingest"], ["keywords"], ["report"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_the_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"python -m dashboard {name}" in readme


@pytest.mark.parametrize(
    "lang, refused, summary",
    [
        (None, "empty file", "1 document, 0 failures"),
        ("en", "empty file", "1 document, 0 failures"),
        ("zh", "空文件", "1 篇文章，0 个失败"),
    ],
)
def test_the_messages_are_in_the_language_lang_names(tmp_path, capsys, lang, refused, summary):
    (tmp_path / "empty.md").write_bytes(b"")
    language = ["--lang", lang] if lang else []
    assert main(["extract", str(tmp_path / "empty.md"), str(SEED), "--no-cache", *language]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'empty.md'}: {refused}\n"
    assert main(["ingest", str(SEED), "--no-cache", "--workers", "1", *language]) == 0
    assert summary in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "said"), [(None, "traditional Chinese, read in simplified characters"),
                                            ("zh", "繁体中文，已转为简体字读取")])  # fmt: skip
def test_reading_notes_are_in_the_language_lang_names(tmp_path, capsys, lang, said):
    (tmp_path / "traditional.txt").write_text("數位經濟\n加快建設星河數位經濟產業園。\n", encoding="utf-8")
    language = ["--lang", lang] if lang else []
    assert main(["extract", str(tmp_path), "--no-cache", *language]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["warnings"] == [said]
