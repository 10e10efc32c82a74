"""Scoring extracted projects, organizations and places against a hand-made gold file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from dashboard.pipeline.entities import normalise_name

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class ProjectScore:
    recall: float  # required gold projects found
    wrong_share: float  # share of listed named projects that the gold does not name
    sector_accuracy: float  # found gold projects given their sector (or an accepted alternative)
    missed: list[str]
    wrong: list[str]
    wrong_sector: list[str]

    def __str__(self) -> str:
        return (
            f"recall {self.recall:.0%}, wrong {self.wrong_share:.0%}, sector accuracy {self.sector_accuracy:.0%}; "
            f"missed {self.missed}; wrong {self.wrong}; wrong sector {self.wrong_sector}"
        )


def load_gold(document: str) -> dict:
    return yaml.safe_load((FIXTURES / "gold" / f"{document}.yaml").read_text(encoding="utf-8"))


def _forms(item: dict) -> set[str]:
    return {normalise_name(n) for n in [item["name"], *(item.get("aliases") or [])]}


def score_projects(projects: pd.DataFrame, gold: dict) -> ProjectScore:
    listed = projects[(projects["document"] == gold["document"]) & projects["named"]]
    predicted = {normalise_name(n): s for n, s in zip(listed["name"], listed["sector"], strict=True)}
    required = [g for g in gold["projects"] if not g.get("optional")]
    found, missed, wrong_sector = 0, [], []
    for item in required:
        hit = next((predicted[f] for f in _forms(item) if f in predicted), None)
        if hit is None:
            missed.append(item["name"])
            continue
        found += 1
        if hit not in {item["sector"], *(item.get("also") or [])}:
            wrong_sector.append(f"{item['name']}:{hit}")
    known = set().union(*(_forms(g) for g in gold["projects"]))
    wrong = sorted(n for n in predicted if n not in known)
    return ProjectScore(
        recall=found / len(required),
        wrong_share=len(wrong) / max(1, len(predicted)),
        sector_accuracy=(found - len(wrong_sector)) / max(1, found),
        missed=missed,
        wrong=wrong,
        wrong_sector=wrong_sector,
    )


def entity_recall(table: pd.DataFrame, gold: dict, key: str) -> tuple[float, list[str]]:
    """Share of the gold's organizations or places (``key``) found, and the ones missed."""
    names = {normalise_name(n) for n in table[table["document"] == gold["document"]]["name"]}
    items = gold.get(key) or []
    missed = [i["name"] for i in items if not (_forms(i) & names)]
    return 1 - len(missed) / max(1, len(items)), missed
