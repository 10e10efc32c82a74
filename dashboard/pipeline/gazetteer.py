"""China's administrative divisions, as a reader knows them: 武汉 is 武汉市, 仪征 is 仪征市.

The table is the one the ``cpca`` package ships (``cpca/resources/adcodes.csv``: provinces,
prefecture-level cities, counties and districts, 3,500 names). Only the file is read: importing
``cpca`` itself would build its address matchers, which the extraction does not use.

A bare name (the stem: 武汉, 恩施) may stand for its division when the text writes it without
市/县/区; which bare names read as places rather than as everyday words (和平, 新建, 古城) is the
entity finder's call (``EntityFinder._reads_as_place``).
"""

from __future__ import annotations

import csv
import importlib.util
from functools import lru_cache
from pathlib import Path

# Suffixes of a division's name; an autonomous division also drops its peoples (恩施土家族苗族自治州 → 恩施).
_KINDS = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
)
# Which division a shared stem means (朝阳: 朝阳市 before 朝阳区): provinces, then cities, then the rest.
_RANK = {"省": 0, "自治区": 0, "特别行政区": 0, "市": 1, "自治州": 1, "地区": 1, "盟": 1}


def _resources() -> Path | None:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources"
    return path if (path / "adcodes.csv").is_file() else None


def _stem(name: str, peoples: tuple[str, ...]) -> tuple[str, str]:
    """(stem, kind) of a division's name: 恩施土家族苗族自治州 → (恩施, 自治州)."""
    kind = next((k for k in _KINDS if name.endswith(k)), "")
    stem = name[: len(name) - len(kind)]
    if kind.startswith("自治"):
        while True:
            people = next((p for p in peoples if stem.endswith(p) and len(stem) > len(p)), None)
            if people is None:
                break
            stem = stem[: -len(people)]
    return stem, kind


@lru_cache(maxsize=1)
def divisions() -> dict[str, tuple[str, int]]:
    """Stem → (full name, level) of every division whose stem has two characters or more
    (武汉 → (武汉市, 1)); the level is 0 for a province, 1 for a prefecture-level division, 2 for a
    county or district, read from its code. A stem shared by several divisions names the highest
    of them. Empty without ``cpca``."""
    folder = _resources()
    if folder is None:
        return {}
    with (folder / "56_nations.csv").open(encoding="utf-8") as handle:
        names = {line.strip().split(",")[-1] for line in handle if "族" in line}
    names |= {n[:-1] for n in names if len(n) > 2}  # 新疆维吾尔自治区 names its people without 族
    peoples = tuple(sorted(names, key=len, reverse=True))
    ranked: dict[str, tuple[int, int, str]] = {}
    with (folder / "adcodes.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name, code = row["name"], row["adcode"]
            if "行政区划" in name or len(code) < 6:
                continue
            stem, kind = _stem(name, peoples)
            if not kind or len(stem) < 2:
                continue
            level = 0 if code[2:6] == "0000" else 1 if code[4:6] == "00" else 2
            rank = (level, _RANK.get(kind, 2), name)
            if stem not in ranked or rank < ranked[stem]:
                ranked[stem] = rank
    return {stem: (name, level) for stem, (level, _, name) in ranked.items()}
