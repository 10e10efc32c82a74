"""The view state of the dashboard (filters, language, mode) and its URL query parameters.

A shared link reproduces a view, so the state round-trips through the query string::

    >>> f = parse({"sector": "agriculture,services", "lang": "en", "bogus": "1"})
    >>> f.sectors, f.lang
    (('services', 'agriculture'), 'en')
    >>> to_query(f)
    {'sector': 'services,agriculture', 'lang': 'en'}

Sectors are kept in the taxonomy's order, so equal views give equal links. Unknown keys and values
are dropped, never raised: a hand-edited link still opens.
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
class Filters:
    sectors: tuple[str, ...] = ()
    pillar: str | None = None
    docs: tuple[str, ...] = ()  # document ids; none means every document
    q: str = ""
    term: str = ""
    lang: str = "zh"
    mode: str | None = None

    @property
    def present(self) -> bool:
        return self.mode == PRESENT

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
    )


def to_query(filters: Filters) -> dict[str, str]:
    """Query parameters for the filters, leaving out defaults so links stay short."""
    values = {
        "sector": ",".join(filters.sectors),
        "pillar": filters.pillar or "",
        "doc": ",".join(filters.docs),
        "q": filters.q,
        "term": filters.term,
        "lang": "" if filters.lang == "zh" else filters.lang,
        "mode": filters.mode or "",
    }
    return {key: values[key] for key in PARAMS if values[key]}


def query_string(filters: Filters) -> str:
    """``sector=agriculture&lang=en`` (no leading ``?``; empty for the default view)."""
    return urlencode(to_query(filters), safe=",")


def with_query(url: str, filters: Filters) -> str:
    """The link that reopens this view: ``url`` followed by the filters' query string.

    >>> with_query("http://host/projects?old=1", Filters(sectors=("agriculture",)))
    'http://host/projects?sector=agriculture'
    """
    query = query_string(filters)
    return f"{url.split('?')[0]}?{query}" if query else url.split("?")[0]
