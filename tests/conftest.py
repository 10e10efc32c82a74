from pathlib import Path

import pytest

from dashboard import extract_paths

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


@pytest.fixture(scope="session")
def extraction():
    """The bundled article, extracted once for the whole run."""
    return extract_paths([CORPUS])


@pytest.fixture(scope="session")
def two_articles():
    """The bundled article and a second one (txt, no front matter), for multi-document views."""
    return extract_paths([CORPUS, FIXTURES / "2024-06-02-huzhou-digital-economy.txt"])
