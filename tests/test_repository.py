"""The repository as a new user meets it: a quiet install, documents that name no one machine's paths, and a
README that tells of the make targets."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Absolute paths that exist on one machine only (home folders, the workspace the project was written in).
ONE_MACHINE_PATH = re.compile(r"(?<![\w.~])/(?:work|home|root|Users)/[\w.-]+")


def documents() -> list[Path]:
    """The Markdown and plain README files of the repository (not the virtualenv's)."""
    skipped = {".venv", ".git", ".pytest_cache", "data", ".prefect"}
    return [p for p in sorted(REPO.rglob("*")) if p.is_file() and (p.suffix == ".md" or p.name == "README")
            and not skipped & set(p.relative_to(REPO).parts)]


@pytest.mark.parametrize("document", documents(), ids=lambda p: str(p.relative_to(REPO)))
def test_documents_name_paths_relative_to_the_repository(document: Path) -> None:
    found = ONE_MACHINE_PATH.findall(document.read_text(encoding="utf-8"))
    assert found == [], f"{document.relative_to(REPO)} names paths of one machine: {found}"


def test_anchor_origin_is_named_relative_to_the_repository() -> None:
    assert "`../shared/anchors/`" in (REPO / "tests" / "data" / "anchors" / "README.md").read_text(encoding="utf-8")


def test_readme_tells_of_every_make_target_a_user_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for target in ("make run", "make test", "make test-fast", "make server", "make server-stop"):
        assert re.search(re.escape(target) + r"\b(?!-)", readme), target


def test_building_the_package_declares_every_folder_it_ships(tmp_path: Path) -> None:
    """setuptools warns 'Package would be ignored' for each shipped folder that `packages` does not list."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    for package in {name.split(".")[0] for name in config["tool"]["setuptools"]["packages"]}:
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    build = subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "build_py",
                            "--build-lib", str(tmp_path / "built")], cwd=tmp_path, capture_output=True, text=True,
                           timeout=120)
    assert build.returncode == 0, build.stderr
    assert "Package would be ignored" not in build.stdout + build.stderr, build.stderr[:3000]
    shipped = {p.relative_to(tmp_path / "built").as_posix() for p in (tmp_path / "built").rglob("*") if p.is_file()}
    for data_file in ("extractors/data/entities.jsonl", "warehouse/migrations/001_initial_schema.sql",
                      "warehouse/views/v_10_facts.sql", "warehouse/queries/article_facts.sql",
                      "warehouse/templates/report.html.j2"):
        assert data_file in shipped
