"""Sentences, clauses and tokens: jieba with the genre's domain words, loaded once per process."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import marshal
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import NamedTuple

import jieba

from dashboard import settings
from dashboard.pipeline.lexicon import Lexicon, load_lexicon

_SENTENCE_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")
_CLAUSE_SEPARATORS = "，、：,:"
_OPENING_QUOTES = "“‘「『《"
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z]")


class Span(NamedTuple):
    """A piece of text and where it stands: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


def sentences(text: str) -> list[Span]:
    """Sentences of a paragraph, cut after 。！？； and line ends; offsets index into ``text``.
    A run longer than ``MAX_SENTENCE`` characters without such an end is cut further (after a
    comma where there is one), so that no single sentence can make the work below it explode."""
    spans = []
    for match in _SENTENCE_END.finditer(text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        spans.extend(_bounded(Span(start, start + len(stripped), stripped)))
    return spans


MAX_SENTENCE = 600


def _bounded(span: Span) -> list[Span]:
    pieces = []
    while len(span.text) > MAX_SENTENCE:
        window = span.text[:MAX_SENTENCE]
        cut = max(window.rfind(c) for c in "，、：,: ") + 1 or MAX_SENTENCE
        pieces.append(Span(span.start, span.start + cut, span.text[:cut]))
        span = Span(span.start + cut, span.end, span.text[cut:])
    pieces.append(span)
    return pieces


def clauses(sentence: str, separators: str = _CLAUSE_SEPARATORS) -> list[Span]:
    """Clauses of a sentence, cut at ，、：; quoted passages (“…”) are not cut."""
    if not any(q in sentence for q in _OPENING_QUOTES):
        return _plain_clauses(sentence, separators)
    spans, start, depth = [], 0, 0
    for i, ch in enumerate(sentence):
        if ch in _OPENING_QUOTES:
            depth += 1
        elif ch in "”’」』》":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            if i > start:
                spans.append(Span(start, i, sentence[start:i]))
            start = i + 1
    tail = sentence[start:].rstrip("。！？；!?;")
    if tail:
        spans.append(Span(start, start + len(tail), tail))
    return spans


@functools.lru_cache(maxsize=16)
def _clause_pattern(separators: str) -> re.Pattern:
    return re.compile(f"[^{re.escape(separators)}]+")


def _plain_clauses(sentence: str, separators: str) -> list[Span]:
    spans = []
    for match in _clause_pattern(separators).finditer(sentence):
        text = match.group(0).rstrip("。！？；!?;")
        if text:
            spans.append(Span(match.start(), match.start() + len(text), text))
    return spans


# jieba's main dictionary, whose words, frequencies and part-of-speech tags the finder reads too.
_DICTIONARY = Path(jieba.__file__).parent / "dict.txt"
# Text where rjieba may cut otherwise than jieba: letters or digits joined to more by - + # & _ %,
# or by a point before a letter or a second point (2020-2022, 10G-PON, 3.5G, 1.2.3: jieba-rs's HMM
# keeps them whole, jieba cuts them), and the rare Han characters that jieba-rs counts as Han and
# jieba does not (extension A, U+9FD6–U+9FFF, compatibility and supplementary ideographs). jieba
# itself cuts such a text.
_NOT_LIKE_JIEBA = re.compile(
    "[A-Za-z0-9](?:[-+#&_%][A-Za-z0-9]|\\.[0-9]*[A-Za-z]|\\.[0-9]+\\.)"
    "|[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
_TOTAL_MAKEWEIGHT = "\x00\x01"  # a word no text can hold: it only evens the two dictionaries' totals


class Segmenter:
    """jieba's segmentation (``jieba.Tokenizer.tokenize``, HMM on) of the main dictionary plus a
    lexicon's words, computed by rjieba, jieba's algorithm in Rust (tests/pipeline/test_text.py
    proves the tokens the same on the test corpus and the evaluation texts). Text that jieba-rs may
    cut otherwise goes to jieba itself, loaded only then."""

    def __init__(self, added: list[tuple[str, int]], python: jieba.Tokenizer | None = None) -> None:
        import rjieba

        self.added = added
        self.words = dict(added)  # the lexicon's words and their frequencies, over the dictionary's
        self._python = python
        self._rust = rjieba.Jieba()
        # jieba adds a word's new frequency to the total; jieba-rs adds the difference from its old
        # one. The total weighs every path, so the old frequencies are added back as one word.
        makeweight, seen = 0, {}
        for word, freq in added:
            makeweight += seen.get(word, _frequencies().get(word, 0))
            seen[word] = freq
            self._rust.add_word(word, freq, None)
        if makeweight:
            self._rust.add_word(_TOTAL_MAKEWEIGHT, makeweight, None)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) for each token, as ``jieba.Tokenizer.tokenize`` gives them."""
        if _NOT_LIKE_JIEBA.search(text):
            return list(self.python().tokenize(text))
        return self._rust.tokenize(text)

    def lcut(self, text: str) -> list[str]:
        return [word for word, _, _ in self.tokenize(text)]

    def frequency(self, word: str) -> int:
        """How common a word is: the lexicon's frequency, else the main dictionary's, else 0."""
        freq = self.words.get(word)
        return freq if freq is not None else _frequencies().get(word, 0)

    def python(self) -> jieba.Tokenizer:
        """jieba itself with the same words, built on first need."""
        with _lock:
            if self._python is None:
                self._python = _python_tokenizer()
                for word, freq in self.added:
                    self._python.add_word(word, freq)
            return self._python


def _python_tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(settings.cache_folder())
    tok.initialize()
    return tok


def _lexicon_words(lexicon: Lexicon) -> tuple[list[tuple[str, int]], jieba.Tokenizer | None]:
    """The words a lexicon adds to jieba's dictionary, with the frequencies jieba gives them (its
    suggestion where the lexicon names none), in the order they are added; kept in the cache folder
    beside jieba's own, so that jieba is loaded to work them out once per lexicon version."""
    stamp = _DICTIONARY.stat()
    path = settings.cache_folder() / f"words-{lexicon.version}-{stamp.st_size}-{stamp.st_mtime_ns}.json"
    try:
        return [(word, freq) for word, freq in json.loads(path.read_text(encoding="utf-8"))], None
    except (OSError, ValueError, TypeError):
        pass
    tok = _python_tokenizer()
    added = []
    for word, freq in lexicon.domain_words:
        freq = freq or max(tok.suggest_freq(word), 1000)
        tok.add_word(word, freq)
        added.append((word, freq))
    for word in sorted(lexicon.actions):  # so that 建好 or 共建 are not glued to the name after them
        if len(word) >= 2 and tok.FREQ.get(word, 0) < 1000:
            tok.add_word(word, 1000)
            added.append((word, 1000))
    _write_atomically(path, json.dumps(added, ensure_ascii=False).encode("utf-8"))
    return added, tok


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as out:
            out.write(data)
        os.replace(out.name, path)
    except OSError:  # a read-only cache folder: worked out again next time
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(out.name)


_tokenizers: dict[str, Segmenter] = {}
_KEPT_TOKENIZERS = 2  # the lexicon in use and one being edited
_lock = threading.RLock()


def tokenizer(lexicon: Lexicon | None = None) -> Segmenter:
    """The process's tokenizer for a lexicon version, built once with the domain words."""
    lexicon = lexicon or load_lexicon()
    with _lock:
        tok = _tokenizers.get(lexicon.version)
        if tok is None:
            tok = Segmenter(*_lexicon_words(lexicon))
            while len(_tokenizers) >= _KEPT_TOKENIZERS:  # an edited lexicon displaces the oldest
                _tokenizers.pop(next(iter(_tokenizers)))
            _tokenizers[lexicon.version] = tok
        return tok


@functools.cache
def _dictionary_table() -> tuple[dict[str, int], dict[str, str]]:
    """Frequency and part-of-speech tag of each word of jieba's main dictionary, as jieba reads
    them (a word listed twice keeps its last line), kept in the cache folder as a marshal file."""
    stamp = _DICTIONARY.stat()
    path = settings.cache_folder() / f"jieba-words-{stamp.st_size}-{stamp.st_mtime_ns}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    frequencies, tags = {}, {}
    with _DICTIONARY.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line:
                word, freq, tag = line.split(" ")
                frequencies[word] = int(freq)
                tags[word] = tag
    _write_atomically(path, marshal.dumps((frequencies, tags)))
    return frequencies, tags


def _frequencies() -> dict[str, int]:
    return _dictionary_table()[0]


def dictionary_tag(word: str) -> str | None:
    """jieba's part-of-speech tag for a dictionary word (``ns`` place, ``nz`` proper noun…), or None:
    the tag its main dictionary gives (what ``jieba.posseg`` reads from the same file)."""
    return _dictionary_table()[1].get(word)


def word_frequency(tok: Segmenter, word: str) -> int:
    """How common a word is in jieba's dictionary (0 for words it does not know)."""
    return tok.frequency(word)


def tokens(text: str, tok: Segmenter) -> list[Span]:
    """Tokens of ``text`` with offsets."""
    return [Span(start, end, word) for word, start, end in tok.tokenize(text)]


def is_term(word: str, stopwords: frozenset[str]) -> bool:
    """Whether a token can count as a keyword: two or more characters, wordlike, not a stopword."""
    return len(word) >= 2 and bool(_WORDLIKE.search(word)) and word not in stopwords
