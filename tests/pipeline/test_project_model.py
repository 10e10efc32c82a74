"""The project model: trained on development texts only and with the shipped named model, learning
no place's or company's name, and leaving out of the projects, the mentions and the initiatives a
found name it does not take for a project; without a model, every name found is listed."""

import itertools
import json

import pytest
from conftest import trained_on_development_only

from dashboard.pipeline import extraction as ex
from dashboard.pipeline import project_model
from dashboard.pipeline.entities import PROJECT
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.linear_model import LinearModel
from dashboard.pipeline.named_model import load_named_model
from dashboard.pipeline.read import read_document
from dashboard.pipeline.text import tokenizer

# Invented names: a park, a platform and a show town, the park and the town named again without
# their city, and the town in a sentence that launches it.
ARTICLE = """---
title: 青峰市数字经济项目集中签约
date: 2024-05-08
---

青峰市数字经济项目集中签约仪式昨日举行。青峰云谷大数据产业园总投资20亿元，青峰农业大数据服务平台年内上线，青峰鸿途文旅小镇同步开工。

云谷大数据产业园一期已投产。全市将加快建设鸿途文旅小镇，推进云谷大数据产业园二期。
"""


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "2024-05-08-qingfeng-signing.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return read_document(path)


@pytest.fixture
def shipped(monkeypatch, tmp_path):
    """Ship ``model`` with ``threshold`` in place of the repository's project model."""

    shipments = itertools.count()

    def ship(model: LinearModel | None, threshold: float = 0.5) -> None:
        path = tmp_path / f"project_model-{next(shipments)}.json"  # a new file each time: loads are cached
        if model is not None:
            path.write_text(model.as_json(threshold=threshold), encoding="utf-8")
        monkeypatch.setattr(project_model, "MODEL_PATH", path)

    return ship


def test_the_shipped_model_was_trained_on_development_texts_only_with_the_shipped_named_model():
    about = json.loads(project_model.MODEL_PATH.read_text(encoding="utf-8"))
    assert trained_on_development_only(about["trained_on"])
    assert about["labels"] == [project_model.NOT_A_PROJECT, project_model.PROJECT]
    assert 0 < about["threshold"] < 0.5
    # it reads the named flag: trained again after the named model, or it weighs another model's
    assert about["named_model"] == load_named_model().version, "run scripts/train-project-model"


def test_it_reads_what_a_name_is_and_where_it_stands_and_learns_no_places_name():
    weights = project_model.load_project_model()[0].weights
    kinds = {f.partition("=")[0] for f in weights}
    assert {"ends", "first", "word", "word-before", "before", "named", "pair", "kind"} <= kinds
    learned = {f.partition("=")[2] for f in weights if f.startswith(("ends=", "pair="))}
    names = {"上海", "北京", "中关村", "华为", "贵州", "成都", "福州", "福建", "浙江", "重庆", "云南"}
    assert not names & learned


def features(name: str, evidence: str) -> dict[str, float]:
    return project_model.found_name_features(
        name, "x", named=True, evidence=evidence, mentions=1, with_organizations=False, with_places=False,
        lexicon=load_lexicon(), tok=tokenizer(),
    )  # fmt: skip


def test_what_it_reads_of_a_name_leaves_its_places_out_and_keeps_its_head():
    town = features("青峰鸿途文旅小镇", "青峰鸿途文旅小镇开工。")
    assert {"ends=小镇", "named=True", "pair=文旅"} <= town.keys()  # 小镇: a head jieba files as a place
    assert not any(f.startswith("ends=") for f in features("数字福建", "建设数字福建。"))
    assert not any(f.startswith("ends=") for f in features("天津滨海新区", "天津滨海新区开工。"))
    assert not {f for f in features("成都市医养结合中心", "成都市医养结合中心开工。") if "成都" in f}


def test_what_it_reads_around_a_name_written_with_quotes_inside():
    quoted = features("七朵云工程", "全面推进“七朵云”工程建设。")
    assert {"word-before=推进", "before=进", "after=建"} <= quoted.keys()


def test_a_name_the_model_does_not_take_for_a_project_is_neither_listed_nor_highlighted(article, shipped):
    shipped(None)
    everything = ex.extract_document(article)
    listed = {p["name"] for p in everything.projects}
    assert {"青峰云谷大数据产业园", "青峰农业大数据服务平台", "青峰鸿途文旅小镇"} <= listed
    town = {"青峰鸿途文旅小镇", "鸿途文旅小镇"}  # its mentions: in full, and without its city
    assert town <= {m.name for m in everything.mentions if m.category == PROJECT}
    assert any(set(i.projects) & town for i in everything.initiatives)

    # a model that takes every name for a project but one ending in 小镇
    shipped(LinearModel(("not-a-project", "project"), (-2.0, 2.0), {"ends=小镇": (4.0, -4.0)}, "test"))
    result = ex.extract_document(article)
    assert {p["name"] for p in result.projects} == listed - {"青峰鸿途文旅小镇"}
    found = {m.name for m in result.mentions if m.category == PROJECT}
    assert not found & town, "the town's mentions, its short form's too, go with it"
    assert {"青峰云谷大数据产业园", "云谷大数据产业园"} <= found, "the park's stay, its short form's too"
    assert not any(set(i.projects) & town for i in result.initiatives)
    assert [m for m in result.mentions if m.category != PROJECT] == [
        m for m in everything.mentions if m.category != PROJECT
    ]


def test_the_threshold_decides_how_sure_the_model_must_be(article, shipped):
    unsure = LinearModel(("not-a-project", "project"), (0.0, 0.0), {}, "test")  # 0.5 for every name
    shipped(unsure, threshold=0.4)
    assert len(ex.extract_document(article).projects) >= 3
    shipped(unsure, threshold=0.6)
    assert ex.extract_document(article).projects == []
