"""The audit log: every change to the corpus, the lexicon or the corrections appends one line
(who, when, what, on what, before and after) to ``<corpus>/.dashboard/audit.jsonl``. Nothing is
ever rewritten in it.

    >>> import tempfile
    >>> corpus = Path(tempfile.mkdtemp())
    >>> entry = record(corpus, "ed@example.org", "remove_article", "a", before={"file": "a.md"})
    >>> [(e["who"], e["what"], e["target"], e["before"], e["after"]) for e in entries(corpus)]
    [('ed@example.org', 'remove_article', 'a', {'file': 'a.md'}, None)]
"""

from __future__ import annotations

from pathlib import Path

from dashboard.store import journal
from dashboard.store.lexicon_edits import lexicon_diff

AUDIT_FILE = "audit.jsonl"
# What a line can say was done.
ACTIONS = (
    "add_article",
    "remove_article",
    "restore_article",
    "save_lexicon",
    "correct_project",
)


def entry(
    who: str, what: str, target: str, *, before: object = None, after: object = None, at: str | None = None
) -> dict:
    """One line of the log. ``who`` is the editor's e-mail address (or the local user's name)."""
    if what not in ACTIONS:
        raise ValueError(f"unknown action {what!r}")
    return {
        "at": at or journal.now(),
        "who": who,
        "what": what,
        "target": target,
        "before": before,
        "after": after,
    }


def record(
    corpus: Path, who: str, what: str, target: str, *, before: object = None, after: object = None,
    locked: bool = False,
) -> dict:  # fmt: skip
    """Append one line to the corpus's audit log and return it (``locked``: the caller holds the
    records' lock)."""
    line = entry(who, what, target, before=before, after=after)
    journal.append(corpus, AUDIT_FILE, line, locked=locked)
    return line


def record_lexicon(
    corpus: Path, who: str, folder: Path, before: dict[str, str], after: dict[str, str]
) -> dict:
    """The line of a lexicon save: the words each list lost (``before``) and gained (``after``)."""
    diff = lexicon_diff(before, after)
    removed = {k: v["removed"] for k, v in diff.items() if v["removed"]}
    added = {k: v["added"] for k, v in diff.items() if v["added"]}
    return record(corpus, who, "save_lexicon", Path(folder).name, before=removed, after=added)


def entries(corpus: Path) -> list[dict]:
    """The audit log, oldest first."""
    return journal.read(corpus, AUDIT_FILE)
