"""Sentences, clauses and tokens: jieba with the genre's domain words, loaded once per process."""

from __future__ import annotations

import functools
import logging
import re
import threading
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


_tokenizers: dict[str, jieba.Tokenizer] = {}
_KEPT_TOKENIZERS = 2  # the lexicon in use and one being edited
_lock = threading.Lock()


def tokenizer(lexicon: Lexicon | None = None) -> jieba.Tokenizer:
    """The process's jieba tokenizer for a lexicon version, built once with the domain words."""
    lexicon = lexicon or load_lexicon()
    with _lock:
        tok = _tokenizers.get(lexicon.version)
        if tok is None:
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.tmp_dir = str(settings.cache_folder())
            tok.initialize()
            for word, freq in lexicon.domain_words:
                tok.add_word(word, freq or max(tok.suggest_freq(word), 1000))
            for word in lexicon.actions:  # so that 建好 or 共建 are not glued to the name after them
                if len(word) >= 2 and tok.FREQ.get(word, 0) < 1000:
                    tok.add_word(word, 1000)
            while len(_tokenizers) >= _KEPT_TOKENIZERS:  # an edited lexicon displaces the oldest
                _tokenizers.pop(next(iter(_tokenizers)))
            _tokenizers[lexicon.version] = tok
        return tok


@functools.cache
def _word_tags() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def dictionary_tag(word: str) -> str | None:
    """jieba's part-of-speech tag for a dictionary word (``ns`` place, ``nz`` proper noun…), or None."""
    return _word_tags().get(word)


def word_frequency(tok: jieba.Tokenizer, word: str) -> int:
    """How common a word is in jieba's dictionary (0 for words it does not know)."""
    return tok.FREQ.get(word, 0)


def tokens(text: str, tok: jieba.Tokenizer) -> list[Span]:
    """Tokens of ``text`` with offsets."""
    return [Span(start, end, word) for word, start, end in tok.tokenize(text)]


def is_term(word: str, stopwords: frozenset[str]) -> bool:
    """Whether a token can count as a keyword: two or more characters, wordlike, not a stopword."""
    return len(word) >= 2 and bool(_WORDLIKE.search(word)) and word not in stopwords
