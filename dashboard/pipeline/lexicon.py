"""The genre's lexicons in ``data/lexicon/``: domain words, stopwords, sector vocabulary, grammar."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from dashboard import settings

LEXICON_FILES = ("domain_words.txt", "stopwords.txt", "sectors.yaml", "grammar.yaml")
# A lexicon saved from the app is a new folder ``versions/<name>/`` of all its files, and the file
# ``CURRENT`` names it: switching that one file changes every list at once, or none.
CURRENT = "CURRENT"
VERSIONS = "versions"


def _word_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _endings(table: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    """(ending, kind) pairs, longest ending first, so the most specific ending wins."""
    pairs = [(ending, kind) for kind, endings in table.items() for ending in endings]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@dataclass(frozen=True, eq=False)
class Lexicon:
    domain_words: tuple[tuple[str, int | None], ...]
    stopwords: frozenset[str]
    sector_words: dict[str, dict[str, int]]  # sector → word → weight
    project_endings: tuple[tuple[str, str], ...]
    organization_endings: tuple[tuple[str, str], ...]
    place_endings: tuple[tuple[str, str], ...]
    not_places: frozenset[str]
    not_after_ending: frozenset[str]
    actions: frozenset[str]
    actions_inside_names: frozenset[str]
    generic_words: frozenset[str]
    action_modifiers: frozenset[str]
    name_openers: frozenset[str]
    enumerators: tuple[str, ...]
    regions: frozenset[str]
    version: str
    kind_sectors: dict[str, str] = dataclasses.field(default_factory=dict)  # kind → its own sector
    non_digital_works: frozenset[str] = frozenset()  # 风电, 高铁: a work outside the digital economy
    words_inside_names: frozenset[str] = frozenset()
    founding_actions: frozenset[str] = frozenset()
    built_institutes: tuple[str, ...] = ()
    quoted_project_endings: tuple[tuple[str, str], ...] = ()
    titled_by: tuple[str, ...] = ()  # 剧目“…”: words that say the title after them is a show
    not_projects: frozenset[str] = frozenset()  # 田园, 家园: common words that end like a project
    launching_actions: frozenset[str] = frozenset()  # 实施…行动。: a programme alone in its clause

    @property
    def keyword_stopwords(self) -> frozenset[str]:
        """Stopwords plus the plan's action verbs and adverbs (建设, 推进, 大力…), which say what is
        done rather than what it is about."""
        return self.stopwords | self.actions | self.action_modifiers

    @property
    def name_endings(self) -> tuple[str, ...]:
        """Endings that make a name a place's or an organization's (市, 县, 集团, 有限公司…)."""
        return tuple(ending for ending, _ in (*self.place_endings, *self.organization_endings))

    @property
    def domain_vocabulary(self) -> frozenset[str]:
        return frozenset(word for word, _ in self.domain_words)


def parse_lexicon(files: dict[str, str], *, extra_stopwords: frozenset[str] = frozenset()) -> Lexicon:
    """Build a Lexicon from the texts of its files (name → text); see ``data/lexicon/``."""
    domain: list[tuple[str, int | None]] = []
    for line in _word_lines(files["domain_words.txt"]):
        word, _, freq = line.partition(" ")
        domain.append((word, int(freq) if freq.strip().isdigit() else None))
    sectors_raw = yaml.safe_load(files["sectors.yaml"]) or {}
    sector_words = {
        sector: {str(word): int(weight) for weight, words in weights.items() for word in words}
        for sector, weights in sectors_raw.items()
    }
    grammar = yaml.safe_load(files["grammar.yaml"]) or {}
    version = hashlib.sha256("\0".join(files[name] for name in LEXICON_FILES).encode()).hexdigest()[:16]
    return Lexicon(
        domain_words=tuple(domain),
        stopwords=frozenset(_word_lines(files["stopwords.txt"])) | extra_stopwords,
        sector_words=sector_words,
        project_endings=_endings(grammar["project_kinds"]),
        organization_endings=_endings(grammar["organization_kinds"]),
        place_endings=_endings(grammar["place_kinds"]),
        not_places=frozenset(grammar.get("not_places", ())),
        not_after_ending=frozenset(grammar.get("not_after_ending", ())),
        actions=frozenset(grammar["actions"]),
        actions_inside_names=frozenset(grammar.get("actions_inside_names", ())),
        generic_words=frozenset(grammar.get("generic_words", ())),
        action_modifiers=frozenset(grammar["action_modifiers"]),
        name_openers=frozenset(grammar["name_openers"]),
        enumerators=tuple(grammar["enumerators"]),
        regions=frozenset(grammar.get("regions", ())),
        version=version,
        kind_sectors=dict(grammar.get("kind_sectors") or {}),
        non_digital_works=frozenset(grammar.get("non_digital_works") or ()),
        words_inside_names=frozenset(grammar.get("words_inside_names", ())),
        founding_actions=frozenset(grammar.get("founding_actions", ())),
        built_institutes=tuple(grammar.get("built_institutes", ())),
        quoted_project_endings=_endings(grammar.get("quoted_project_kinds") or {}),
        titled_by=tuple(grammar.get("titled_by") or ()),
        not_projects=frozenset(grammar.get("not_projects") or ()),
        launching_actions=frozenset(grammar.get("launching_actions") or ()),
    )


def files_folder(folder: Path) -> Path:
    """Where the files of the lexicon in ``folder`` are: the saved version its ``CURRENT`` file
    names (``versions/<name>/``), else the folder itself (the lexicon as bundled)."""
    try:
        name = (folder / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return folder
    version = folder / VERSIONS / name
    return version if name and "/" not in name and version.is_dir() else folder


def read_lexicon_files(folder: Path | None = None) -> dict[str, str]:
    """The texts of the lexicon files in ``folder`` (default: ``settings.lexicon_folder()``)."""
    folder = files_folder(folder or settings.lexicon_folder())
    return {name: (folder / name).read_text(encoding="utf-8") for name in LEXICON_FILES}


@functools.lru_cache(maxsize=1)
def maintained_stopwords() -> frozenset[str]:
    """Chinese stopwords from the maintained ``stopwordsiso`` list."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("zh"))


@functools.lru_cache(maxsize=8)
def _load(folder: str, stamp: tuple[float, ...]) -> Lexicon:
    return parse_lexicon(read_lexicon_files(Path(folder)), extra_stopwords=maintained_stopwords())


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """The lexicon in ``folder``, re-read when one of its files changes."""
    folder = files_folder(folder or settings.lexicon_folder())
    stamp = tuple((folder / name).stat().st_mtime_ns for name in LEXICON_FILES)
    return _load(str(folder), stamp)
