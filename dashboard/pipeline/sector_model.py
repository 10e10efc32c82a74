"""The sector of a project, learned from the annotated development texts.

The rules (``extraction._project_sector``) decide from the words of a name, the kind of thing it
is and the passage it stands in. They are right on about three projects in four of real published
text (0.734 on the development texts), and wrong in ways no single rule mends: a development zone
that the passage around it would make digital industry, a digital-government platform, a 数谷
that is not a grain valley. A linear model
(multinomial logistic regression) weighs what the rules see, their own answer among it, together
with the last characters of the name, the words it is made of (乳业, 动力电池, 零部件: what a
project makes or serves) and its pairs of characters (智算, 医养: words jieba does not know), so that
it can learn when to overrule them.

The model is trained by ``scripts/train-sector-model`` (scikit-learn) on ``data/evaluation/dev``
only, and shipped as ``sector_model.json`` beside this file (``linear_model``: its features, one
weight per sector each, and the intercepts).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dashboard.pipeline.entities import _PROPER_TAGS  # the grammar's own bound
from dashboard.pipeline.gazetteer import divisions
from dashboard.pipeline.linear_model import LinearModel, load_linear_model
from dashboard.pipeline.taxonomy import UNCLASSIFIED
from dashboard.pipeline.text import Segmenter, dictionary_tag, word_frequency

MODEL_PATH = Path(__file__).with_name("sector_model.json")
# Unclassified only where it leads the best sector by this much: a development zone that its clause
# gives a sector (依托甲开发区发展智能制造) keeps it. Chosen by cross-validation over documents
# (0.844 at 0, 0.846 at 0.5 on 3,567 projects; 0.839 at 0.75). With the name's words, on 4,337
# projects dealt into folds three ways: 0.861–0.866 at 0, 0.860–0.862 at 0.5, no steady difference.
UNCLASSIFIED_MARGIN = 0.5
SUFFIXES = (1, 2, 3)  # its last characters: the head (园, 中心, 平台…) says most about the kind


def sector_features(
    name: str,
    kind: str,
    passages: Iterable[str],
    rule: str,
    *,
    name_scores: dict[str, float],
    evidence_scores: dict[str, float],
    document_scores: dict[str, float],
    clause_scores: dict[str, float],
    words: Iterable[str],
    pairs: Iterable[str],
) -> dict[str, float]:
    """What the model sees of a project: the rules' answer, the kind of thing it is, the sector of
    the passages it is mentioned in, the sector words of its name, of the rest of its clause, of its
    sentence and of its whole document (as shares), the last characters of its name, and its
    ``words`` and ``pairs`` of characters (``words_and_pairs``). (Single characters inside the name
    add nothing by cross-validation.)"""
    features = {f"rule={rule}": 1.0, f"kind={kind}": 1.0}
    passages = list(passages)
    classified = [p for p in passages if p != UNCLASSIFIED]
    features[f"passage={classified[0] if classified else 'none'}"] = 1.0
    features[f"first-passage={passages[0] if passages else 'none'}"] = 1.0
    for sector, score in name_scores.items():
        if score:
            features[f"name={sector}"] = min(score, 3.0) / 3.0
    for prefix, scores in (
        ("clause", clause_scores),
        ("sentence", evidence_scores),
        ("document", document_scores),
    ):
        total = sum(scores.values())
        for sector, score in scores.items():
            if score:
                features[f"{prefix}={sector}"] = score / total
    for n in SUFFIXES:
        features[f"ends={name[-n:]}"] = 1.0
    for word in words:
        features[f"word={word}"] = 1.0
    for pair in pairs:
        features[f"pair={pair}"] = 1.0
    return features


def words_and_pairs(name: str, tok: Segmenter, cut: list[str] | None = None) -> tuple[list[str], list[str]]:
    """What a name is made of, from one cut of it (``cut``: its words, where they are at hand),
    without its names: no division's name and no word jieba tags as a place, person or other proper
    noun, so that no place's name is learned.

    - Its words: those of two characters or more that jieba knows. jieba's tags are coarse: the
      filter also drops some industries' words (光伏, 锂电池 are tagged as proper nouns), and lets
      through a few brands and areas that jieba files as common nouns (百度, 天府); keeping only
      place and person tags out did no better by cross-validation. The words took the model from
      0.846 to 0.862 (4,337 projects of 612 documents: the development texts and the tests' gold
      articles).
    - Its pairs: every two neighbouring characters outside those names, parts of words jieba does
      not know (智造, 智算, 灌区, 医养, 信创) and the ends of words that it cuts otherwise. Names
      jieba does not know, or files as common nouns, still pass, as they do for the words (贵安,
      鲲鹏, 张江); none of them is among the weightiest pairs. Pairs with digits, letters or
      brackets are kept (1号, 区（): keeping only pairs of Chinese characters scored 0.874–0.875.
      With the pairs, the model goes from 0.862–0.864 to 0.875–0.877 (5,789 projects of 827
      documents, three dealings of the folds). Pairs over the whole name, places and all, scored
      0.881 on this round's first harvest of examples, but learn the short names of companies and
      cities that recur (华为, 北京).

    >>> from dashboard.pipeline.text import tokenizer
    >>> words_and_pairs("江州市动力电池产业园", tokenizer())[0], words_and_pairs("临川乳业智能工厂", tokenizer())[0]
    (['动力电池', '产业园'], ['乳业', '智能工厂'])
    >>> words_and_pairs("临川高新区信创产业园", tokenizer())[1]
    ['信创', '创产', '产业', '业园']
    """
    if cut is None:
        cut = [word for word, _, _ in tok.tokenize(name)]
    words = [w for w in cut if len(w) > 1 and not is_a_name(w) and word_frequency(tok, w) > 0]
    text = without_names(cut)
    pairs = [text[i : i + 2] for i in range(len(text) - 1) if " " not in text[i : i + 2]]
    return words, pairs


def without_names(cut: list[str]) -> str:
    """A name's words joined again with each division's name and each word jieba tags as a place,
    person or other proper noun blanked out: what of it a model may learn.

    >>> without_names(["成都市", "医养", "结合", "中心"])
    '   医养结合中心'
    """
    return "".join(" " * len(word) if is_a_name(word) else word for word in cut)


def is_a_name(word: str) -> bool:
    """Whether a word is a division's name or one jieba tags as a place, a person or another proper
    noun: a word no model learns."""
    return word in divisions() or dictionary_tag(word) in _PROPER_TAGS


def predict_sector(model: LinearModel, features: dict[str, float]) -> str:
    """The model's sector; the best sector instead of unclassified where unclassified leads it by
    less than ``UNCLASSIFIED_MARGIN``.

    >>> model = LinearModel(("manufacturing", "unclassified"), (0.0, 0.0), {"kind=园区": (3.0, 3.2)}, "x")
    >>> predict_sector(model, {"kind=园区": 1.0}), predict_sector(model, {"kind=园区": 3.0})
    ('manufacturing', 'unclassified')
    """
    scores = model.scores(features)
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    if (
        ranked[0] == UNCLASSIFIED
        and len(ranked) > 1
        and scores[ranked[0]] - scores[ranked[1]] < UNCLASSIFIED_MARGIN
    ):
        return ranked[1]
    return ranked[0]


def load_sector_model() -> LinearModel | None:
    """The shipped model, or None where there is none (the rules' answer stands)."""
    return load_linear_model(MODEL_PATH)
