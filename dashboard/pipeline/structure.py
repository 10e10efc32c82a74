"""Where each paragraph stands: its section, and the pillar and sector it speaks of."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from dashboard.pipeline import taxonomy as tx
from dashboard.pipeline.lexicon import Lexicon
from dashboard.pipeline.read import Document

_FINAL_PUNCTUATION = "。！？；.!?;…：:"
_NUMBERED = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))"
)
# Words that name a pillar in a heading: the pillar is known even when the sector is not yet.
_PILLAR_WORDS = (
    (tx.DIGITAL_INDUSTRIALIZATION, ("数字产业化",)),
    (tx.INDUSTRIAL_DIGITALIZATION, ("产业数字化",)),
)


@dataclass(frozen=True)
class ParagraphContext:
    paragraph: int
    role: str  # "heading", "item" (an enumerated lead such as 一是…), or "body"
    section: str  # the nearest heading above (or the paragraph itself when it is one)
    sector: str
    pillar: str
    scores: dict[str, float]


def sector_scores(text: str, lexicon: Lexicon) -> dict[str, float]:
    """How strongly a passage speaks of each sector: the weights of the sector words it contains
    (longest words first, so 数字产业化 is not counted again as 数字产业)."""
    pattern, weights = _sector_pattern(lexicon)
    scores = dict.fromkeys(lexicon.sector_words, 0.0)
    for match in pattern.finditer(text):
        for sector, weight in weights[match.group(0)]:
            scores[sector] += weight
    return scores


@functools.lru_cache(maxsize=4)
def _sector_pattern(lexicon: Lexicon) -> tuple[re.Pattern, dict[str, list[tuple[str, int]]]]:
    weights: dict[str, list[tuple[str, int]]] = {}
    for sector, words in lexicon.sector_words.items():
        for word, weight in words.items():
            weights.setdefault(word, []).append((sector, weight))
    pattern = re.compile("|".join(re.escape(w) for w in sorted(weights, key=len, reverse=True)))
    return pattern, weights


def best_sector(scores: dict[str, float], *, minimum: float = 2.0) -> str | None:
    """The sector with the highest score when it reaches ``minimum`` and is not tied."""
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < minimum:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def heading_pillar(text: str) -> str | None:
    for pillar, words in _PILLAR_WORDS:
        if any(word in text for word in words):
            return pillar
    return None


def heading_pillar_words(text: str) -> tuple[bool, ...]:
    """For each pillar, whether the text names it (数字产业化, 产业数字化)."""
    return tuple(any(word in text for word in words) for _, words in _PILLAR_WORDS)


def _without_pillar_words(text: str) -> str:
    for _, words in _PILLAR_WORDS:
        for word in words:
            text = text.replace(word, "")
    return text


def is_heading(text: str, marked: bool = False) -> bool:
    """A heading: marked as such, or a short line without final punctuation."""
    if marked:
        return True
    stripped = text.strip()
    return 0 < len(stripped) <= 32 and stripped[-1] not in _FINAL_PUNCTUATION


def enumerator(text: str, lexicon: Lexicon) -> str | None:
    """The enumerator that opens a passage (一是, （二）, 首先…), or None."""
    stripped = text.lstrip()
    for word in lexicon.enumerators:
        if stripped.startswith(word):
            return word
    match = _NUMBERED.match(stripped)
    return match.group(0).strip() if match else None


def _lead(text: str) -> str:
    """The first sentence of a passage, where an enumerated item states its theme."""
    match = re.search(r"[。！？；]", text)
    return text[: match.end()] if match else text


def _pillar_sector(sector: str | None, pillar: str | None, current: str | None) -> str | None:
    """The sector a heading sets: its own words, else its pillar's only sector, else unchanged."""
    if sector:
        return sector
    if pillar == tx.DIGITAL_INDUSTRIALIZATION:
        return tx.DIGITAL_INDUSTRY
    if pillar == tx.INDUSTRIAL_DIGITALIZATION:
        return None  # three sectors: the items below it will say which
    return current


def paragraph_contexts(document: Document, lexicon: Lexicon) -> list[ParagraphContext]:
    """Section, pillar and sector for every paragraph of a document.

    Headings and enumerated leads set the sector of what follows them; a passage whose own words
    clearly speak of another sector takes that sector (and starts an unheaded section of it).
    """
    contexts: list[ParagraphContext] = []
    section = ""
    section_sector: str | None = None
    section_pillar: str | None = None
    for paragraph in document.paragraphs:
        text = paragraph.text
        scores = sector_scores(text, lexicon)
        if all(heading_pillar_words(text)):
            # a passage that names both pillars may speak of the whole plan: only its other words count
            scores = sector_scores(_without_pillar_words(text), lexicon)
        own = best_sector(scores)
        role = "body"
        lead_sector = None
        if is_heading(text, paragraph.heading):
            role = "heading"
            section = text
            section_pillar = heading_pillar(text)
            section_sector = _pillar_sector(own, section_pillar, None)
        elif enumerator(text, lexicon):
            lead = _lead(text)
            lead_sector = best_sector(sector_scores(lead, lexicon))
            lead_pillar = heading_pillar(lead)
            if len(lead) == len(text):
                role, section = "item", text
            section_sector = _pillar_sector(lead_sector, lead_pillar, section_sector)
        sector = section_sector
        if role == "body" and lead_sector is None and own and own != section_sector:
            context_score = scores.get(section_sector, 0.0) if section_sector else 0.0
            if section_sector is None or (scores[own] >= 3 and scores[own] >= 2 * context_score + 2):
                sector = section_sector = own  # a passage on another sector opens an unheaded section
        sector = sector or tx.UNCLASSIFIED
        pillar = tx.pillar_of(sector) if sector != tx.UNCLASSIFIED else (section_pillar or tx.UNCLASSIFIED)
        contexts.append(ParagraphContext(paragraph.index, role, section, sector, pillar, scores))
    return contexts
