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
of characters. Its last characters and its pairs are read outside places and proper nouns
(``sector_model.is_a_name``; the grammar's heads stay, 小镇 and 新区 among them), and its words only
where they are common (``named_model.is_common_word``): no place's or company's name is learned
(names jieba does not know pass, as they do for the sector model). A found name whose probability
of being a project is under the model's ``threshold`` is not listed.

The model learns from what a name model trained without a text finds in it, text by text
(``scripts/train-project-model``): the shipped name model, trained on every development text,
finds fewer wrong names in them than in a new text. Shipped as ``project_model.json`` beside this
file (``linear_model``); without it every name found is listed.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator
from pathlib import Path

from dashboard.pipeline.entities import normalise_name, project_heads
from dashboard.pipeline.lexicon import Lexicon
from dashboard.pipeline.linear_model import LinearModel, parse_linear_model
from dashboard.pipeline.name_model import word_tag
from dashboard.pipeline.named_model import is_common_word
from dashboard.pipeline.sector_model import is_a_name, words_and_pairs
from dashboard.pipeline.text import Segmenter

MODEL_PATH: Path | None = Path(__file__).with_name("project_model.json")  # None: every name is listed
PROJECT, NOT_A_PROJECT = "project", "not-a-project"
_CONTEXT = 8  # characters before a name that are cut into words to find the word before it


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
    >>> f = found_name_features("这些产业园", "园区", named=False, evidence="推进这些产业园建设。",
    ...     mentions=1, with_organizations=False, with_places=False, lexicon=load_lexicon(), tok=tokenizer())
    >>> f["first=这些"], f["ends=产业园"], f["before=进"], f["word-before=推进"]
    (1.0, 1.0, 1.0, 1.0)
    """
    features = {f"kind={kind}": 1.0, f"named={named}": 1.0, f"mentions={min(mentions, 3)}": 1.0}
    words = [word for word, _, _ in tok.tokenize(name)]
    # its last characters outside names (数字甲省, 乙滨海新区), but heads jieba files as places stay (小镇, 新区)
    heads = project_heads(lexicon)
    ending = "".join(" " * len(w) if w not in heads and is_a_name(w) else w for w in words)
    for n in (1, 2, 3):
        if len(ending) >= n and " " not in ending[-n:]:
            features[f"ends={ending[-n:]}"] = 1.0
    for position, word in zip(("first", "second"), words, strict=False):
        features[f"{position}={word if is_common_word(word, lexicon, tok) else '-'}"] = 1.0
        features[f"{position}-tag={word_tag(word)}"] = 1.0
    for word in words[:-1]:
        features[f"tag={word_tag(word)}"] = 1.0
        if is_common_word(word, lexicon, tok):
            features[f"word={word}"] = 1.0
    features[f"words={min(len(words), 8)}"] = 1.0
    features[f"length={min(len(name) // 3, 8)}"] = 1.0
    features["with-organizations"] = float(with_organizations)
    features["with-places"] = float(with_places)
    sentence = normalise_name(evidence)  # written as the name is: “甲”工程 is 甲工程
    at = sentence.find(name)
    if at >= 0:
        features[f"before={sentence[at - 1 : at] or '^'}"] = 1.0
        features[f"after={sentence[at + len(name) : at + len(name) + 1] or '$'}"] = 1.0
        before = [word for word, _, _ in tok.tokenize(sentence[max(0, at - _CONTEXT) : at])]
        if before:
            word = before[-1]
            features[f"word-before={word if is_common_word(word, lexicon, tok) else '-'}"] = 1.0
            features[f"tag-before={word_tag(word)}"] = 1.0
    for pair in words_and_pairs(name, tok, words)[1]:
        features[f"pair={pair}"] = 1.0
    return features


def is_project(model: LinearModel, threshold: float, features: dict[str, float]) -> bool:
    """Whether the model gives a found name at least ``threshold`` of being a project."""
    return model.probability(features, PROJECT) >= threshold


@contextlib.contextmanager
def everything_listed() -> Iterator[None]:
    """Inside, the extraction lists every name it finds, as with no model shipped: what the named
    and sector models learn from, so that they do not depend on this model, which reads them."""
    global MODEL_PATH
    shipped, MODEL_PATH = MODEL_PATH, None
    try:
        yield
    finally:
        MODEL_PATH = shipped


def load_project_model() -> tuple[LinearModel, float] | None:
    """The shipped model and its threshold, or None where there is none (every name is listed)."""
    return None if MODEL_PATH is None else _load(MODEL_PATH)


@functools.cache
def _load(path: Path) -> tuple[LinearModel, float] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return parse_linear_model(text), float(json.loads(text)["threshold"])
