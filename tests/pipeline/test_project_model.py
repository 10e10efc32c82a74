"""The project model: trained on development texts only, learning no place's or company's name,
and leaving out of the projects, and of the mentions, a found name it does not take for a project;
without a model, every name found is listed."""

import itertools
import json

import pytest
from conftest import trained_on_development_only

from dashboard.pipeline import extraction as ex
from dashboard.pipeline import project_model
from dashboard.pipeline.entities import PROJECT
from dashboard.pipeline.linear_model import LinearModel
from dashboard.pipeline.read import read_document

# Invented names: a park, a platform and a show town, each named once.
ARTICLE = """---
title: 青峰市数字经济项目集中签约
date: 2024-05-08
---

青峰市数字经济项目集中签约仪式昨日举行。青峰云谷大数据产业园总投资20亿元，青峰农业大数据服务平台年内上线，鸿途数字文旅小镇同步开工。
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


def test_the_shipped_model_was_trained_on_development_texts_only():
    about = json.loads(project_model.MODEL_PATH.read_text(encoding="utf-8"))
    assert trained_on_development_only(about["trained_on"])
    assert about["labels"] == [project_model.NOT_A_PROJECT, project_model.PROJECT]
    assert 0 < about["threshold"] < 0.5


def test_the_words_it_weighs_are_common_words_and_its_pairs_no_places_name():
    weights = project_model.load_project_model()[0].weights
    kinds = ("word", "first", "second", "word-before")
    words = {f.partition("=")[2] for f in weights if f.partition("=")[0] in kinds}
    pairs = {f.partition("=")[2] for f in weights if f.startswith("pair=")}
    assert words and pairs
    names = {"上海", "北京", "中关村", "中国电信", "华为", "阿里巴巴", "贵州", "成都"}
    assert not names & words and not names & pairs


def test_a_name_the_model_does_not_take_for_a_project_is_neither_listed_nor_highlighted(article, shipped):
    shipped(None)
    everything = ex.extract_document(article)
    listed = {p["name"] for p in everything.projects}
    assert {"青峰云谷大数据产业园", "青峰农业大数据服务平台", "鸿途数字文旅小镇"} <= listed

    # a model that takes every name for a project but the one ending in 小镇
    shipped(LinearModel(("not-a-project", "project"), (-2.0, 2.0), {"ends=小镇": (4.0, -4.0)}, "test"))
    result = ex.extract_document(article)
    assert {p["name"] for p in result.projects} == listed - {"鸿途数字文旅小镇"}
    found = {m.name for m in result.mentions if m.category == PROJECT}
    assert "鸿途数字文旅小镇" not in found and "青峰云谷大数据产业园" in found
    assert [m for m in result.mentions if m.category != PROJECT] == [
        m for m in everything.mentions if m.category != PROJECT
    ]


def test_the_threshold_decides_how_sure_the_model_must_be(article, shipped):
    unsure = LinearModel(("not-a-project", "project"), (0.0, 0.0), {}, "test")  # 0.5 for every name
    shipped(unsure, threshold=0.4)
    assert len(ex.extract_document(article).projects) >= 3
    shipped(unsure, threshold=0.6)
    assert ex.extract_document(article).projects == []
