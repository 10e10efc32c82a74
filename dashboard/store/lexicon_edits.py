"""Editing the lexicons: add or remove domain words, stopwords and sector words, preview what a
change does to a paragraph, and save it back atomically."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from dashboard.pipeline.extraction import extract_document
from dashboard.pipeline.lexicon import LEXICON_FILES, Lexicon, maintained_stopwords, parse_lexicon
from dashboard.pipeline.read import Document, Paragraph
from dashboard.pipeline.text import tokenizer, tokens

WORD_LISTS = {"domain": "domain_words.txt", "stopwords": "stopwords.txt"}


def _clean(words: list[str]) -> list[str]:
    return [w.strip() for w in words if w.strip() and not w.strip().startswith("#") and " " not in w.strip()]


def edit_word_list(text: str, *, add: list[str] = (), remove: list[str] = ()) -> str:
    """A word-list file (one word a line, ``#`` comments) with words added at the end and others
    removed; comments and order are kept, nothing is listed twice."""
    remove_set = set(_clean(list(remove)))
    lines = [line for line in text.splitlines() if line.split(" ")[0].strip() not in remove_set]
    present = {line.split(" ")[0].strip() for line in lines}
    lines += [w for w in dict.fromkeys(_clean(list(add))) if w not in present and w not in remove_set]
    return "\n".join(lines) + "\n"


def edit_sector_words(
    text: str, sector: str, *, add: list[str] = (), remove: list[str] = (), weight: int = 1
) -> str:
    """``sectors.yaml`` with words added to (at ``weight``) or removed from one sector."""
    table = yaml.safe_load(text) or {}
    weights = table.setdefault(sector, {})
    gone = set(_clean(list(remove)))
    for level in list(weights):
        weights[level] = [w for w in weights[level] if w not in gone]
    existing = {w for words in weights.values() for w in words}
    weights.setdefault(weight, [])
    weights[weight] += [w for w in dict.fromkeys(_clean(list(add))) if w not in existing]
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    return header + yaml.safe_dump(table, allow_unicode=True, sort_keys=False, width=100)


_SEPARATORS = re.compile(r"[\s,，、;；]+")


def split_words(text: str) -> list[str]:
    """Words typed in a box: ``split_words("云脑、算力枢纽, 数据港") == ["云脑", "算力枢纽", "数据港"]``."""
    return [word for word in _SEPARATORS.split(text) if word]


def edit_files(
    files: dict[str, str],
    target: str,
    *,
    add: list[str] = (),
    remove: list[str] = (),
    sector: str | None = None,
    weight: int = 1,
) -> dict[str, str]:
    """The lexicon's file texts with one list edited: ``domain``, ``stopwords``, or ``sectors``
    (the words of ``sector``, added at ``weight``). Unchanged when there is nothing to do."""
    if not add and not remove:
        return dict(files)
    if target in WORD_LISTS:
        name = WORD_LISTS[target]
        return {**files, name: edit_word_list(files[name], add=add, remove=remove)}
    if target == "sectors" and sector:
        edited = edit_sector_words(files["sectors.yaml"], sector, add=add, remove=remove, weight=weight)
        return {**files, "sectors.yaml": edited}
    raise ValueError(f"unknown word list {target!r}")


def build_lexicon(files: dict[str, str]) -> Lexicon:
    """A Lexicon from edited file texts (the maintained stopword list included)."""
    return parse_lexicon(files, extra_stopwords=maintained_stopwords())


@dataclass(frozen=True)
class Preview:
    tokens: list[str]
    projects: list[tuple[str, bool, str]]  # (name, named, sector)


def preview(paragraph: str, lexicon: Lexicon) -> Preview:
    """How a lexicon segments one paragraph and which projects it finds there."""
    document = Document(id="preview", title="preview", paragraphs=(Paragraph(0, paragraph),))
    extraction = extract_document(document, lexicon)
    return Preview(
        tokens=[t.text for t in tokens(paragraph, tokenizer(lexicon))],
        projects=[(p["name"], p["named"], p["sector"]) for p in extraction.projects],
    )


def save_lexicon(files: dict[str, str], folder: Path) -> None:
    """Write the lexicon files into ``folder``, each atomically (temporary file, then rename).
    Raises OSError where the folder cannot be written (a read-only deployment)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in LEXICON_FILES:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp"
        ) as handle:
            handle.write(files[name])
        os.replace(handle.name, folder / name)


def _word_sets(files: dict[str, str]) -> dict[str, set[str]]:
    """Each editable list of a lexicon as a set: ``domain``, ``stopwords`` and each sector."""
    lexicon = parse_lexicon(files)
    sets = {"domain": set(lexicon.domain_vocabulary), "stopwords": set(lexicon.stopwords)}
    sets.update({sector: set(words) for sector, words in lexicon.sector_words.items()})
    return sets


def lexicon_diff(before: dict[str, str], after: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """What was added to and removed from each list between two versions of the lexicon files, in
    the form a saved analysis keeps: ``{"domain": {"added": [...], "removed": [...]}, …}``."""
    old, new = _word_sets(before), _word_sets(after)
    edits = {}
    for name in dict.fromkeys([*old, *new]):
        added = sorted(new.get(name, set()) - old.get(name, set()))
        removed = sorted(old.get(name, set()) - new.get(name, set()))
        if added or removed:
            edits[name] = {"added": added, "removed": removed}
    return edits


def apply_edits(files: dict[str, str], edits: dict[str, dict[str, list[str]]]) -> dict[str, str]:
    """The lexicon files with a saved analysis's edits applied (the inverse of ``lexicon_diff``)."""
    for name, change in edits.items():
        add, remove = change.get("added", []), change.get("removed", [])
        if name in WORD_LISTS:
            files = edit_files(files, name, add=add, remove=remove)
        else:
            files = edit_files(files, "sectors", add=add, remove=remove, sector=name)
    return files
