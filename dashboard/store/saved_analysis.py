"""A saved analysis: the whole state of a view (filters, selected term, language, lexicon edits) as
one small JSON file that can be opened again later.

    >>> text = dump(url_filters.Filters(sectors=("agriculture",), term="跨境电商", lang="en"))
    >>> load(text)
    (Filters(sectors=('agriculture',), pillar=None, docs=(), q='', term='跨境电商', lang='en', mode=None, controls=()), {})

The filters are stored as the query parameters of a shared link (``sector``, ``pillar``, ``doc``,
``q``, ``term``, ``lang`` and the page controls), so a saved analysis and a link describe a view in the same words.
Lexicon edits are the words added to and removed from each word list:
``{"domain": {"added": ["算力券"], "removed": []}}``. Anything else is refused with a reason
(an ``AnalysisError``), never half-restored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from dashboard.pipeline import taxonomy as tx
from dashboard.present.glossary import t
from dashboard.query import filters as url_filters

FORMAT = "digital-economy-dashboard/analysis"
VERSION = 1
MAX_BYTES = 200_000  # a saved analysis is a few hundred bytes; anything this large is not one
MAX_WORD = 50
# Word lists a lexicon edit may touch: the domain words, the stopwords, and each sector's words.
WORD_LISTS: tuple[str, ...] = ("domain", "stopwords", *tx.SECTORS)
FILTER_KEYS = (*(key for key in url_filters.PARAMS if key != "mode"), *url_filters.CONTROLS)

LexiconEdits = dict[str, dict[str, list[str]]]


class AnalysisError(ValueError):
    """Why a file cannot be opened as a saved analysis; ``message(lang)`` says it in zh or en."""

    def __init__(self, reason: str, **values: object) -> None:
        self.reason = reason
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return t(f"refused_{self.reason}", lang, **self.values)


def dump(filters: url_filters.Filters, lexicon_edits: LexiconEdits | None = None) -> str:
    """The analysis as JSON text (UTF-8, Chinese kept readable). Presenter mode is not saved."""
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "filters": url_filters.to_query(filters.replace(mode=None)),
        "lexicon_edits": _clean_edits(lexicon_edits or {}),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def load(
    text: str | bytes, *, documents: Iterable[str] | None = None
) -> tuple[url_filters.Filters, LexiconEdits]:
    """The filters and lexicon edits of a saved analysis; raises ``AnalysisError`` with the reason.

    ``documents`` lists the corpus's document ids: an analysis of a document that is not there is
    refused rather than opened on another view.
    """
    if len(text) > MAX_BYTES:
        raise AnalysisError("too_large", limit=MAX_BYTES // 1000)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AnalysisError("not_text") from None
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnalysisError("not_json", line=error.lineno, column=error.colno) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise AnalysisError("foreign")
    if payload.get("version") != VERSION:
        raise AnalysisError("version", found=payload.get("version"), supported=VERSION)
    filters = _filters(payload.get("filters", {}), documents)
    return filters, _edits(payload.get("lexicon_edits", {}))


def _filters(raw: object, documents: Iterable[str] | None) -> url_filters.Filters:
    if not isinstance(raw, dict):
        raise AnalysisError("bad_filter", param="filters", value=raw)
    for key, value in raw.items():
        if key not in FILTER_KEYS or not isinstance(value, str):
            raise AnalysisError("bad_filter", param=key, value=value)
    filters = url_filters.parse(raw)
    # parse() drops what it does not know, as a hand-edited link should; a saved file is refused
    for key, value in raw.items():
        if not _kept(key, value, filters):
            raise AnalysisError("bad_filter", param=key, value=value)
    unknown = [d for d in filters.docs if documents is not None and d not in set(documents)]
    if unknown:
        raise AnalysisError("unknown_document", doc="、".join(unknown))
    return filters


def _kept(key: str, value: str, filters: url_filters.Filters) -> bool:
    """Whether parsing kept ``value`` of ``key`` (free text, ``q`` and ``term``, always is)."""
    if key == "sector":
        return {s.strip() for s in value.split(",") if s.strip()} <= set(filters.sectors)
    if key == "doc":
        return {d.strip() for d in value.split(",") if d.strip()} <= set(filters.docs)
    if key in url_filters.CONTROLS:
        return url_filters.CONTROLS[key].clean(" ".join(value.split())) is not None or not value.strip()
    if key in ("pillar", "lang"):
        return value.strip() == (getattr(filters, key) or "") or (key == "lang" and not value)
    return True


def _edits(raw: object) -> LexiconEdits:
    if not isinstance(raw, dict):
        raise AnalysisError("bad_lexicon", detail="not an object")
    for word_list, change in raw.items():
        if word_list not in WORD_LISTS:
            raise AnalysisError("bad_lexicon", detail=f"unknown word list {word_list!r}")
        if not isinstance(change, dict) or set(change) - {"added", "removed"}:
            raise AnalysisError("bad_lexicon", detail=f"{word_list}: expected 'added' and 'removed'")
        for side, words in change.items():
            if not isinstance(words, list) or not all(_is_word(w) for w in words):
                raise AnalysisError("bad_lexicon", detail=f"{word_list}.{side}: expected a list of words")
    return _clean_edits(raw)


def _is_word(word: object) -> bool:
    return isinstance(word, str) and 0 < len(word) <= MAX_WORD and not any(c.isspace() for c in word)


def _clean_edits(edits: LexiconEdits) -> LexiconEdits:
    """Edits without empty lists, each list without repeats, in the order the words were given."""
    clean: LexiconEdits = {}
    for word_list in WORD_LISTS:
        change = edits.get(word_list) or {}
        sides = {side: list(dict.fromkeys(change.get(side) or [])) for side in ("added", "removed")}
        if any(sides.values()):
            clean[word_list] = sides
    return clean
