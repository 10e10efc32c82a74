"""Corrections of the extraction, kept apart from it: an editor rejects a project, fixes its name,
sector, pillar or named flag, or adds one the extraction missed. Each correction is one line of
``<corpus>/.dashboard/corrections.jsonl``, keyed by its document and the project's name as the
text writes it (never by a row number or a cache key), so it survives a new lexicon, a new
version of the code and a cleared cache. ``apply_corrections`` lays them over any extraction.

    >>> from dashboard.pipeline.corpus import extract_paths
    >>> import tempfile
    >>> corpus = Path(tempfile.mkdtemp())
    >>> _ = (corpus / "a.txt").write_text("江州观察\\n江州市建设江州大数据产业园和智能工厂。", encoding="utf-8")
    >>> extraction = extract_paths([corpus])
    >>> fix = correction(extraction, "fix", "a", "江州大数据产业园", sector="agriculture", by="ed@example.org")
    >>> save(corpus, fix)
    >>> corrected = apply_corrections(extraction, load(corpus))
    >>> corrected.projects.query("corrected")[["name", "sector", "pillar", "corrected_by"]].to_dict("records")
    [{'name': '江州大数据产业园', 'sector': 'agriculture', 'pillar': 'industrial-digitalization', 'corrected_by': 'ed@example.org'}]

Later corrections of a project win over earlier ones, field by field: two editors who change
different fields of one project at the same moment both keep their change.
"""

from __future__ import annotations

import dataclasses
import uuid
from enum import StrEnum
from pathlib import Path

import pandas as pd

from dashboard.pipeline import taxonomy as tx
from dashboard.pipeline.tables import Extraction
from dashboard.query.evaluation import Gold, GoldProject
from dashboard.store import audit, journal

CORRECTIONS_FILE = "corrections.jsonl"
ACTIONS = ("reject", "restore", "fix", "add")
FIELDS = ("name", "sector", "pillar", "named", "kind")
CORRECTION_COLUMNS = ["corrected", "corrected_by", "corrected_at"]
NAME_LIMIT = 60  # characters of a project name


class Problem(StrEnum):
    """Why a correction was refused (the pages word it: ``present.glossary``)."""

    UNKNOWN_ACTION = "unknown_action"
    UNKNOWN_DOCUMENT = "unknown_document"
    UNKNOWN_PROJECT = "unknown_project"  # details: name
    NOT_IN_PARAGRAPH = "not_in_paragraph"  # details: name
    BAD_SECTOR = "bad_sector"
    BAD_PILLAR = "bad_pillar"
    BAD_NAME = "bad_name"
    NOTHING_CHANGED = "nothing_changed"


class CorrectionError(ValueError):
    def __init__(self, problem: Problem, **details: object) -> None:
        super().__init__(f"{problem}: {details}" if details else str(problem))
        self.problem, self.details = problem, details


def _paragraph_text(extraction: Extraction, document: str, paragraph: int) -> str | None:
    p = extraction.paragraphs
    found = p.loc[(p["document"] == document) & (p["paragraph"] == paragraph), "text"]
    return None if found.empty else str(found.iloc[0])


def _current(extraction: Extraction, document: str, name: str) -> pd.Series | None:
    p = extraction.projects
    rows = p[(p["document"] == document) & (p["name"] == name)]
    return None if rows.empty else rows.iloc[0]


def correction(
    extraction: Extraction,
    action: str,
    document: str,
    name: str,
    *,
    by: str,
    paragraph: int | None = None,
    new_name: str | None = None,
    sector: str | None = None,
    pillar: str | None = None,
    named: bool | None = None,
    kind: str | None = None,
) -> dict:
    """A checked correction of ``extraction`` (the tables as the editor sees them, corrections
    applied), ready to ``save``; raises ``CorrectionError`` saying what is wrong with it.

    - ``reject`` / ``restore``: the project ``name`` of ``document`` is left out / shown again;
    - ``fix``: any of ``new_name`` (which must occur in the project's paragraph), ``sector``,
      ``pillar`` (by default the sector's), ``named``;
    - ``add``: a missed project, ``name`` being its text in paragraph ``paragraph``.
    """
    if action not in ACTIONS:
        raise CorrectionError(Problem.UNKNOWN_ACTION)
    if document not in set(extraction.documents["document"]):
        raise CorrectionError(Problem.UNKNOWN_DOCUMENT)
    name = " ".join(str(name).split())
    if sector is not None and sector not in (*tx.SECTORS, tx.UNCLASSIFIED):
        raise CorrectionError(Problem.BAD_SECTOR)
    if pillar is not None and pillar not in (*tx.PILLARS, tx.UNCLASSIFIED):
        raise CorrectionError(Problem.BAD_PILLAR)
    record = {"id": uuid.uuid4().hex, "at": journal.now(), "by": by, "action": action, "document": document}
    if action == "add":
        paragraph_text = _paragraph_text(
            extraction, document, int(paragraph if paragraph is not None else -1)
        )
        _check_name(name, paragraph_text)
        sector = sector or tx.UNCLASSIFIED
        return {
            **record, "name": name, "paragraph": int(paragraph),
            "changes": {"sector": sector, "pillar": pillar or tx.pillar_of(sector),
                        "named": True if named is None else bool(named), "kind": kind or ""},
        }  # fmt: skip
    row = _current(extraction, document, name)
    if action in ("reject", "fix") and row is None:
        raise CorrectionError(Problem.UNKNOWN_PROJECT, name=name)
    if action != "fix":
        return {**record, "name": name}
    changes: dict[str, object] = {}
    if new_name is not None and " ".join(new_name.split()) != name:
        new_name = " ".join(new_name.split())
        _check_name(new_name, _paragraph_text(extraction, document, int(row["paragraph"])))
        changes["name"] = new_name
    if sector is not None and sector != row["sector"]:
        changes["sector"] = sector
        changes["pillar"] = pillar or tx.pillar_of(sector)
    if pillar is not None and pillar != row["pillar"]:
        changes["pillar"] = pillar
    if named is not None and bool(named) != bool(row["named"]):
        changes["named"] = bool(named)
    if not changes:
        raise CorrectionError(Problem.NOTHING_CHANGED)
    return {**record, "name": name, "paragraph": int(row["paragraph"]), "changes": changes}


def as_it_stands(extraction: Extraction, document: str, name: str) -> dict | None:
    r"""A project's name, sector, pillar and named flag as the tables give them now (the audit
    log's "before"), or None when there is no such project (one being added).

    >>> from dashboard.pipeline.corpus import extract_documents
    >>> from dashboard.pipeline.read import parse_document
    >>> article = parse_document("标题\n江州市建成江州云谷大数据中心。", doc_id="a", suffix=".txt")
    >>> as_it_stands(extract_documents([article]), "a", "江州云谷大数据中心")
    {'name': '江州云谷大数据中心', 'sector': 'digital-industry', 'pillar': 'digital-industrialization', 'named': True}
    """
    row = _current(extraction, document, name)
    if row is None:
        return None
    return {
        "name": row["name"],
        "sector": row["sector"],
        "pillar": row["pillar"],
        "named": bool(row["named"]),
    }


def _check_name(name: str, paragraph_text: str | None) -> None:
    if not name or len(name) > NAME_LIMIT or any(ch in name for ch in "\n\r\t"):
        raise CorrectionError(Problem.BAD_NAME)
    if paragraph_text is None or name not in paragraph_text:
        raise CorrectionError(Problem.NOT_IN_PARAGRAPH, name=name)


def save(corpus: Path, *records: dict, before: dict | None = None) -> None:
    """Append corrections to the corpus's file and one audit line each (who, when, what, the
    project before and after), under one lock: concurrent editors each keep their change."""
    with journal.lock(corpus):
        journal.append(corpus, CORRECTIONS_FILE, *records, locked=True)
        for r in records:
            target = f"{r['document']}/{r['name']}"
            audit.record(
                corpus, r["by"], "correct_project", target, before=before, after=_summary(r), locked=True
            )


def _summary(record: dict) -> dict:
    return {"action": record["action"], **record.get("changes", {})}


def load(corpus: Path) -> list[dict]:
    """The corrections of a corpus folder, oldest first (well-formed ones only)."""
    return [
        r
        for r in journal.read(corpus, CORRECTIONS_FILE)
        if r.get("action") in ACTIONS
        and isinstance(r.get("document"), str)
        and isinstance(r.get("name"), str)
    ]


def signature(corpus: Path) -> str:
    """Changes whenever a correction is saved ("" when there are none)."""
    return journal.signature(corpus, CORRECTIONS_FILE)


@dataclasses.dataclass
class _State:
    """What the corrections say of one project, folded in order."""

    document: str
    name: str  # as first corrected (the extraction's name, or the added text)
    paragraph: int | None = None
    added: bool = False
    rejected: bool = False
    changes: dict = dataclasses.field(default_factory=dict)
    shown: str = ""  # its name as shown now
    by: str = ""
    at: str = ""


def fold(corrections: list[dict]) -> dict[tuple[str, str], _State]:
    """The corrections as one state per project, keyed by (document, name as extracted); a
    correction of a renamed project names it by its new name, and finds its state so."""
    states: dict[tuple[str, str], _State] = {}
    current: dict[tuple[str, str], tuple[str, str]] = {}  # (document, shown name) → key
    for r in corrections:
        shown = (r["document"], r["name"])
        key = current.get(shown, shown)
        state = states.setdefault(key, _State(*key, shown=key[1]))
        state.by, state.at = str(r.get("by", "")), str(r.get("at", ""))
        if r.get("paragraph") is not None and state.paragraph is None:
            state.paragraph = int(r["paragraph"])
        changes = {k: v for k, v in (r.get("changes") or {}).items() if k in FIELDS}
        if r["action"] == "reject":
            state.rejected = True
        elif r["action"] == "restore":
            state.rejected = False
        elif r["action"] == "add":
            state.added, state.rejected = True, False
            state.paragraph = int(r.get("paragraph", -1))
        state.changes.update(changes)
        if "name" in changes:
            current.pop((r["document"], state.shown), None)
            current[(r["document"], changes["name"])] = key
            state.shown = changes["name"]
    return states


def apply_corrections(extraction: Extraction, corrections: list[dict]) -> Extraction:
    """``extraction`` with ``corrections`` laid over it: rejected projects left out (of the
    projects, their mentions and the initiatives' lists), fixed ones changed, added ones listed
    with their sentence; the projects gain ``corrected``, ``corrected_by`` and ``corrected_at``.
    The extraction given is not changed. A correction whose text is no longer in its article is
    left aside."""
    projects = extraction.projects.copy()
    for column, empty in zip(CORRECTION_COLUMNS, (False, "", ""), strict=True):
        projects[column] = empty
    if not corrections:
        return dataclasses.replace(extraction, projects=projects)
    states = fold(corrections)
    mentions = extraction.mentions.copy()
    initiatives = extraction.initiatives
    keep = pd.Series(True, index=projects.index)
    seen: set[tuple[str, str]] = set()
    renamed: dict[tuple[str, str], str | None] = {}  # (document, extracted name) → new name, None: rejected
    pairs = zip(projects.index, projects["document"], projects["name"], strict=True)
    for index, key in [(i, (d, n)) for i, d, n in pairs if (d, n) in states]:  # the corrected rows only
        state = states[key]
        seen.add(key)
        if state.rejected:
            keep[index] = False
            renamed[key] = None
            continue
        changes = {k: v for k, v in state.changes.items() if k in FIELDS and k != "kind"}
        for field, value in changes.items():
            projects.at[index, field] = value
        if "name" in changes:
            renamed[key] = changes["name"]
        projects.at[index, "corrected"] = True
        projects.at[index, "corrected_by"] = state.by
        projects.at[index, "corrected_at"] = state.at
        mentions = _fix_mentions(mentions, extraction.paragraphs, key, state.changes)
    added = [_added_row(extraction, s) for k, s in states.items() if k not in seen and not s.rejected]
    added = [r for r in added if r is not None]
    projects = projects[keep]
    if added:
        projects = pd.concat([projects, pd.DataFrame(added, columns=projects.columns)], ignore_index=True)
        projects = projects.astype(
            {"named": bool, "corrected": bool, "mentions": int, "paragraph": int, "sentence": int}
        )
        mentions = pd.concat([mentions, _added_mentions(extraction, added)], ignore_index=True)
    # one row per project and document: a project renamed to a name already listed is that one
    projects = projects.drop_duplicates(["document", "name"], keep="last").reset_index(drop=True)
    if renamed:
        gone = {k for k, v in renamed.items() if v is None}
        pairs = zip(mentions["document"], mentions["name"], mentions["category"], strict=True)
        mentions = mentions[[not (c == "project" and (d, n) in gone) for d, n, c in pairs]]
        initiatives = initiatives.assign(
            projects=[
                [renamed.get((d, p), p) for p in ps if renamed.get((d, p), p) is not None]
                for d, ps in zip(initiatives["document"], initiatives["projects"], strict=True)
            ]
        )
    return dataclasses.replace(
        extraction, projects=projects, mentions=mentions.reset_index(drop=True), initiatives=initiatives
    )


def _fix_mentions(
    mentions: pd.DataFrame, paragraphs: pd.DataFrame, key: tuple[str, str], changes: dict
) -> pd.DataFrame:
    """The mentions of a fixed project with its new name (and where it now starts and ends in its
    paragraph), sector and named flag."""
    document, name = key
    rows = (
        (mentions["document"] == document) & (mentions["name"] == name) & (mentions["category"] == "project")
    )
    if not rows.any():
        return mentions
    for field in ("sector", "named"):
        if field in changes:
            mentions.loc[rows, field] = changes[field]
    new = changes.get("name")
    if new:
        texts = paragraphs[paragraphs["document"] == document].set_index("paragraph")["text"]
        for index in mentions.index[rows]:
            text = str(texts.get(mentions.at[index, "paragraph"], ""))
            start = _nearest(text, new, int(mentions.at[index, "start"]))
            if start is None:
                mentions = mentions.drop(index)
                continue
            mentions.loc[index, ["name", "start", "end"]] = [new, start, start + len(new)]
    return mentions


def _nearest(text: str, name: str, around: int) -> int | None:
    starts, at = [], text.find(name)
    while at >= 0:
        starts.append(at)
        at = text.find(name, at + 1)
    return min(starts, key=lambda s: abs(s - around)) if starts else None


def _occurrences(extraction: Extraction, document: str, name: str) -> list[tuple[int, int, int, str]]:
    """(paragraph, sentence, start in paragraph, sentence text) of every occurrence of ``name``
    in ``document``."""
    s = extraction.sentences[extraction.sentences["document"] == document]
    found = []
    for row in s.itertuples(index=False):
        at = row.text.find(name)
        while at >= 0:
            found.append((int(row.paragraph), int(row.sentence), int(row.start) + at, row.text))
            at = row.text.find(name, at + 1)
    return found


def _added_row(extraction: Extraction, state: _State) -> dict | None:
    """The project row of an added project (or of a fixed one the extraction no longer finds
    under its first name), from the sentences its text occurs in."""
    name = state.changes.get("name", state.name)
    occurrences = _occurrences(extraction, state.document, name)
    if not occurrences:
        return None
    first = next((o for o in occurrences if o[0] == state.paragraph), occurrences[0])
    sector = state.changes.get("sector", tx.UNCLASSIFIED)
    return {
        "name": name, "kind": state.changes.get("kind", ""), "named": bool(state.changes.get("named", True)),
        "sector": sector, "pillar": state.changes.get("pillar", tx.pillar_of(sector)),
        "document": state.document, "paragraph": first[0], "sentence": first[1], "evidence": first[3],
        "mentions": len(occurrences), "organizations": [], "places": [],
        "paragraphs": sorted({o[0] for o in occurrences}),
        "corrected": True, "corrected_by": state.by, "corrected_at": state.at,
    }  # fmt: skip


def _added_mentions(extraction: Extraction, added: list[dict]) -> pd.DataFrame:
    rows = []
    for project in added:
        for paragraph, sentence, start, text in _occurrences(
            extraction, project["document"], project["name"]
        ):
            rows.append({
                "category": "project", "name": project["name"], "kind": project["kind"],
                "document": project["document"], "paragraph": paragraph, "sentence": sentence, "clause": 0,
                "start": start, "end": start + len(project["name"]), "named": project["named"],
                "sector": project["sector"], "evidence": text,
            })  # fmt: skip
    return pd.DataFrame(rows, columns=extraction.mentions.columns)


def gold_from_corrections(corrected: Extraction, corrections: list[dict]) -> list[Gold]:
    """A gold for each article an editor corrected: its projects as they stand corrected (the
    named ones and the generic phrases left listed, each with its sector and named flag), so
    that a team's corrections become their evaluation data (``evaluate --from-corrections``)."""
    documents = dict.fromkeys(r["document"] for r in corrections)
    projects = corrected.projects
    return [
        Gold(
            document,
            [
                GoldProject(row.name, row.sector, named=bool(row.named))
                for row in projects[projects["document"] == document].itertuples(index=False)
            ],
        )
        for document in documents
        if document in set(corrected.documents["document"])
    ]


def history(corrections: list[dict], document: str, name: str) -> list[dict]:
    """The corrections that concern one project (by any of its names), oldest first."""
    names = {name}
    for r in corrections:
        new = (r.get("changes") or {}).get("name")
        if r["document"] == document and (r["name"] in names or new in names):
            names |= {r["name"], new} - {None}
    return [r for r in corrections if r["document"] == document and r["name"] in names]
