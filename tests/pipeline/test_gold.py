"""Extraction measured against hand-made gold files: the seed article and articles written for the
tests (other cities, other sector orders, a section without headings, no headings at all), and the
development part of the real-text evaluation set."""

from pathlib import Path

import pytest
from conftest import GOLD_ARTICLES, ROOT

from dashboard import normalise_name
from dashboard.query.evaluation import entity_recall, evaluate, load_gold, score_document

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold"
DOCUMENTS = [p.stem for p in GOLD_ARTICLES]
SEED = "2022-04-22-wuzhou-digital-economy"


def gold(document: str):
    return load_gold(GOLD / f"{document}.yaml")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_named_projects_match_the_gold(gold_extraction, document):
    score = score_document(gold_extraction.projects, gold(document))
    detail = f"missed {score.missed}; wrong {score.wrong}; wrong sector {score.wrong_sector}"
    assert score.recall >= (0.95 if document == SEED else 0.9), detail
    assert score.precision >= 0.8, detail
    assert score.sector_accuracy >= 0.9, detail
    assert score.named_agreement >= 0.9, score.named_disagree


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("key", ["organizations", "places"])
def test_organizations_and_places_are_found(gold_extraction, document, key):
    recall, missed = entity_recall(getattr(gold_extraction, key), document, getattr(gold(document), key))
    assert recall >= 0.8, f"missed {missed}"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_neutral_phrases_are_not_named_projects(gold_extraction, document):
    named = {normalise_name(n) for n in gold_extraction.named_projects.query("document == @document")["name"]}
    assert not named & gold(document).neutral


def test_the_development_texts_do_not_fall_below_their_figures():
    """Real published texts (data/evaluation/dev): the figures reached so far are a floor. The
    held-out texts are not tested here: they are measured, never tuned on."""
    from dashboard import extract_paths

    folder = ROOT / "data" / "evaluation" / "dev"
    golds = [load_gold(path) for path in sorted(folder.glob("*.yaml"))]
    total = evaluate(extract_paths([folder]).projects, golds).total
    assert total.documents == 907
    # in-sample: the name and sector models are trained on these texts (on texts they have not
    # seen, `scripts/train-project-model --cross-validate`: recall 0.79, precision 0.79)
    assert total.recall >= 0.85
    assert total.precision >= 0.82
    assert total.sector_accuracy >= 0.9  # 0.952 in-sample in round 34 (the model cross-validated: 0.874)
    assert total.named_agreement >= 0.85


def test_every_project_keeps_its_evidence(gold_extraction):
    projects = gold_extraction.projects
    sentences = gold_extraction.sentences.set_index(["document", "paragraph", "sentence"])["text"]
    for row in projects.itertuples():
        assert row.evidence == sentences[(row.document, row.paragraph, row.sentence)]
    mentions = gold_extraction.mentions
    paragraphs = gold_extraction.paragraphs.set_index(["document", "paragraph"])["text"]
    for m in mentions.itertuples():
        surface = normalise_name(paragraphs[(m.document, m.paragraph)][m.start : m.end])
        if m.category == "place":  # 梧州 is counted as 梧州市
            assert m.name.startswith(surface), (m.name, surface)
        elif m.name != surface:  # “甲”和“乙”计划: 甲计划 is marked on 甲, the head it shares follows
            head = m.name[len(surface) :]
            assert m.name.startswith(surface) and head in paragraphs[(m.document, m.paragraph)][m.end :]


def test_repeated_mentions_are_merged(seed_extraction):
    park = seed_extraction.projects.query("name == '京东（梧州）数字经济产业园'")
    assert len(park) == 1
    assert park.iloc[0]["mentions"] == 2
    assert park.iloc[0]["sector"] == "digital-industry"
    assert "梧州市" in park.iloc[0]["places"]


def test_a_partner_centre_is_an_organization(seed_extraction):
    organizations = set(seed_extraction.organizations["name"])
    assert "广西国际茶业交易中心" in organizations
    assert {"京东集团", "温氏集团", "金箍棒公司"} <= organizations


def test_projects_carry_the_names_said_with_them(seed_extraction):
    farm = seed_extraction.projects.query("name == '温氏集团养殖场'").iloc[0]
    assert "温氏集团" in farm["organizations"]
    station = seed_extraction.projects.query("name == '益农信息服务示范站点'").iloc[0]
    assert {"苍梧县", "藤县"} <= set(station["places"])
