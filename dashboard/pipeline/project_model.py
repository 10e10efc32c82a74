"""Whether what the extraction found is a project at all, learned from the annotated development
texts.

The grammar and the name model propose names; on text they were not written or trained on, about
one in five of them is no project of the gold. Some are pieces of a clause (…天气让一些茶农,
达产作为集群), a person with a title, a dateline glued to a name (10日电（记者…）…小镇), a time
word before a head (第一季度新区) or a category (旅游景区, 服务平台). A logistic regression weighs
what a reader goes by: the head (the last characters), the first words and what they are (the
genre's and jieba's common words only, their part of speech, a word jieba does not know), the
parts of speech inside, the name's length, the word and the characters around its first mention,
whether it is named, mentioned again, and said with organizations or places, and the name's pairs
of characters outside its places and proper nouns (``sector_model.words_and_pairs``: no place's or
company's name is learned). A found name whose probability of being a project is under the
model's ``threshold`` is not listed.

The model learns from what a name model trained without a text finds in it, text by text
(``scripts/train-project-model``): the shipped name model, trained on every development text,
finds fewer wrong names in them than in a new text. Shipped as ``project_model.json`` beside this
file (``linear_model``); without it every name found is listed.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from dashboard.pipeline.entities import _COMMON_WORD, _PROPER_TAGS  # the grammar's own bounds
from dashboard.pipeline.lexicon import Lexicon
from dashboard.pipeline.linear_model import LinearModel, parse_linear_model
from dashboard.pipeline.sector_model import words_and_pairs
from dashboard.pipeline.text import Segmenter, dictionary_tag, word_frequency

MODEL_PATH = Path(__file__).with_name("project_model.json")
PROJECT, NOT_A_PROJECT = "project", "not-a-project"
_CONTEXT = 8  # characters before a name that are cut into words to find the word before it
_DIGITS = re.compile(r"\d")


def found_name_features(
    name: str,
    kind: str,
    *,
    named: bool,
    evidence: str,
    mentions: int,
    with_organizations: bool,
    with_places: bool,
    lexicon: Lexicon,
    tok: Segmenter,
) -> dict[str, float]:
    """What the model sees of a found name, from its first mention in ``evidence`` (its sentence).

    >>> from dashboard.pipeline.lexicon import load_lexicon
    >>> from dashboard.pipeline.text import tokenizer
    >>> f = found_name_features("这些产业园", "园区", named=False, evidence="推进这些产业园建设。", mentions=1,
    ...                      with_organizations=False, with_places=False, lexicon=load_lexicon(), tok=tokenizer())
    >>> f["first=这些"], f["ends=产业园"], f["before=进"], f["word-before=推进"]
    (1.0, 1.0, 1.0, 1.0)
    """

    def common(word: str) -> bool:
        return word in lexicon.generic_words or (
            word_frequency(tok, word) >= _COMMON_WORD and dictionary_tag(word) not in _PROPER_TAGS
        )

    def tag(word: str) -> str:
        found = dictionary_tag(word)
        if found is not None:
            return found[:2]
        if _DIGITS.search(word):
            return "m"
        return "oov" if len(word) > 1 else "x"

    features = {f"kind={kind}": 1.0, f"named={named}": 1.0, f"mentions={min(mentions, 3)}": 1.0}
    for n in (1, 2, 3):
        features[f"ends={name[-n:]}"] = 1.0
    words = [word for word, _, _ in tok.tokenize(name)]
    for position, word in zip(("first", "second"), words, strict=False):
        features[f"{position}={word if common(word) else '-'}"] = 1.0
        features[f"{position}-tag={tag(word)}"] = 1.0
    for word in words[:-1]:
        features[f"tag={tag(word)}"] = 1.0
        if common(word):
            features[f"word={word}"] = 1.0
    features[f"words={min(len(words), 8)}"] = 1.0
    features[f"length={min(len(name) // 3, 8)}"] = 1.0
    features["with-organizations"] = float(with_organizations)
    features["with-places"] = float(with_places)
    at = evidence.find(name)
    if at >= 0:
        features[f"before={evidence[at - 1 : at] or '^'}"] = 1.0
        features[f"after={evidence[at + len(name) : at + len(name) + 1] or '$'}"] = 1.0
        before = [word for word, _, _ in tok.tokenize(evidence[max(0, at - _CONTEXT) : at])]
        if before:
            features[f"word-before={before[-1] if common(before[-1]) else '-'}"] = 1.0
            features[f"tag-before={tag(before[-1])}"] = 1.0
    for pair in words_and_pairs(name, tok, words)[1]:
        features[f"pair={pair}"] = 1.0
    return features


def is_project(model: LinearModel, threshold: float, features: dict[str, float]) -> bool:
    """Whether the model gives a found name at least ``threshold`` of being a project."""
    return model.probability(features, PROJECT) >= threshold


def load_project_model() -> tuple[LinearModel, float] | None:
    """The shipped model and its threshold, or None where there is none (every name is listed)."""
    return _load(MODEL_PATH)


@functools.cache
def _load(path: Path) -> tuple[LinearModel, float] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return parse_linear_model(text), float(json.loads(text)["threshold"])
