"""Editing the lexicons: add or remove domain words, stopwords and sector words, preview what a
change does to a paragraph, and save it: all files at once, without losing another editor's
words."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from filelock import FileLock

from dashboard.pipeline.extraction import extract_document
from dashboard.pipeline.lexicon import (
    CURRENT,
    LEXICON_FILES,
    VERSIONS,
    Lexicon,
    maintained_stopwords,
    parse_lexicon,
    read_lexicon_files,
)
from dashboard.pipeline.read import Document, Paragraph
from dashboard.pipeline.text import tokenizer, tokens

WORD_LISTS = {"domain": "domain_words.txt", "stopwords": "stopwords.txt"}
LOCK_FILE = ".lexicon.lock"  # savers of a lexicon folder take it, across threads and processes
LOCK_TIMEOUT = 60


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


class LexiconConflict(Exception):
    """A save refused because someone else saved a different weight for the same word since the
    draft was made; ``str(error)`` names the words."""


@dataclass(frozen=True)
class Saved:
    """What a save wrote: the files, and the edits of others saved since the draft's base that
    were kept alongside it (empty when nobody else saved meanwhile)."""

    files: dict[str, str]
    merged: dict[str, dict[str, list[str]]]


def save_lexicon(draft: dict[str, str], folder: Path, *, base: dict[str, str]) -> Saved:
    """Save a draft of the lexicon files made from ``base`` (the files as they were read) into
    ``folder``.

    Under the folder's lock: if the saved files are still ``base``, the draft is written as it is.
    If someone saved since, the draft's edits (words added and removed, per list) are applied to
    what they saved, so neither loses words; a word both added to one sector with different
    weights raises LexiconConflict, and nothing is written. The files are written as a new
    version folder and switched to by replacing one pointer file, so every list changes at once
    or none does. Raises OSError where the folder cannot be written (a read-only deployment)."""
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder / LOCK_FILE, timeout=LOCK_TIMEOUT):
        try:
            current: dict[str, str] | None = read_lexicon_files(folder)
        except FileNotFoundError:  # a new lexicon folder
            current = None
        merged: dict[str, dict[str, list[str]]] = {}
        files = draft
        if current is not None and current != base:
            merged = lexicon_diff(base, current)
            files = _merge(base, draft, current)
        if files != current:
            _write_version(files, folder)
    return Saved(files, merged)


def _merge(base: dict[str, str], draft: dict[str, str], current: dict[str, str]) -> dict[str, str]:
    """The draft's edits of ``base`` applied to ``current``; LexiconConflict where they disagree."""
    mine, theirs = lexicon_diff(base, draft), lexicon_diff(base, current)
    mine_weights, their_weights = _sector_weights(draft), _sector_weights(current)
    conflicts = [
        f"{sector}: {word}"
        for sector, change in mine.items()
        if sector not in WORD_LISTS
        for word in set(change["added"]) & set(theirs.get(sector, {}).get("added", []))
        if mine_weights[sector][word] != their_weights[sector][word]
    ]
    if conflicts:
        raise LexiconConflict("、".join(sorted(conflicts)))
    files = dict(current)
    for name, change in mine.items():
        if name in WORD_LISTS:
            files = edit_files(files, name, add=change["added"], remove=change["removed"])
            continue
        files = edit_files(files, "sectors", remove=change["removed"], sector=name)
        by_weight: dict[int, list[str]] = {}
        for word in change["added"]:
            by_weight.setdefault(mine_weights[name][word], []).append(word)
        for weight, words in by_weight.items():
            files = edit_files(files, "sectors", add=words, sector=name, weight=weight)
    return files


def _sector_weights(files: dict[str, str]) -> dict[str, dict[str, int]]:
    return parse_lexicon(files).sector_words


def _write_version(files: dict[str, str], folder: Path) -> None:
    """Write ``files`` as a new version folder, then point ``CURRENT`` at it (one rename)."""
    digest = hashlib.sha256("\0".join(files[n] for n in LEXICON_FILES).encode()).hexdigest()[:8]
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{digest}"
    versions = folder / VERSIONS
    versions.mkdir(exist_ok=True)
    unfinished = Path(tempfile.mkdtemp(dir=versions, prefix=".unfinished-"))
    try:
        for file_name in LEXICON_FILES:
            (unfinished / file_name).write_text(files[file_name], encoding="utf-8")
        if (versions / name).exists():  # the same files saved within the same second
            shutil.rmtree(unfinished)
        else:
            os.rename(unfinished, versions / name)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp"
        ) as out:
            out.write(name + "\n")
        os.replace(out.name, folder / CURRENT)
    except BaseException:
        shutil.rmtree(unfinished, ignore_errors=True)
        raise


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
