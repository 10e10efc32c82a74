"""Sentences, clauses and tokens: jieba with the genre's domain words, loaded once per process."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import marshal
import math
import os
import re
import tempfile
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from dashboard import settings
from dashboard.pipeline.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    import jieba

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


def jieba_folder() -> Path:
    """Where jieba is installed, found without importing it (which takes a good part of a second)."""
    return Path(find_spec("jieba").origin).parent


# jieba's main dictionary, whose words, frequencies and part-of-speech tags the finder reads too.
_DICTIONARY = jieba_folder() / "dict.txt"
# Text where rjieba may cut otherwise than jieba: letters or digits joined to more by - + # & _ %,
# or by a point before a letter or a second point (2020-2022, 10G-PON, 3.5G, 1.2.3: jieba-rs's HMM
# keeps them whole, jieba cuts them), and the rare Han characters that jieba-rs counts as Han and
# jieba does not (extension A, U+9FD6–U+9FFF, compatibility and supplementary ideographs); and
# a run said three times over (区区区), which two paths cut in the same words in another order: the
# two sums of the same logarithms then differ in their last bit alone, and which is the larger
# depends on the order the two programs add them in.
_NOT_LIKE_JIEBA = re.compile(
    "[A-Za-z0-9](?:[-+#&_%][A-Za-z0-9]|\\.[0-9]*[A-Za-z]|\\.[0-9]+\\.)"
    "|[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
    "|([\u4e00-\u9fd5]{1,3})\\1\\1"
)
# jieba's blocks (re_han_default) and what it keeps whole between them (re_skip_default): it cuts
# each block on its own, so a text can be cut block by block.
_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_TOTAL_MAKEWEIGHT = "\x00\x01"  # a word no text can hold: it only evens the two dictionaries' totals


class Segmenter:
    """jieba's segmentation (``jieba.Tokenizer.tokenize``, HMM on) of the main dictionary plus a
    lexicon's words, computed by rjieba, jieba's algorithm in Rust (tests/pipeline/test_text.py
    proves the tokens the same on the test corpus and the evaluation texts). A block of text that
    jieba-rs may cut otherwise is cut by jieba's own algorithm, written out below over the same
    dictionary (jieba's dictionary is not loaded for it; its HMM, ``jieba.finalseg``, is)."""

    def __init__(self, added: list[tuple[str, int]]) -> None:
        import rjieba

        self.added = added
        self.words = dict(added)  # the lexicon's words and their frequencies, over the dictionary's
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
        self.FREQ = {**_frequencies(), **self.words}  # as jieba's, less the prefixes it lists with 0
        self.total = _dictionary_table()[2] + sum(freq for _, freq in added)  # jieba's
        self._longest = max([_dictionary_table()[3], *(len(word) for word, _ in added)])

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) for each token, as ``jieba.Tokenizer.tokenize`` gives them."""
        if not _NOT_LIKE_JIEBA.search(text):
            return self._rust.tokenize(text)
        tokens, start = [], 0
        for block in _BLOCK.split(text):
            if not block:
                continue
            if _BLOCK.match(block):
                if _NOT_LIKE_JIEBA.search(block):
                    words = self._cut_block(block)
                else:
                    words = [word for word, _, _ in self._rust.tokenize(block)]
            else:  # as jieba: a space or line end whole, every other character alone
                words = [w for piece in _SKIP.split(block) if piece for w in _skipped(piece)]
            for word in words:
                tokens.append((word, start, start + len(word)))
                start += len(word)
        return tokens

    def _cut_block(self, sentence: str) -> list[str]:
        """jieba's ``Tokenizer.__cut_DAG`` (dictionary paths, the HMM for runs of single characters
        that are not a word), over the same frequencies and total, with the same arithmetic."""
        from jieba import finalseg

        freq, n = self.frequency, len(sentence)
        dag = [
            [i for i in range(k, min(n, k + self._longest)) if freq(sentence[k : i + 1])] or [k]
            for k in range(n)
        ]
        route: dict[int, tuple[float, int]] = {n: (0, 0)}
        logtotal = math.log(self.total)
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (math.log(freq(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in dag[idx]
            )
        words, buf, x = [], "", 0

        def flush() -> None:
            if len(buf) == 1:
                words.append(buf)
            elif buf:
                words.extend(finalseg.cut(buf) if not freq(buf) else buf)

        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                flush()
                buf = ""
                words.append(word)
            x = y
        flush()
        return words

    def lcut(self, text: str) -> list[str]:
        return [word for word, _, _ in self.tokenize(text)]

    def frequency(self, word: str) -> int:
        """How common a word is: the lexicon's frequency, else the main dictionary's, else 0."""
        return self.FREQ.get(word, 0)


def _skipped(piece: str) -> list[str] | str:
    return [piece] if _SKIP.match(piece) else piece


def _python_tokenizer() -> jieba.Tokenizer:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(settings.cache_folder())
    tok.initialize()
    return tok


def _lexicon_words(lexicon: Lexicon) -> list[tuple[str, int]]:
    """The words a lexicon adds to jieba's dictionary, with the frequencies jieba gives them (its
    suggestion where the lexicon names none), in the order they are added; kept in the cache folder
    beside jieba's own, so that jieba is loaded to work them out once per lexicon version."""
    stamp = _DICTIONARY.stat()
    path = settings.cache_folder() / f"words-{lexicon.version}-{stamp.st_size}-{stamp.st_mtime_ns}.json"
    try:
        return [(word, freq) for word, freq in json.loads(path.read_text(encoding="utf-8"))]
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
    return added


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
            tok = Segmenter(_lexicon_words(lexicon))
            while len(_tokenizers) >= _KEPT_TOKENIZERS:  # an edited lexicon displaces the oldest
                _tokenizers.pop(next(iter(_tokenizers)))
            _tokenizers[lexicon.version] = tok
        return tok


@functools.cache
def _dictionary_table() -> tuple[dict[str, int], dict[str, str], int, int]:
    """Frequency and part-of-speech tag of each word of jieba's main dictionary, as jieba reads
    them (a word listed twice keeps its last line), the total of its frequencies (every line
    counted, as jieba counts it) and its longest word; kept in the cache folder as a marshal file."""
    stamp = _DICTIONARY.stat()
    path = settings.cache_folder() / f"jieba-table-{stamp.st_size}-{stamp.st_mtime_ns}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    frequencies, tags, total = {}, {}, 0
    with _DICTIONARY.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line:
                word, freq, tag = line.split(" ")
                frequencies[word] = int(freq)
                tags[word] = tag
                total += int(freq)
    table = (frequencies, tags, total, max(map(len, frequencies)))
    _write_atomically(path, marshal.dumps(table))
    return table


def _frequencies() -> dict[str, int]:
    return _dictionary_table()[0]


def dictionary_tag(word: str) -> str | None:
    """jieba's part-of-speech tag for a dictionary word (``ns`` place, ``nz`` proper noun…), or None:
    the tag its main dictionary gives (what ``jieba.posseg`` reads from the same file)."""
    return _dictionary_table()[1].get(word)


def word_frequency(tok: Segmenter, word: str) -> int:
    """How common a word is in jieba's dictionary (0 for words it does not know)."""
    return tok.FREQ.get(word, 0)


def tokens(text: str, tok: Segmenter) -> list[Span]:
    """Tokens of ``text`` with offsets."""
    return [_span(Span, (start, end, word)) for word, start, end in tok.tokenize(text)]


_span = tuple.__new__  # a Span made without NamedTuple's own __new__, a Python call per token


def is_term(word: str, stopwords: frozenset[str]) -> bool:
    """Whether a token can count as a keyword: two or more characters, wordlike, not a stopword."""
    return len(word) >= 2 and bool(_WORDLIKE.search(word)) and word not in stopwords
