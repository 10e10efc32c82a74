import shutil
from pathlib import Path

import pytest

from dashboard import extract_paths

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "2022-04-22-wuzhou-digital-economy.md"
FIXTURE_ARTICLES = Path(__file__).parent / "fixtures" / "articles"
GOLD_ARTICLES = sorted([SEED, *FIXTURE_ARTICLES.iterdir()])


@pytest.fixture(scope="session")
def seed_extraction():
    return extract_paths([SEED])


@pytest.fixture(scope="session")
def gold_extraction():
    return extract_paths(GOLD_ARTICLES)


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the bundled corpus."""
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", folder)
    return folder
