"""Whether a project is named (one designated thing: 甲数字经济产业园, “乙”平台) or generic (a kind
of thing: 智能工厂, 零碳园区), learned from the annotated development texts.

The entity finder's rule (``entities.EntityFinder._is_named``) calls a name named when a word before
its head is proper (a place, a brand, a coined word, letters or digits), it is quoted or bracketed,
it opens with 国家, or it is an item of a list. It takes modifiers of a category for names (绿色数据中心,
千兆城市) and misses designations made of common words. A logistic regression weighs the rule's
answer with what a reader goes by: the common words before the head (the genre's generic words,
and words jieba knows well that are not places, people or brands: no name is learned), the head (the last
characters), what the words are (the genre's generic words only, a word jieba does not know, a word
it tags as a place or a proper noun, letters or digits, quotes), the characters just before and
after the name (、 and 等 of a list, 的, a quote), and whether a place or an organization was found
inside it. A name that opens with a place or an organization is named whatever the weights say
(``is_named``), as the annotation guide defines it. By cross-validation over documents it agrees with the annotators more often than the
rule (see ``scripts/train-named-model``).

Trained by ``scripts/train-named-model`` on ``data/evaluation/dev`` only and shipped as
``named_model.json`` beside this file (``linear_model``); without it the rule's answer stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from dashboard.pipeline.entities import _COMMON_WORD, _PROPER_TAGS  # the grammar's own bounds
from dashboard.pipeline.lexicon import Lexicon
from dashboard.pipeline.linear_model import LinearModel, load_linear_model
from dashboard.pipeline.text import Segmenter, dictionary_tag, word_frequency

MODEL_PATH = Path(__file__).with_name("named_model.json")
NAMED, GENERIC = "named", "generic"
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9０-９]")
_MARKS = '“”"「」()（）·'


def named_features(
    name: str,
    kind: str,
    rule: bool,
    *,
    evidence: str,
    inside: Iterable[str],
    opens_with: Iterable[str],
    repeated: bool,
    lexicon: Lexicon,
    tok: Segmenter,
) -> dict[str, float]:
    """What the model sees of a project: the rule's answer, its kind and head, the words before the
    head and what they are, the characters around its first mention in ``evidence`` (its sentence),
    the categories found ``inside`` it (place, organization) and whether it is mentioned again."""
    features = {f"rule={NAMED if rule else GENERIC}": 1.0, f"kind={kind}": 1.0}
    for n in (1, 2, 3):
        features[f"ends={name[-n:]}"] = 1.0
    words = [word for word, _, _ in tok.tokenize(name)]
    before_head = words[:-1]
    for word in before_head:  # common words only: the model learns no place's or company's name
        if is_common_word(word, lexicon, tok):
            features[f"word={word}"] = 1.0
    generic = [w for w in before_head if w in lexicon.generic_words]
    features["generic-words-only"] = float(bool(before_head) and len(generic) == len(before_head))
    features["coined"] = float(any(len(w) >= 2 and word_frequency(tok, w) == 0 for w in before_head))
    features["proper-word"] = float(any(dictionary_tag(w) in _PROPER_TAGS for w in before_head))
    features["letters-or-digits"] = float(bool(_LATIN_OR_DIGIT.search(name)))
    features["marks"] = float(any(c in name for c in _MARKS))
    features[f"words={min(len(before_head), 4)}"] = 1.0
    features[f"length={min(len(name) // 3, 5)}"] = 1.0
    features["repeated"] = float(repeated)
    at = evidence.find(name)
    if at >= 0:
        features[f"before={evidence[at - 1 : at] or '^'}"] = 1.0
        features[f"after={evidence[at + len(name) : at + len(name) + 1] or '$'}"] = 1.0
    for category in set(inside):
        features[f"inside={category}"] = 1.0
    for category in set(opens_with):
        features[f"opens-with={category}"] = 1.0
    return features


def is_common_word(word: str, lexicon: Lexicon, tok: Segmenter) -> bool:
    """One of the genre's generic words, or a word jieba knows well that is not a place, a person or
    a brand: a word a model may weigh."""
    return word in lexicon.generic_words or (
        word_frequency(tok, word) >= _COMMON_WORD and dictionary_tag(word) not in _PROPER_TAGS
    )


def is_named(model: LinearModel, features: dict[str, float]) -> bool:
    """The model's answer, but a name that opens with a place or an organization found in it
    (江州云谷数据中心, 甲集团智能工厂) designates one thing, as the annotation guide says: named. (On
    the development texts the model says so of all of them already; on a text of a kind it has
    not seen, the guide's definition stands.)"""
    if features.get("opens-with=organization") or features.get("opens-with=place"):
        return True
    return model.predict(features) == NAMED


def load_named_model() -> LinearModel | None:
    """The shipped model, or None where there is none (the rule's answer stands)."""
    return load_linear_model(MODEL_PATH)
