"""``python -m dashboard evaluate``: gold files read, articles found, figures and names printed."""

import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from dashboard.query.evaluation import GoldError, evaluate, genres, gold_files, load_gold

FIXTURE_GOLD = ROOT / "tests" / "fixtures" / "gold"
ARTICLES = [
    "--articles",
    str(ROOT / "tests" / "fixtures" / "articles"),
    "--articles",
    str(ROOT / "data" / "articles"),
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "evaluate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_fixtures_are_measured_per_document_and_over_all():
    result = run(str(FIXTURE_GOLD), *ARTICLES, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 5 and report["micro"]["documents"] == 5
    assert report["micro"]["recall"] >= 0.95
    assert {"missed", "wrong", "wrong_sector", "named_disagree"} <= set(report["documents"][0])
    assert sum(d["required"] for d in report["documents"]) == report["micro"]["required"]


def test_the_text_report_names_what_was_missed_and_ends_with_the_totals(tmp_path):
    gold = tmp_path / "a.yaml"
    gold.write_text(
        "document: a\nprojects:\n  - name: 江州鸿途产业园\n    sector: digital-industry\n"
        "  - name: 江州云岭农场\n    sector: agriculture\nneutral: [智能工厂]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("江州观察\n江州市建设江州鸿途产业园，推广智能工厂。\n", encoding="utf-8")
    result = run(str(gold), "--no-cache")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("a: recall 0.50 (1/2)")
    assert "  missed: 江州云岭农场" in lines
    assert lines[-1].startswith("all (1 document): recall 0.50")


def test_the_text_report_speaks_the_language_lang_names(tmp_path):
    gold = tmp_path / "a.yaml"
    gold.write_text(
        "document: a\nprojects:\n  - name: 江州鸿途产业园\n    sector: digital-industry\n"
        "  - name: 江州云岭农场\n    sector: agriculture\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("江州观察\n江州市建设江州鸿途产业园。\n", encoding="utf-8")
    (tmp_path / "lost.yaml").write_text("document: lost\nprojects: []\n", encoding="utf-8")
    result = run(str(tmp_path), "--no-cache", "--lang", "zh")
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("a：召回率 0.50（1/2）· 领域准确率")
    assert "  漏掉：江州云岭农场" in lines
    assert lines[-1].startswith("全部（1 篇）：召回率 0.50")
    assert result.stderr.strip() == f"error: {tmp_path / 'lost.yaml'}: 旁边和 --articles 中都没有文章 lost.*"
    assert not re.search("[A-Za-z]{3,}", result.stdout.replace("lost", ""))
    refused = run(str(tmp_path / "missing"), "--lang", "zh")
    assert (
        refused.returncode == 2 and refused.stderr == f"error: {tmp_path / 'missing'}: 文件或文件夹不存在\n"
    )


def test_a_gold_file_without_its_article_is_an_error_line_and_the_others_are_measured(tmp_path):
    (tmp_path / "lost.yaml").write_text("document: lost\nprojects: []\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("document: a\nprojects: []\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("标题\n正文一段。\n", encoding="utf-8")
    result = run(str(tmp_path), "--json", "--no-cache")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'lost.yaml'}: no article lost.* beside it or in --articles"
    ]
    assert [d["document"] for d in json.loads(result.stdout)["documents"]] == ["a"]


@pytest.mark.parametrize("text", ["projects: [", "- just a list\n", "projects: []\n"])
def test_a_file_that_is_not_gold_is_refused_with_its_name(tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldError, match="bad.yaml"):
        load_gold(path)
    result = run(str(path))
    assert result.returncode == 2 and result.stderr.startswith(f"error: {path}: not a gold file")


def test_the_evaluation_set_has_its_genres_split_and_sources():
    folder = ROOT / "data" / "evaluation"
    kinds = genres(folder / "heldout")
    dev, heldout = gold_files(folder / "dev"), gold_files(folder / "heldout")
    assert len(dev) + len(heldout) >= 30
    assert {p.stem for p in heldout} <= set(kinds) and len(set(kinds.values())) >= 8
    golds = [load_gold(p) for p in dev + heldout]
    assert sum(len(g.projects) for g in golds) >= 250
    # each round's held-out set is fresh and large enough to measure on: 20 texts, 100 required projects
    required = sum(not p.optional for g in golds[len(dev) :] for p in g.projects)
    assert len(heldout) >= 20 and required >= 100
    for path, gold in zip(dev + heldout, golds, strict=True):
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        assert gold.document == path.stem and len(text) > 300


def test_generic_entries_count_against_precision_unless_neutral():
    import pandas as pd

    from dashboard.query.evaluation import Gold, GoldProject

    gold = Gold(
        "a", [GoldProject("江州县农业大数据中心", "agriculture")], neutral=frozenset({"公共服务平台"})
    )
    listed = pd.DataFrame(
        {
            "document": "a",
            "name": ["江州县农业大数据中心", "公共服务平台", "这些项目"],
            "sector": ["digital-industry", "services", "unclassified"],
            "named": [False, False, False],
        }
    )
    score = evaluate(listed, [gold]).total
    assert (score.recall, score.sector_accuracy) == (1.0, 0.0)
    assert score.precision == pytest.approx(2 / 3)
    assert score.named_agreement == 0.5  # the centre is named in the gold, the phrase generic


def test_a_gold_written_with_pinyin_readings_is_matched_without_them(tmp_path):
    """The reader leaves out the readings some pages print after each character; a gold that copies
    them from the text is compared without them."""
    from dashboard import extract_documents, parse_document

    text = "江州景區(qū)\n江州市雲嶺古鎮(zhèn)景區(qū)開通智慧導覽。\n"
    (tmp_path / "t.yaml").write_text(
        "document: t\nprojects:\n- {name: 江州市雲嶺古鎮(zhèn)景區(qū), sector: services}\n", encoding="utf-8"
    )
    gold = load_gold(tmp_path / "t.yaml")
    assert gold.projects[0].forms == ("江州市云岭古镇景区",)
    listed = extract_documents([parse_document(text, doc_id="t", suffix=".txt")]).projects
    assert evaluate(listed, [gold]).total.recall == 1.0


def test_a_gold_in_traditional_characters_is_matched_in_simplified_ones(tmp_path):
    """The reader converts an article in traditional characters; its gold, written as the text is,
    is compared in the same simplified characters."""
    from dashboard import extract_documents, parse_document

    text = "江州數字經濟產業園開工\n江州市雲嶺數字經濟產業園正式開工建設，園區將建設大數據中心。\n"
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "document: t\nprojects:\n- {name: 江州市雲嶺數字經濟產業園, sector: digital-industry}\n"
        "places: [{name: 江州市}]\nneutral: [大數據中心]\n",
        encoding="utf-8",
    )
    gold = load_gold(tmp_path / "t.yaml")
    assert gold.projects[0].forms == ("江州市云岭数字经济产业园",) and gold.neutral == {"大数据中心"}
    listed = extract_documents([parse_document(text, doc_id="t", suffix=".txt")]).projects
    assert evaluate(listed, [gold]).total.recall == 1.0
