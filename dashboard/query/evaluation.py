"""Extraction measured against gold files written by reading the articles (format in the README and
``data/evaluation/GUIDE.md``): recall, sector accuracy, strict precision and the agreement of the
``named`` flag, per document and over all of them.

    >>> gold = Gold("a", [GoldProject("江州大数据产业园", "digital-industry")], neutral=frozenset({"智能工厂"}))
    >>> listed = pd.DataFrame({"name": ["江州大数据产业园", "智能工厂", "推进园区"],
    ...                        "sector": ["digital-industry", "manufacturing", "services"],
    ...                        "named": [True, False, True], "document": "a"})
    >>> s = score_document(listed, gold)
    >>> s.recall, s.sector_accuracy, round(s.precision, 2), s.named_agreement, s.wrong
    (1.0, 1.0, 0.67, 1.0, ['推进园区'])
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd
import yaml

from dashboard.pipeline.entities import normalise_name
from dashboard.pipeline.read import ARTICLE_SUFFIXES, simplified, without_pinyin_glosses

MANIFEST = "manifest.csv"


@dataclass(frozen=True)
class GoldProject:
    name: str
    sector: str
    also: tuple[str, ...] = ()  # other sectors a reader could equally assign
    named: bool = True
    aliases: tuple[str, ...] = ()
    optional: bool = False  # listing it is not wrong, missing it is not a miss

    @property
    def forms(self) -> tuple[str, ...]:
        """The name, then its aliases, as listed (the name is matched first)."""
        return tuple(dict.fromkeys(normalise_name(n) for n in (self.name, *self.aliases)))

    @property
    def sectors(self) -> frozenset[str]:
        return frozenset((self.sector, *self.also))


@dataclass(frozen=True)
class Gold:
    document: str
    projects: list[GoldProject]
    organizations: list[frozenset[str]] = field(default_factory=list)  # each: its name and aliases
    places: list[frozenset[str]] = field(default_factory=list)
    neutral: frozenset[str] = frozenset()  # phrases neither right nor wrong when listed
    genre: str = ""


class GoldError(ValueError):
    """A gold file that cannot be read: ``path``, ``reason`` (a code the glossary words, key
    ``reason_<code>``) and its ``details``; ``str(error)`` says which and why in plain English."""

    def __init__(self, path: Path, reason: str, **details: object) -> None:
        self.path, self.reason, self.details = path, reason, details
        plain = {"not_gold": "not a gold file ({error})", "no_such_path": "no such file or folder"}
        super().__init__(f"{path}: {plain[reason].format(**details)}")


def _names(items: Iterable[dict]) -> list[frozenset[str]]:
    return [frozenset(normalise_name(n) for n in (i["name"], *(i.get("aliases") or []))) for i in items]


def _as_extracted(raw: dict) -> dict:
    """A gold written as its text is, in the form the extraction lists names in: without the pinyin
    readings some pages print after each character (景區(qū)), and in simplified characters (the
    reader does both to such an article)."""
    text, glosses = without_pinyin_glosses(yaml.safe_dump(raw, allow_unicode=True))
    text, traditional = simplified(text)
    return yaml.safe_load(text) if traditional or glosses else raw


def load_gold(path: Path, *, genre: str = "") -> Gold:
    """A gold file (YAML). ``generic`` is read as ``neutral`` (the older name of the list)."""
    try:
        raw = _as_extracted(yaml.safe_load(path.read_text(encoding="utf-8")))
        projects = [
            GoldProject(
                name=p["name"],
                sector=p["sector"],
                also=tuple(p.get("also") or ()),
                named=bool(p.get("named", True)),
                aliases=tuple(p.get("aliases") or ()),
                optional=bool(p.get("optional", False)),
            )
            for p in raw.get("projects") or []
        ]
        neutral = [*(raw.get("neutral") or []), *(raw.get("generic") or [])]
        return Gold(
            document=str(raw["document"]),
            projects=projects,
            organizations=_names(raw.get("organizations") or []),
            places=_names(raw.get("places") or []),
            neutral=frozenset(normalise_name(n) for n in neutral),
            genre=genre,
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise GoldError(path, "not_gold", error=f"{error.__class__.__name__}: {error}") from error


def gold_files(path: Path) -> list[Path]:
    """A gold file, or every ``*.yaml`` under a folder."""
    path = Path(path)
    if path.is_dir():
        return sorted(path.rglob("*.yaml"))
    if path.is_file():
        return [path]
    raise GoldError(path, "no_such_path")


def genres(path: Path) -> dict[str, str]:
    """Document id → genre, from the ``manifest.csv`` of a gold folder (or of its parents)."""
    for folder in [path, *path.parents] if path.is_dir() else path.parents:
        manifest = folder / MANIFEST
        if manifest.is_file():
            with manifest.open(encoding="utf-8", newline="") as handle:
                return {row["document"]: row.get("genre", "") for row in csv.DictReader(handle)}
    return {}


def article_for(gold_path: Path, document: str, folders: Iterable[Path] = ()) -> Path | None:
    """The article a gold file describes: a file named after its document beside the gold file,
    or in one of ``folders``."""
    for folder in (gold_path.parent, *map(Path, folders)):
        for suffix in ARTICLE_SUFFIXES:
            candidate = folder / f"{document}{suffix}"
            if candidate.is_file():
                return candidate
    return None


@dataclass
class Score:
    """Counts of one document, or summed over several (micro-averaged figures)."""

    documents: int = 1
    required: int = 0  # gold projects that must be found
    found: int = 0  # of those, found
    matched: int = 0  # gold projects found, optional ones included
    sector_right: int = 0  # of the matched, given their sector or an accepted alternative
    listed: int = 0  # entries the extraction lists as projects (named or generic)
    correct: int = 0  # of those, a gold project or a neutral phrase
    judged: int = 0  # listed entries whose named flag the gold says (a gold project or neutral)
    named_agree: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    wrong_sector: list[str] = field(default_factory=list)
    named_disagree: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def sector_accuracy(self) -> float:
        return self.sector_right / self.matched if self.matched else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.listed if self.listed else 1.0

    @property
    def named_agreement(self) -> float:
        return self.named_agree / self.judged if self.judged else 1.0

    def figures(self) -> dict[str, float | int]:
        return {
            "documents": self.documents,
            "recall": round(self.recall, 4),
            "sector_accuracy": round(self.sector_accuracy, 4),
            "precision": round(self.precision, 4),
            "named_agreement": round(self.named_agreement, 4),
            "required": self.required,
            "found": self.found,
            "listed": self.listed,
            "correct": self.correct,
        }

    def __add__(self, other: Score) -> Score:
        """The counts added up (the name lists stay with each document)."""
        counts = [f.name for f in fields(self) if f.type == "int"]
        return Score(**{k: getattr(self, k) + getattr(other, k) for k in counts})


def score_document(projects: pd.DataFrame, gold: Gold) -> Score:
    """How the projects listed for ``gold.document`` (``name``, ``sector``, ``named``) match the gold."""
    listed = projects[projects["document"] == gold.document]
    predicted: dict[str, tuple[str, bool]] = {}
    for name, sector, named in zip(listed["name"], listed["sector"], listed["named"], strict=True):
        predicted.setdefault(normalise_name(name), (sector, bool(named)))
    score = Score(listed=len(predicted))
    by_form = {form: item for item in gold.projects for form in item.forms}
    for item in gold.projects:
        hit = next((f for f in item.forms if f in predicted), None)
        if not item.optional:
            score.required += 1
            score.found += hit is not None
            if hit is None:
                score.missed.append(item.name)
        if hit is not None:
            score.matched += 1
            sector = predicted[hit][0]
            if sector in item.sectors:
                score.sector_right += 1
            else:
                score.wrong_sector.append(f"{item.name}: {sector} (gold {item.sector})")
    for name, (_, named) in predicted.items():
        item = by_form.get(name)
        if item is None and name not in gold.neutral:
            score.wrong.append(name)
            continue
        score.correct += 1
        score.judged += 1
        expected = item.named if item is not None else False
        if named == expected:
            score.named_agree += 1
        else:
            score.named_disagree.append(f"{name}: {'named' if named else 'generic'}")
    return score


def entity_recall(table: pd.DataFrame, document: str, items: list[frozenset[str]]) -> tuple[float, list[str]]:
    """Share of a document's gold organizations or places found in ``table``, and the ones missed."""
    names = {normalise_name(n) for n in table[table["document"] == document]["name"]}
    missed = [min(forms, key=len) for forms in items if not (forms & names)]
    return 1 - len(missed) / max(1, len(items)), missed


@dataclass
class Evaluation:
    scores: dict[str, Score]  # by document
    genres: dict[str, str]  # document → genre

    @property
    def total(self) -> Score:
        return sum(self.scores.values(), Score(documents=0))

    def by_genre(self) -> dict[str, Score]:
        totals: dict[str, Score] = {}
        for document, score in self.scores.items():
            genre = self.genres.get(document) or "—"
            totals[genre] = totals.get(genre, Score(documents=0)) + score
        return dict(sorted(totals.items()))

    def as_json(self) -> dict:
        return {
            "micro": self.total.figures(),
            "genres": {g: s.figures() for g, s in self.by_genre().items()},
            "documents": [
                {
                    "document": d,
                    "genre": self.genres.get(d, ""),
                    **s.figures(),
                    "missed": s.missed,
                    "wrong": s.wrong,
                    "wrong_sector": s.wrong_sector,
                    "named_disagree": s.named_disagree,
                }
                for d, s in self.scores.items()
            ],
        }


def evaluate(projects: pd.DataFrame, golds: list[Gold]) -> Evaluation:
    """Score the extracted projects of every gold document."""
    return Evaluation(
        {g.document: score_document(projects, g) for g in golds}, {g.document: g.genre for g in golds}
    )
