"""The framework of the genre: pillars (两化), sectors, and their names in Chinese and English."""

from __future__ import annotations

DIGITAL_INDUSTRIALIZATION = "digital-industrialization"
INDUSTRIAL_DIGITALIZATION = "industrial-digitalization"
UNCLASSIFIED = "unclassified"

DIGITAL_INDUSTRY = "digital-industry"
MANUFACTURING = "manufacturing"
SERVICES = "services"
AGRICULTURE = "agriculture"

SECTORS: tuple[str, ...] = (DIGITAL_INDUSTRY, MANUFACTURING, SERVICES, AGRICULTURE)
PILLARS: tuple[str, ...] = (DIGITAL_INDUSTRIALIZATION, INDUSTRIAL_DIGITALIZATION)

SECTOR_PILLAR: dict[str, str] = {
    DIGITAL_INDUSTRY: DIGITAL_INDUSTRIALIZATION,
    MANUFACTURING: INDUSTRIAL_DIGITALIZATION,
    SERVICES: INDUSTRIAL_DIGITALIZATION,
    AGRICULTURE: INDUSTRIAL_DIGITALIZATION,
    UNCLASSIFIED: UNCLASSIFIED,
}

NAMES: dict[str, dict[str, str]] = {
    DIGITAL_INDUSTRIALIZATION: {"zh": "数字产业化", "en": "digital industrialization"},
    INDUSTRIAL_DIGITALIZATION: {"zh": "产业数字化", "en": "industrial digitalization"},
    DIGITAL_INDUSTRY: {"zh": "数字产业", "en": "digital industry"},
    MANUFACTURING: {"zh": "制造业", "en": "manufacturing"},
    SERVICES: {"zh": "服务业", "en": "services"},
    AGRICULTURE: {"zh": "农业", "en": "agriculture"},
    UNCLASSIFIED: {"zh": "未分类", "en": "unclassified"},
}

# Colours used for sectors in every chart and highlight, so one sector looks the same everywhere.
SECTOR_COLORS: dict[str, str] = {
    DIGITAL_INDUSTRY: "#3b6ea8",
    MANUFACTURING: "#c0713a",
    SERVICES: "#4f9a7b",
    AGRICULTURE: "#8a9a3b",
    UNCLASSIFIED: "#8c8c8c",
}


def pillar_of(sector: str) -> str:
    """The pillar a sector belongs to: ``pillar_of("agriculture") == "industrial-digitalization"``."""
    return SECTOR_PILLAR.get(sector, UNCLASSIFIED)


def label(slug: str, lang: str = "zh") -> str:
    """The display name of a pillar or sector slug: ``label("services") == "服务业"``."""
    names = NAMES.get(slug)
    if names is None:
        return slug
    return names.get(lang, names["zh"])
