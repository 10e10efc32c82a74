"""Corrections kept beside the corpus and laid over any extraction: rejected, fixed and added
projects; a correction that survives a new lexicon and a cleared cache; the audit lines; two
editors saving at once."""

import json
import multiprocessing
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dashboard.pipeline.cache import ExtractionCache
from dashboard.pipeline.corpus import extract_paths
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.present.report import render_report
from dashboard.query import filters as url_filters
from dashboard.store import audit, corrections, journal
from dashboard.store.corrections import CorrectionError, Problem, apply_corrections, correction

ROOT = Path(__file__).resolve().parents[2]
DOC = "2022-04-22-wuzhou-digital-economy"
EDITOR = "ed@example.org"


@pytest.fixture
def corpus(corpus_copy):
    return corpus_copy


@pytest.fixture
def raw(corpus):
    return extract_paths([corpus])


def corrected(corpus, extraction=None):
    return apply_corrections(extraction or extract_paths([corpus]), corrections.load(corpus))


def row(extraction, name, document=DOC):
    p = extraction.projects
    found = p[(p["document"] == document) & (p["name"] == name)]
    return None if found.empty else found.iloc[0]


def test_without_corrections_the_tables_are_the_extractions_with_unmarked_rows(raw):
    same = apply_corrections(raw, [])
    assert same.projects.drop(columns=corrections.CORRECTION_COLUMNS).equals(raw.projects)
    assert not same.projects["corrected"].any()
    assert same.mentions is raw.mentions


def test_a_rejected_project_is_left_out_of_projects_mentions_and_initiatives(corpus, raw):
    assert row(raw, "智能装备重大平台") is not None
    corrections.save(corpus, correction(raw, "reject", DOC, "智能装备重大平台", by=EDITOR))
    fixed = corrected(corpus, raw)
    assert row(fixed, "智能装备重大平台") is None
    assert "智能装备重大平台" not in set(fixed.mentions["name"])
    assert not any("智能装备重大平台" in ps for ps in fixed.initiatives["projects"])
    assert len(fixed.projects) == len(raw.projects) - 1
    # and shown again when restored
    corrections.save(corpus, correction(fixed, "restore", DOC, "智能装备重大平台", by=EDITOR))
    assert row(corrected(corpus, raw), "智能装备重大平台") is not None


def test_a_fixed_sector_takes_its_pillar_and_says_who_and_when(corpus, raw):
    assert row(raw, "粤桂云数据中心")["sector"] == "digital-industry"
    corrections.save(corpus, correction(raw, "fix", DOC, "粤桂云数据中心", sector="services", by=EDITOR))
    project = row(corrected(corpus, raw), "粤桂云数据中心")
    assert (project["sector"], project["pillar"]) == ("services", "industrial-digitalization")
    assert project["corrected"] and project["corrected_by"] == EDITOR
    assert project["corrected_at"].startswith("20") and "T" in project["corrected_at"]
    mentions = corrected(corpus, raw).mentions.query("name == '粤桂云数据中心'")
    assert set(mentions["sector"]) == {"services"}


def test_a_name_is_fixed_only_to_text_of_its_paragraph_and_its_marks_follow(corpus, raw):
    with pytest.raises(CorrectionError) as refused:
        correction(raw, "fix", DOC, "循环经济产业园", new_name="不在段落里的产业园", by=EDITOR)
    assert refused.value.problem == Problem.NOT_IN_PARAGRAPH
    corrections.save(
        corpus, correction(raw, "fix", DOC, "循环经济产业园", new_name="以循环经济产业园", by=EDITOR)
    )
    fixed = corrected(corpus, raw)
    assert row(fixed, "循环经济产业园") is None and row(fixed, "以循环经济产业园") is not None
    mention = fixed.mentions.query("name == '以循环经济产业园'").iloc[0]
    text = raw.paragraphs.query(f"document == '{DOC}' and paragraph == {mention['paragraph']}")["text"].iloc[
        0
    ]
    assert text[mention["start"] : mention["end"]] == "以循环经济产业园"
    # a later correction names it by its new name
    again = correction(
        fixed, "fix", DOC, "以循环经济产业园", new_name="循环经济产业园", named=True, by="b@example.org"
    )
    corrections.save(corpus, again)
    back = row(corrected(corpus, raw), "循环经济产业园")
    assert back["named"] and back["corrected_by"] == "b@example.org"


def test_the_named_flag_moves_a_project_in_or_out_of_the_named_projects(corpus, raw):
    assert not row(raw, "大数据平台")["named"]
    corrections.save(corpus, correction(raw, "fix", DOC, "大数据平台", named=True, by=EDITOR))
    assert "大数据平台" in set(corrected(corpus, raw).named_projects["name"])


def test_a_missed_project_is_added_by_its_text_in_a_paragraph(corpus, raw):
    paragraph = int(raw.paragraphs[raw.paragraphs["text"].str.contains("公共茶仓")]["paragraph"].iloc[0])
    with pytest.raises(CorrectionError) as refused:
        correction(raw, "add", DOC, "公共茶仓", paragraph=0, by=EDITOR)
    assert refused.value.problem == Problem.NOT_IN_PARAGRAPH
    added = correction(raw, "add", DOC, "公共茶仓", paragraph=paragraph, sector="agriculture", by=EDITOR)
    corrections.save(corpus, added)
    fixed = corrected(corpus, raw)
    project = row(fixed, "公共茶仓")
    assert project["named"] and project["sector"] == "agriculture" and project["paragraph"] == paragraph
    assert "公共茶仓" in project["evidence"] and project["mentions"] == 1
    assert "公共茶仓" in set(fixed.mentions["name"])  # the reader highlights it


def test_a_correction_is_refused_for_a_project_or_document_that_is_not_there(raw):
    with pytest.raises(CorrectionError) as refused:
        correction(raw, "reject", DOC, "没有这个平台", by=EDITOR)
    assert refused.value.problem == Problem.UNKNOWN_PROJECT
    with pytest.raises(CorrectionError) as refused:
        correction(raw, "reject", "no-such-article", "粤桂云数据中心", by=EDITOR)
    assert refused.value.problem == Problem.UNKNOWN_DOCUMENT
    with pytest.raises(CorrectionError) as refused:
        correction(raw, "fix", DOC, "粤桂云数据中心", sector="nowhere", by=EDITOR)
    assert refused.value.problem == Problem.BAD_SECTOR
    with pytest.raises(CorrectionError) as refused:
        correction(raw, "fix", DOC, "粤桂云数据中心", sector="digital-industry", by=EDITOR)
    assert refused.value.problem == Problem.NOTHING_CHANGED


def test_corrections_survive_a_new_lexicon_and_a_cleared_cache(corpus, raw, tmp_path):
    paragraph = int(raw.paragraphs[raw.paragraphs["text"].str.contains("公共茶仓")]["paragraph"].iloc[0])
    corrections.save(
        corpus,
        correction(raw, "reject", DOC, "智能装备重大平台", by=EDITOR),
        correction(raw, "fix", DOC, "粤桂云数据中心", sector="services", by=EDITOR),
        correction(raw, "add", DOC, "公共茶仓", paragraph=paragraph, sector="agriculture", by=EDITOR),
    )
    lexicon = tmp_path / "lexicon"
    shutil.copytree(ROOT / "data" / "lexicon", lexicon)
    with (lexicon / "domain_words.txt").open("a", encoding="utf-8") as out:
        out.write("\n数据标注\n")
    new = load_lexicon(lexicon)
    assert new.version != load_lexicon().version
    fresh = extract_paths([corpus], lexicon=new, cache=ExtractionCache(tmp_path / "empty-cache"))
    fixed = corrected(corpus, fresh)
    assert row(fixed, "智能装备重大平台") is None
    assert row(fixed, "粤桂云数据中心")["sector"] == "services"
    assert row(fixed, "公共茶仓")["sector"] == "agriculture"


def test_a_fixed_project_the_extraction_no_longer_finds_is_still_listed_from_its_text(corpus, raw):
    corrections.save(corpus, correction(raw, "fix", DOC, "粤桂云数据中心", sector="services", by=EDITOR))
    without = raw.projects[raw.projects["name"] != "粤桂云数据中心"]
    project = row(corrected(corpus, type(raw)(**{**raw.__dict__, "projects": without})), "粤桂云数据中心")
    assert project is not None and project["sector"] == "services" and "粤桂云数据中心" in project["evidence"]


def test_every_correction_appends_an_audit_line_with_before_and_after(corpus, raw):
    corrections.save(
        corpus,
        correction(raw, "fix", DOC, "粤桂云数据中心", sector="services", by=EDITOR),
        before={"sector": "digital-industry"},
    )
    [line] = audit.entries(corpus)
    assert line["who"] == EDITOR and line["what"] == "correct_project"
    assert line["target"] == f"{DOC}/粤桂云数据中心"
    assert line["before"] == {"sector": "digital-industry"}
    assert line["after"] == {"action": "fix", "sector": "services", "pillar": "industrial-digitalization"}


def test_a_cut_off_line_is_skipped(corpus, raw):
    corrections.save(corpus, correction(raw, "reject", DOC, "智能装备重大平台", by=EDITOR))
    with (journal.state_folder(corpus) / corrections.CORRECTIONS_FILE).open("a", encoding="utf-8") as out:
        out.write('{"action": "reject", "docu')
    assert len(corrections.load(corpus)) == 1


def test_the_corrections_folder_is_not_read_as_articles(corpus, raw):
    corrections.save(corpus, correction(raw, "reject", DOC, "智能装备重大平台", by=EDITOR))
    again = extract_paths([corpus])
    assert list(again.documents["document"]) == [DOC] and not again.errors


def _save_in_process(corpus: str, field: str, value: object, start) -> None:
    extraction = extract_paths([corpus])
    record = correction(extraction, "fix", DOC, "大数据平台", by=f"{field}@example.org", **{field: value})
    start.wait()
    corrections.save(Path(corpus), record)


@pytest.mark.parametrize("round_", range(5))
def test_two_editors_saving_at_the_same_moment_keep_both_changes(corpus, raw, round_):
    """Two server processes, each with its editor, save a correction of the same project at once:
    one changes its sector, the other its named flag. Both lines are kept, whole, and both changes
    show."""
    start = multiprocessing.get_context("fork").Barrier(2)
    writers = [
        multiprocessing.get_context("fork").Process(target=_save_in_process, args=(str(corpus), f, v, start))
        for f, v in (("sector", "manufacturing"), ("named", True))
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
        assert w.exitcode == 0
    saved = corrections.load(corpus)
    assert sorted(r["by"] for r in saved) == ["named@example.org", "sector@example.org"]
    project = row(corrected(corpus, raw), "大数据平台")
    assert project["sector"] == "manufacturing" and project["named"]
    assert len(audit.entries(corpus)) == 2


def test_many_threads_appending_at_once_lose_no_line(corpus, raw):
    records = [
        correction(raw, "fix", DOC, "大数据平台", named=True, by=f"{n}@example.org") for n in range(16)
    ]
    start = threading.Barrier(len(records))

    def save(record):
        start.wait()
        corrections.save(corpus, record)

    with ThreadPoolExecutor(len(records)) as pool:
        list(pool.map(save, records))
    lines = (
        (journal.state_folder(corpus) / corrections.CORRECTIONS_FILE).read_text(encoding="utf-8").splitlines()
    )
    assert len(lines) == 16 and all(json.loads(line)["action"] == "fix" for line in lines)


def test_the_report_shows_corrected_values_and_who_corrected_them(corpus, raw):
    corrections.save(corpus, correction(raw, "fix", DOC, "粤桂云数据中心", sector="services", by=EDITOR))
    report = render_report(corrected(corpus, raw), url_filters.Filters())
    assert EDITOR in report and "更正人" in report


def test_extract_json_marks_corrected_rows(corpus, raw):
    corrections.save(corpus, correction(raw, "reject", DOC, "智能装备重大平台", by=EDITOR))
    corrections.save(corpus, correction(raw, "fix", DOC, "粤桂云数据中心", sector="services", by=EDITOR))
    run = subprocess.run(
        [sys.executable, "-m", "dashboard", "extract", str(corpus), "--json", "--no-cache"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    projects = {p["name"]: p for p in json.loads(run.stdout)["projects"]}
    assert "智能装备重大平台" not in projects
    assert projects["粤桂云数据中心"]["corrected"] is True
    assert projects["粤桂云数据中心"]["sector"] == "services"
    assert projects["粤桂云数据中心"]["corrected_by"] == EDITOR
    assert projects["苍海数字经济产业园"]["corrected"] is False
    plain = subprocess.run(
        [sys.executable, "-m", "dashboard", "extract", str(corpus), "--json", "--no-corrections"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    assert "智能装备重大平台" in {p["name"] for p in json.loads(plain.stdout)["projects"]}


def test_an_articles_corrections_are_its_gold_for_evaluate(corpus, raw):
    corrections.save(
        corpus,
        correction(raw, "reject", DOC, "智能装备重大平台", by=EDITOR),
        correction(raw, "fix", DOC, "粤桂云数据中心", sector="services", by=EDITOR),
    )
    [gold] = corrections.gold_from_corrections(corrected(corpus, raw), corrections.load(corpus))
    names = {p.name: p for p in gold.projects}
    assert (
        gold.document == DOC
        and "智能装备重大平台" not in names
        and names["粤桂云数据中心"].sector == "services"
    )
    run = subprocess.run(
        [sys.executable, "-m", "dashboard", "evaluate", str(corpus), "--from-corrections", "--json", "--no-cache"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    text = json.dumps(json.loads(run.stdout), ensure_ascii=False)
    assert "智能装备重大平台" in text and "粤桂云数据中心" in text  # listed wrongly; a wrong sector


def test_evaluate_from_corrections_without_any_says_so(corpus):
    run = subprocess.run(
        [sys.executable, "-m", "dashboard", "evaluate", str(corpus), "--from-corrections"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 2 and run.stderr.startswith(f"error: {corpus}: ")


def test_the_downloads_list_who_corrected_a_row_and_when(corpus, raw):
    from dashboard.present.listings import for_export, project_rows

    assert "corrected_by" not in project_rows(corrected(corpus, raw).projects).columns  # none corrected
    corrections.save(corpus, correction(raw, "fix", DOC, "粤桂云数据中心", sector="services", by=EDITOR))
    rows = for_export(project_rows(corrected(corpus, raw).projects), lang="zh").set_index("名称")
    assert rows.loc["粤桂云数据中心", "更正人"] == EDITOR and rows.loc["粤桂云数据中心", "领域"] == "服务业"
    assert rows.loc["苍海数字经济产业园", "更正人"] == ""
