"""Names of projects learned from the annotated development texts: a character tagger.

The grammar (``entities``) finds a project by its head (产业园, 数据中心, 平台…) and walks left to
where its name starts. On text it was not written against it finds about two named projects in
three: names without a head it knows (大唐不夜城, 数智贵州), brands and quotes inside a name, and
starts it cannot tell from the words before them. A linear-chain conditional random field (CRF,
with CRFsuite) tags each character of a paragraph as the beginning of a name, inside one, or
outside, from the characters around it, the words jieba cuts there and their part of speech,
whether a word is one of the grammar's heads, and whether it stands in quotes. Trained on the
development texts only (``scripts/train-name-model``), it finds as many projects as the grammar on
held-out texts, and many others: the extraction takes both (``merged``).

Each name it finds comes with the tagger's confidence: the lowest marginal probability of the
name's characters' tags. A name of ``about["threshold"]`` or more stands as the tagger found it;
one between ``about["lowest"]`` and that stands only if it reads as one named project
(``EntityFinder.with_learned``); below, it is left out. Both are chosen by cross-validation over
documents.

    >>> marked = ["B", "I", "I", "O", "I", "B", "I"]
    >>> spans(marked)
    [(0, 3), (4, 5), (5, 7)]
"""

from __future__ import annotations

import functools
import json
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dashboard.pipeline.text import Span, dictionary_tag, sentences

MODEL_PATH = Path(__file__).with_name("name_model.crfsuite")
ABOUT_PATH = Path(__file__).with_name("name_model.json")
OPENING_QUOTES = "“‘「『《"
CLOSING_QUOTES = "”’」』》"
MAX_NAME = 50  # characters of the longest name (the evaluation's gold: 35)
MAX_TAGGED = 2000  # characters the tagger reads at once (the evaluation's longest paragraph: 592)
_NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿")


@functools.cache
def _character_type(ch: str) -> str:
    if ch in _NUMERALS:
        return "D"
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    if ch.isascii() and ch.isalpha():
        return "L"
    return "P"


@functools.lru_cache(maxsize=1 << 16)
def word_tag(word: str) -> str:
    """A word's part of speech as jieba's dictionary gives it (first two letters), ``oov`` for a
    word it does not know, ``m`` for digits."""
    tag = dictionary_tag(word)
    if tag is not None:
        return tag[:2]
    if word.isdigit():
        return "m"
    return "oov" if len(word) > 1 else _character_type(word)


def features(text: str, toks: Sequence[Span], heads: frozenset[str]) -> list[tuple[str, ...]]:
    """What the tagger sees of each character of ``text`` (a paragraph), cut into ``toks``: the
    character and the one on each side of it, the word jieba cuts there (its part of speech,
    whether it is one of the grammar's heads) and the words before and after that one, and whether
    it stands in quotes. Built column by column: a paragraph's characters at once. Eleven kinds of
    feature, chosen by cross-validation over the development texts: the words around found more
    names than the second character on each side, which they replace (recall 0.797 → 0.802,
    precision 0.779 → 0.784 on 552 texts; keeping both found no more); seven more (the
    character's type, its place in its word, the neighbours' parts of speech and heads) added
    nothing and cost a third of the tagger's time."""
    n = len(text)
    if not n:
        return []
    # the columns that come from words are filled word by word, each value made once per word
    word, tag, head = ["w="] * n, ["tag=P"] * n, ["head=0"] * n
    before, after = ["w-1=^"] * n, ["w+1=$"] * n
    last = len(toks) - 1
    for k, t in enumerate(toks):
        start, end = t.start, t.end
        length = end - start
        if length > 1:
            word[start:end] = ["w=" + t.text] * length
        tag[start:end] = ["tag=" + word_tag(t.text)] * length
        if t.text in heads:
            head[start:end] = ["head=1"] * length
        if k:
            before[start:end] = ["w-1=" + toks[k - 1].text] * length
        if k < last:
            after[start:end] = ["w+1=" + toks[k + 1].text] * length
    quoted = []
    inside = "quoted=0"
    for ch in text:
        if ch in OPENING_QUOTES:
            inside = "quoted=1"
        quoted.append(inside)
        if ch in CLOSING_QUOTES:
            inside = "quoted=0"
    padded = "^" + text + "$"
    previous, following = padded[:n], padded[2:]
    columns = (
        ["c=" + c for c in text],
        ["c-1=" + c for c in previous],
        ["c+1=" + c for c in following],
        ["c-1c=" + a + b for a, b in zip(previous, text, strict=True)],
        ["cc+1=" + a + b for a, b in zip(text, following, strict=True)],
        tag,
        quoted,
        head,
        word,
        before,
        after,
    )
    return list(zip(*columns, strict=True))


def spans(marks: Sequence[str]) -> list[tuple[int, int]]:
    """The (start, end) of each name in a sequence of B/I/O marks (an I after O starts one)."""
    found, start = [], None
    for k, mark in enumerate([*marks, "O"]):
        if mark != "I" and start is not None:
            found.append((start, k))
            start = None
        if mark == "B" or (mark == "I" and start is None):
            start = k
    return found


@dataclass(frozen=True)
class LearnedName:
    """A name the tagger found: offsets into the paragraph, and its confidence (0–1)."""

    start: int
    end: int
    confidence: float


class NameModel:
    """The shipped tagger: ``names(paragraph, tokens, heads)``."""

    def __init__(self, model_path: Path, threshold: float, lowest: float | None = None) -> None:
        import pycrfsuite

        self.threshold = threshold  # a name this sure stands as the tagger found it
        self.lowest = threshold if lowest is None else min(lowest, threshold)  # below: no name
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))

    def names(self, text: str, toks: Sequence[Span], heads: frozenset[str]) -> list[LearnedName]:
        """The names in ``text`` (a paragraph: what the tagger was trained on). A paragraph longer
        than ``MAX_TAGGED`` characters is read sentence by sentence, and a sentence longer than
        that is left to the grammar: the tagger's time and memory grow with what it reads at once."""
        if len(text) <= MAX_TAGGED:
            return self._names(text, toks, heads)
        found = []
        starts = [t.start for t in toks]  # in order: each sentence's tokens are one slice of them
        for sentence in sentences(text):
            if len(sentence.text) <= MAX_TAGGED:
                first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
                inside = [
                    Span(t.start - sentence.start, t.end - sentence.start, t.text)
                    for t in toks[first:last]
                    if t.end <= sentence.end
                ]
                found += [
                    LearnedName(n.start + sentence.start, n.end + sentence.start, n.confidence)
                    for n in self._names(sentence.text, inside, heads)
                ]
        return found

    def _names(self, text: str, toks: Sequence[Span], heads: frozenset[str]) -> list[LearnedName]:
        if not text:
            return []
        tagger = self._tagger
        marks = tagger.tag(features(text, toks, heads))
        found = []
        for start, end in spans(marks):
            confidence = min(tagger.marginal(marks[k], k) for k in range(start, end))
            if confidence >= self.lowest and 2 <= end - start <= MAX_NAME:
                found.append(LearnedName(start, end, confidence))
        return found


@functools.cache
def load_name_model(model_path: Path | None = None, about_path: Path | None = None) -> NameModel | None:
    """The shipped tagger (or the one at ``model_path``), or None where there is none: the grammar
    alone finds names then."""
    model_path, about_path = model_path or MODEL_PATH, about_path or ABOUT_PATH
    try:
        about = json.loads(about_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if not model_path.is_file():
        return None
    return NameModel(model_path, float(about["threshold"]), about.get("lowest"))


def within(names: Iterable[LearnedName], start: int, end: int) -> list[LearnedName]:
    """The names that lie inside ``[start, end)`` (a sentence of the paragraph)."""
    return [name for name in names if start <= name.start and name.end <= end]
