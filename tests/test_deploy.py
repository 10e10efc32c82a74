"""Hosting: the Dockerfile, the dependency file hosts read, and where a deployment writes.

Docker is not run here; the Dockerfile is read the way Docker reads it (instructions, continuation
lines, exec-form JSON) and held to what the README promises.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from dashboard.settings import cache_folder

INSTRUCTIONS = {"FROM", "ENV", "WORKDIR", "COPY", "RUN", "USER", "VOLUME", "EXPOSE", "HEALTHCHECK", "CMD", "ARG", "LABEL"}  # fmt: skip


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) pairs, continuation lines joined and comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    steps = []
    for line in joined.splitlines():
        if line.strip():
            instruction, _, arguments = line.strip().partition(" ")
            steps.append((instruction.upper(), arguments.strip()))
    return steps


def test_the_dockerfile_uses_only_known_instructions_in_a_working_order():
    steps = dockerfile()
    names = [name for name, _ in steps]
    assert set(names) <= INSTRUCTIONS, set(names) - INSTRUCTIONS
    assert names[0] == "FROM" and names[-1] == "CMD"
    assert names.index("USER") < names.index("CMD")


def test_the_image_is_slim_python_of_the_stated_version_and_runs_as_a_user():
    steps = dict(dockerfile())
    assert re.fullmatch(r"python:3\.11-slim", steps["FROM"])
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11"
    assert (
        steps["USER"] not in ("root", "0")
        and f"useradd --create-home --uid 10001 {steps['USER']}" in steps["RUN"]
    )


def test_the_server_command_health_check_port_and_corpus_volume_agree():
    steps = dict(dockerfile())
    command = json.loads(steps["CMD"])
    assert command[:3] == ["streamlit", "run", "app.py"]
    port = next(a.split("=")[1] for a in command if a.startswith("--server.port="))
    assert steps["EXPOSE"] == port
    health = steps["HEALTHCHECK"]
    probe = json.loads(health[health.index("CMD ") + 4 :])
    assert f"http://127.0.0.1:{port}/_stcore/health" in probe[-1]
    env = dict(re.findall(r"(\w+)=(\S+)", steps["ENV"]))
    assert json.loads(steps["VOLUME"]) == [env["DASHBOARD_CORPUS"]]
    assert env["DASHBOARD_CACHE_DIR"].startswith("/tmp/")
    assert "pip install -r requirements.txt" in steps["RUN"]


def test_the_health_check_command_runs():
    steps = dict(dockerfile())
    probe = json.loads(steps["HEALTHCHECK"].split("CMD ", 1)[1])
    code = probe[-1].replace("http://127.0.0.1:8501", "http://127.0.0.1:9")  # nothing listens there
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "Connection refused" in result.stderr


def test_requirements_install_the_project_and_its_dependencies_from_pyproject():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.strip() and not line.startswith("#")] == ["-e ."]


def test_the_readme_shows_how_to_run_the_image():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docker build -t digital-economy-dashboard ." in readme
    assert (
        "docker run -d --name dashboard -p 8501:8501 -v /srv/articles:/corpus:ro digital-economy-dashboard"
        in readme
    )


def files_under(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


@pytest.mark.parametrize("configured", [True, False])
def test_a_read_only_corpus_is_read_and_only_the_cache_folder_is_written(tmp_path, configured):
    corpus, home, temp, cache = (tmp_path / name for name in ("corpus", "home", "tmp", "cache"))
    shutil.copytree(CORPUS, corpus)
    home.mkdir(), temp.mkdir()
    for path in (*corpus.iterdir(), corpus):
        path.chmod(0o555 if path.is_dir() else 0o444)
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp)}
    env.pop("DASHBOARD_CACHE_DIR", None)
    if configured:
        env["DASHBOARD_CACHE_DIR"] = str(cache)
    before = files_under(tmp_path)
    command = [sys.executable, "-m", "dashboard", "report", str(corpus), "-o", os.devnull]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    written = files_under(tmp_path) - before
    expected = cache if configured else home / ".cache" / "digital-economy-dashboard"
    inside = [p for p in written if p == expected or expected in p.parents or p in expected.parents]
    assert written and set(inside) == written, sorted(written - set(inside))
    assert {p.name for p in written} >= {"jieba.cache", "extractions"}


def test_the_cache_falls_back_to_the_temp_folder_when_home_cannot_be_written(tmp_path, monkeypatch):
    blocked = tmp_path / "home-is-a-file"
    blocked.write_text("")
    monkeypatch.delenv("DASHBOARD_CACHE_DIR", raising=False)
    monkeypatch.setattr(Path, "home", lambda: blocked)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    assert cache_folder() == tmp_path / "tmp" / "digital-economy-dashboard"


def test_an_installed_package_carries_every_model_and_table_the_code_reads_beside_it():
    """A wheel holds the data files ``pyproject.toml`` lists: every learned model and table that
    sits beside the code (``*.json``, ``*.crfsuite``, ``*.tsv``) must match one of its patterns, or
    an installed dashboard would run without it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = project["tool"]["setuptools"]["package-data"]
    beside_code = [p for s in ("json", "crfsuite", "tsv") for p in (ROOT / "dashboard").rglob(f"*.{s}")]
    assert len(beside_code) >= 5
    for path in beside_code:
        package = ".".join(path.parent.relative_to(ROOT).parts)
        assert any(path.match(pattern) for pattern in listed.get(package, [])), path
