"""The data layer must not know the seed article: its names come out of the text."""

import re

from conftest import ROOT, SEED

# Distinctive names from the seed article (projects, companies, places).
SEED_NAMES = [
    "京东",
    "苍海",
    "粤桂云",
    "宙斯",
    "车便捷",
    "金箍棒",
    "飞天电商",
    "温氏",
    "金健",
    "益农",
    "中农联",
    "六堡",
    "西江流域",
    "中和国际",
    "梧州",
]


def test_no_seed_name_in_code_or_lexicons():
    assert all(name in SEED.read_text(encoding="utf-8") for name in SEED_NAMES)
    files = [
        *(ROOT / "dashboard").rglob("*.py"),
        *(ROOT / "dashboard").rglob("*.json"),  # the sector model's features
        *(ROOT / "dashboard").rglob("*.tsv"),  # the keywords' background
        *(ROOT / "data" / "lexicon").iterdir(),
        ROOT / "app.py",
    ]
    pattern = re.compile("|".join(SEED_NAMES))
    hits = [
        f"{f.relative_to(ROOT)}: {m.group(0)}"
        for f in files
        if f.exists()
        for m in pattern.finditer(f.read_text(encoding="utf-8"))
    ]
    assert hits == []
