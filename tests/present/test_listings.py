import pandas as pd

from dashboard.present.glossary import TERMS, column_label, t
from dashboard.present.listings import (
    INITIATIVE_COLUMNS_SHOWN,
    PROJECT_COLUMNS_SHOWN,
    clipped,
    evidence_span,
    for_export,
    initiative_rows,
    project_rows,
)


def test_project_rows_speak_the_language(extraction):
    zh = project_rows(extraction.named_projects)
    en = project_rows(extraction.named_projects, lang="en")
    assert set(zh["sector"]) <= {"数字产业", "制造业", "服务业", "农业", "未分类"}
    assert set(en["pillar"]) <= {
        "digital industrialization",
        "industrial digitalization",
        "unclassified",
    }
    assert zh["places"].map(lambda v: isinstance(v, list)).all()
    assert list(zh.columns[:3]) == ["name", "kind", "sector"]


def test_initiative_rows(extraction):
    rows = initiative_rows(extraction.initiatives)
    assert len(rows) == len(extraction.initiatives)
    assert {"action", "object", "evidence", "projects"} <= set(rows.columns)


def test_export_headings(extraction):
    table = for_export(project_rows(extraction.projects), lang="zh")
    assert list(table.columns[:3]) == ["名称", "类型", "领域"]
    assert column_label("unknown_column") == "unknown_column"


def test_evidence_span_points_at_the_evidence_sentence(extraction):
    for project in extraction.projects.itertuples(index=False):
        text, start, end = evidence_span(
            extraction.paragraphs, extraction.sentences, pd.Series(project._asdict())
        )
        assert text[start:end] == project.evidence
        assert project.name.replace("（", "(").replace("）", ")")[:2] in text


def test_evidence_span_without_its_paragraph_falls_back_to_the_evidence():
    item = pd.Series({"document": "x", "paragraph": 0, "sentence": 0, "evidence": "一句话。"})
    empty = pd.DataFrame(columns=["document", "paragraph", "sentence", "text", "start", "end"])
    assert evidence_span(empty, empty, item) == ("一句话。", 0, 4)


def test_glossary_is_complete():
    for key, (zh, en) in TERMS.items():
        assert zh and en, key
    assert t("shown_of", "en", shown=2, total=5) == "Showing 2 of 5"


def test_the_page_shows_the_name_and_its_sentence_first():
    assert PROJECT_COLUMNS_SHOWN[:2] == ["name", "evidence"]
    assert set(PROJECT_COLUMNS_SHOWN) <= set(
        project_rows(pd.DataFrame(columns=PROJECT_COLUMNS_SHOWN)).columns
    )
    assert "evidence" in INITIATIVE_COLUMNS_SHOWN


def test_a_long_sentence_is_clipped_to_its_lines_with_an_ellipsis(extraction):
    for sentence in extraction.projects["evidence"]:
        shown = clipped(sentence, width=370, lines=3)
        assert shown == sentence or (shown.endswith("…") and sentence.startswith(shown[:-1]))
        assert len(shown) <= 3 * (370 - 14) // 14 + 1
    assert (
        clipped("Latin text is narrower", width=130, lines=2) == "Latin text is narrower"
    )  # 8.7 px a letter
