import importlib.machinery
import importlib.util
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard import extract_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "articles"
SEED = CORPUS / "2022-04-22-wuzhou-digital-economy.md"
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
GOLD_ARTICLES = sorted([SEED, *FIXTURES.iterdir()])
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    """A port nothing listens on now, on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    """Until the server at ``url`` answers its health check (60 s at most, or it exits)."""
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited early; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"streamlit did not become healthy in 60 s; see {log}")
        time.sleep(0.3)


def script_module(name: str):
    """One of ``scripts/`` (files without a .py suffix), imported as a module."""
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(ROOT / "scripts" / name))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, one for the whole run: Playwright's synchronous API drives one at a time."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
            "(apt-get install chromium fonts-noto-cjk) or set CHROMIUM to its path.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def seed_extraction():
    """The bundled article, extracted once for the whole run."""
    return extract_paths([SEED])


@pytest.fixture(scope="session")
def extraction(seed_extraction):
    """The bundled corpus (the seed article), as the app reads it."""
    return seed_extraction


@pytest.fixture(scope="session")
def gold_extraction():
    return extract_paths(GOLD_ARTICLES)


@pytest.fixture(scope="session")
def two_articles():
    """The bundled article and a second one (txt, no front matter), for multi-document views."""
    return extract_paths([CORPUS, FIXTURES / "2024-06-02-huzhou-digital-economy.txt"])


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the bundled corpus."""
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    return folder


def trained_on_development_only(trained_on: list[str]) -> bool:
    """Whether a shipped model's training documents are development texts (data/evaluation/dev and
    the tests' own gold) and none of the held-out ones, which must exist."""
    evaluation = ROOT / "data" / "evaluation"
    heldout = {p.stem for p in (evaluation / "heldout").glob("*.yaml")}
    development = {p.stem for p in (evaluation / "dev").glob("*.yaml")}
    development |= {p.stem for p in (ROOT / "tests" / "fixtures" / "gold").glob("*.yaml")}
    return bool(heldout) and not heldout & set(trained_on) and set(trained_on) <= development


@pytest.fixture
def without_name_model(monkeypatch, tmp_path):
    """The grammar alone: no name model shipped (what the extraction falls back to)."""
    from dashboard.pipeline import name_model

    monkeypatch.setattr(name_model, "MODEL_PATH", tmp_path / "none.crfsuite")
    name_model.load_name_model.cache_clear()
    yield
    name_model.load_name_model.cache_clear()
