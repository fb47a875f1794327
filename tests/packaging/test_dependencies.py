"""What the package imports is what pyproject.toml declares; every data file the program reads ships in it.

A distribution that is only installed because another one pulls it in (starlette under FastAPI, requests under
mattermostdriver) works today and breaks the day that other one drops it; so each import is checked against
the declared dependencies, read from the source's syntax tree rather than from a hand-kept list.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from fnmatch import fnmatch
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "commands", "storage")
FIRST_PARTY = {*PACKAGES, "tests", "bench"}
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def normalise(name: str) -> str:
    """PEP 503 normalisation: `PyYAML`, `pydantic_core` and `Pydantic-Core` compare equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements: Iterable[str]) -> set[str]:
    names: set[str] = set()
    for requirement in requirements:
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        assert match, f"unreadable requirement {requirement!r}"
        names.add(normalise(match.group(1)))
    return names


def imported_top_level(source: str) -> set[str]:
    """Top-level names of absolute imports, wherever they appear (also inside functions and TYPE_CHECKING)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def third_party_imports(directories: Iterable[str]) -> dict[str, list[str]]:
    """Third-party top-level module -> the files that import it."""
    found: dict[str, list[str]] = {}
    for directory in directories:
        for path in sorted((ROOT / directory).rglob("*.py")):
            for name in imported_top_level(path.read_text(encoding="utf-8")):
                if name in sys.stdlib_module_names or name in FIRST_PARTY or name == "__future__":
                    continue
                found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def undeclared(directories: Iterable[str], declared: set[str]) -> list[str]:
    providers = packages_distributions()
    problems = []
    for module, files in sorted(third_party_imports(directories).items()):
        distributions = {normalise(d) for d in providers.get(module, [])}
        if not distributions:
            problems.append(f"{module}: imported by {files[0]} but not installed at all")
        elif not distributions & declared:
            problems.append(f"{module} (from {', '.join(sorted(distributions))}): imported by {files[0]}")
    return problems


RUNTIME = requirement_names(PYPROJECT["project"]["dependencies"])
DEV = RUNTIME | requirement_names(PYPROJECT["project"]["optional-dependencies"]["dev"])


def test_the_program_imports_only_declared_distributions() -> None:
    assert undeclared(PACKAGES, RUNTIME) == []


def test_tests_and_benchmarks_import_only_declared_distributions() -> None:
    assert undeclared(("tests", "bench"), DEV) == []


def test_the_check_notices_an_undeclared_import(tmp_path: Path) -> None:
    """The check itself can fail: yaml comes from PyYAML, which is declared; take it away and it is found."""
    assert imported_top_level(
        "import yaml.constructor\nfrom requests import HTTPError\nfrom . import x\n"
    ) == {
        "yaml",
        "requests",
    }
    assert any(p.startswith("yaml (from pyyaml)") for p in undeclared(PACKAGES, RUNTIME - {"pyyaml"}))


@pytest.mark.parametrize(("raw", "expected"), [("PyYAML", "pyyaml"), ("pydantic_core", "pydantic-core")])
def test_names_are_compared_normalised(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert requirement_names([f"{raw}[extra]>=1; python_version>'3'"]) == {expected}


def data_files() -> Iterator[Path]:
    """Every file in the packages that is not Python source or a build by-product."""
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts:
                yield path


def test_every_data_file_in_the_packages_ships_as_package_data() -> None:
    """setuptools leaves out any non-Python file that package-data does not name; `erbij demo` then fails only
    after `pip install`, never in the editable checkout the tests run in."""
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]
    missing = []
    for path in data_files():
        relative = path.relative_to(ROOT)
        shipped = any(
            relative.parts[: len(package.split("."))] == tuple(package.split("."))
            and any(fnmatch(str(relative.relative_to(*package.split("."))), pattern) for pattern in globs)
            for package, globs in patterns.items()
        )
        if not shipped:
            missing.append(str(relative))
    assert missing == []
    assert ROOT / "bot" / "demo" / "roster.yaml" in set(data_files())
