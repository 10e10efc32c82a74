"""Every hostile file through the CLI: a clear refusal or a correct result, never a traceback, and
the good files of the same run still extracted."""

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEED
from hostile import CASES, write_cases


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    write_cases(folder)
    shutil.copy(SEED, folder / SEED.name)
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "extract", str(folder), "--json", "--no-cache"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    return result, json.loads(result.stdout)


def test_exit_code_and_one_error_line_per_refused_file(run):
    result, _ = run
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    refused = [c for c in CASES if c.refused]
    assert len(lines) == len(refused)
    for case in refused:
        assert any(
            line.startswith("error: ") and case.name in line and case.refused in line for line in lines
        )


def test_every_other_file_is_read_and_the_seed_is_intact(run, seed_extraction):
    _, payload = run
    documents = {d["document"] for d in payload["documents"]}
    assert documents == {c.name.rsplit(".", 1)[0] for c in CASES if not c.refused} | {SEED.stem}
    seed_projects = {p["name"] for p in payload["projects"] if p["document"] == SEED.stem and p["named"]}
    assert seed_projects == set(seed_extraction.named_projects["name"])  # as when read alone
    assert len(seed_projects) >= 15


@pytest.mark.parametrize(
    "name", ["no-front-matter", "front-matter-not-yaml", "unclosed-and-nested-tables", "one-long-paragraph"]
)
def test_projects_are_still_found(run, name):
    _, payload = run
    names = {p["name"] for p in payload["projects"] if p["document"] == name}
    assert "星河数字经济产业园" in names


def test_wrong_types_and_bad_yaml_are_warnings(run):
    _, payload = run
    documents = {d["document"]: d for d in payload["documents"]}
    assert documents["front-matter-wrong-types"]["title"] == "一 二"
    assert any("not a date" in w for w in documents["front-matter-wrong-types"]["warnings"])
    assert any("YAML" in w for w in documents["front-matter-not-yaml"]["warnings"])


def test_markup_in_names_stays_text(run):
    _, payload = run
    document = next(d for d in payload["documents"] if d["document"] == "scripts-in-names")
    assert document["title"] == "<script>alert(1)</script>标题"
    names = {p["name"] for p in payload["projects"] if p["document"] == "scripts-in-names"}
    assert all("\u202e" not in n and "\u200b" not in n for n in names)


def test_traditional_chinese_is_read_in_simplified_characters(run):
    _, payload = run
    document = next(d for d in payload["documents"] if d["document"] == "traditional")
    assert document["title"] == "数位经济"
    assert document["warnings"] == ["traditional Chinese, read in simplified characters"]
    names = {p["name"] for p in payload["projects"] if p["document"] == "traditional"}
    assert names == {"星河数位经济产业园"}
