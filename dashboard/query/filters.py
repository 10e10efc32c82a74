"""The view state of the dashboard (filters, language, mode) and its URL query parameters.

A shared link reproduces a view, so the state round-trips through the query string::

    >>> f = parse({"sector": "agriculture,services", "lang": "en", "bogus": "1"})
    >>> f.sectors, f.lang
    (('services', 'agriculture'), 'en')
    >>> to_query(f)
    {'sector': 'services,agriculture', 'lang': 'en'}

Sectors are kept in the taxonomy's order, so equal views give equal links. Unknown keys and values
are dropped, never raised: a hand-edited link still opens.

The choices of a page's own controls (the keywords' ranking, the projects' row count…) are view
state too: ``CONTROLS`` names them, each with its page, parameter and default. They are kept only
when they differ from the default, so links stay short::

    >>> f = parse({"rank": "textrank", "top": "30", "split": "1"})
    >>> f.control("rank"), f.control("top"), f.control("split"), f.control("generic")
    ('textrank', 30, True, False)
    >>> to_query(f, page="keywords")
    {'rank': 'textrank', 'top': '30', 'split': '1'}
    >>> to_query(f, page="projects")
    {}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from dashboard.pipeline import taxonomy as tx

LANGS = ("zh", "en")
PRESENT = "present"
SECTOR_CHOICES: tuple[str, ...] = (*tx.SECTORS, tx.UNCLASSIFIED)
PILLAR_CHOICES: tuple[str, ...] = (*tx.PILLARS, tx.UNCLASSIFIED)
MAX_TEXT = 100  # search text and terms longer than this are cut, not rejected

# Order of the parameters in a link, so equal views give equal links.
PARAMS = ("sector", "pillar", "doc", "q", "term", "lang", "mode")


@dataclass(frozen=True)
class Control:
    """A page's control in the URL: its page, its default, and the values it takes (``choices``,
    or whole numbers from ``low`` to ``high`` by ``step``; ``choices=None`` and no range: any short
    text, which the page checks against what it offers). A flag is the choice of ``"0"`` or
    ``"1"``."""

    page: str
    default: str
    choices: tuple[str, ...] | None = None
    low: int | None = None
    high: int | None = None
    step: int = 1

    @property
    def flag(self) -> bool:
        return self.choices == FLAG

    @property
    def number(self) -> bool:
        """Whether the value is a whole number: from a range, or from choices of numbers."""
        return self.low is not None or (
            not self.flag and bool(self.choices) and all(c.isdigit() for c in self.choices)
        )

    def clean(self, raw: str) -> str | None:
        """The value as kept in a link, or ``None`` when it is not one this control takes."""
        if self.choices is not None:
            return raw if raw in self.choices else None
        if self.low is not None:
            try:
                value = int(raw)
            except ValueError:
                return None
            ok = self.low <= value <= self.high and (value - self.low) % self.step == 0
            return str(value) if ok else None
        return raw or None

    def typed(self, raw: str) -> str | int | bool:
        if self.flag:
            return raw == "1"
        return int(raw) if self.number else raw

    def text(self, value: str | int | bool | None) -> str:
        if self.flag:
            return "1" if value else "0"
        return "" if value is None else str(value)


FLAG = ("0", "1")
# The controls of the pages, in the order of their parameters in a link.
CONTROLS: dict[str, Control] = {
    # /keywords: ranking, how many terms, split by sector, names of places and organizations
    "rank": Control("keywords", "distinct", ("distinct", "count", "tfidf", "textrank")),
    "top": Control("keywords", "20", low=5, high=50, step=5),
    "split": Control("keywords", "0", FLAG),
    "no_names": Control("keywords", "0", FLAG),
    # /projects: generic phrases listed, rows shown
    "generic": Control("projects", "0", FLAG),
    "rows": Control("projects", "100", ("25", "50", "100", "250", "1000")),
    # /network: colouring, how many keywords
    "colour": Control("network", "type", ("type", "sector")),
    "keywords": Control("network", "20", low=0, high=60, step=5),
    # /corpus: tab, period, measure, what is compared and the two sides (document ids or periods,
    # "" for the page's own first and last)
    "tab": Control("corpus", "articles", ("articles", "across")),
    "period": Control("corpus", "M", ("M", "Q", "Y")),
    "measure": Control("corpus", "projects", ("projects", "initiatives")),
    "compare": Control("corpus", "documents", ("documents", "periods")),
    "a": Control("corpus", ""),
    "b": Control("corpus", ""),
}


@dataclass(frozen=True)
class Filters:
    sectors: tuple[str, ...] = ()
    pillar: str | None = None
    docs: tuple[str, ...] = ()  # document ids; none means every document
    q: str = ""
    term: str = ""
    lang: str = "zh"
    mode: str | None = None
    # the page controls that differ from their defaults, as (parameter, value) in CONTROLS' order
    controls: tuple[tuple[str, str], ...] = ()

    @property
    def present(self) -> bool:
        return self.mode == PRESENT

    def control(self, key: str) -> str | int | bool:
        """A page control's value (its default unless set): a text, a whole number or a flag."""
        spec = CONTROLS[key]
        return spec.typed(dict(self.controls).get(key, spec.default))

    def with_control(self, key: str, value: str | int | bool | None) -> Filters:
        """These filters with a page control set (to its default, or ``None``: left out)."""
        chosen = dict(self.controls)
        chosen[key] = CONTROLS[key].text(value)
        return replace(self, controls=clean_controls(chosen))

    def replace(self, **changes) -> Filters:
        return replace(self, **changes)


def _values(params: Mapping[str, str | list[str]], key: str) -> list[str]:
    """All values of a parameter, whether repeated (``?a=1&a=2``) or comma-separated."""
    raw = params.get(key)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def _first(params: Mapping[str, str | list[str]], key: str) -> str:
    raw = params.get(key)
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    return " ".join(str(raw or "").split())[:MAX_TEXT]


def _one_of(value: str, choices: Iterable[str]) -> str | None:
    return value if value in set(choices) else None


def clean_sectors(sectors: Iterable[str]) -> tuple[str, ...]:
    """Known sector slugs, without repeats, in the taxonomy's order."""
    wanted = set(sectors)
    return tuple(s for s in SECTOR_CHOICES if s in wanted)


def clean_docs(docs: Iterable[str], documents: Iterable[str] | None = None) -> tuple[str, ...]:
    """Document ids without repeats, in the order given; unknown ones dropped when ``documents``
    (the ids of the corpus) is given."""
    known = set(documents) if documents is not None else None
    wanted = [" ".join(d.split())[:MAX_TEXT] for d in docs]
    return tuple(d for d in dict.fromkeys(wanted) if d and (known is None or d in known))


def clean_controls(values: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """Known controls with values they take and that are not their defaults, in CONTROLS' order."""
    kept = []
    for key, spec in CONTROLS.items():
        raw = " ".join(str(values.get(key) or "").split())[:MAX_TEXT]
        value = spec.clean(raw) if raw else None
        if value is not None and value != spec.default:
            kept.append((key, value))
    return tuple(kept)


def parse(params: Mapping[str, str | list[str]], *, documents: Iterable[str] | None = None) -> Filters:
    """Filters from query parameters; values that are not known are dropped.

    ``doc`` holds one or several document ids, comma-separated; ``documents`` lists the ids of the
    corpus and, when given, unknown ones are dropped.
    """
    return Filters(
        sectors=clean_sectors(_values(params, "sector")),
        pillar=_one_of(_first(params, "pillar"), PILLAR_CHOICES),
        docs=clean_docs(_values(params, "doc"), documents),
        q=_first(params, "q"),
        term=_first(params, "term"),
        lang=_one_of(_first(params, "lang"), LANGS) or "zh",
        mode=_one_of(_first(params, "mode"), (PRESENT,)),
        controls=clean_controls({key: _first(params, key) for key in CONTROLS}),
    )


ALL = "*"


def to_query(filters: Filters, page: str | None = ALL) -> dict[str, str]:
    """Query parameters for the filters, leaving out defaults so links stay short: with the
    controls of ``page`` (every page's by default, none for ``None``)."""
    values = {
        "sector": ",".join(filters.sectors),
        "pillar": filters.pillar or "",
        "doc": ",".join(filters.docs),
        "q": filters.q,
        "term": filters.term,
        "lang": "" if filters.lang == "zh" else filters.lang,
        "mode": filters.mode or "",
    }
    query = {key: values[key] for key in PARAMS if values[key]}
    for key, value in filters.controls:
        if page == ALL or CONTROLS[key].page == page:
            query[key] = value
    return query


def query_string(filters: Filters, page: str | None = ALL) -> str:
    """``sector=agriculture&lang=en`` (no leading ``?``; empty for the default view)."""
    return urlencode(to_query(filters, page), safe=",")


def page_of(url_path: str) -> str:
    """The page a URL path names, as ``Control.page`` does: ``/keywords`` → ``keywords``, ``/`` →
    ``overview``."""
    return url_path.strip("/").split("/")[-1] or "overview"


def with_query(url: str, filters: Filters, page: str | None = ALL) -> str:
    """The link that reopens this view: ``url`` followed by the filters' query string.

    >>> with_query("http://host/projects?old=1", Filters(sectors=("agriculture",)))
    'http://host/projects?sector=agriculture'
    """
    query = query_string(filters, page)
    return f"{url.split('?')[0]}?{query}" if query else url.split("?")[0]
