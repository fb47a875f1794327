"""The repository is self-contained: no file points to design documents that live outside it.

What the code relies on from outside documents is written down in docs/ (architecture.md, domain.md,
mattermost.md). A reference to a document a reader of the repository cannot open is a dead end.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".git", ".venv", "build", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}

# Spelled in parts so that this file does not match itself.
OUTSIDE = re.compile(
    "|".join(
        [
            re.escape("../" + "shared"),
            re.escape("/work/" + "shared"),
            re.escape("mm-" + "openapi"),
            *(rf"\b{name}\.md\b" for name in ("DESIGN", "DOMAIN", "MATTER" + "MOST")),
        ]
    )
)


def repository_files() -> list[Path]:
    """The files git tracks (or would track); without git, every file outside tool and build folders."""
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        listed = subprocess.run(
            [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return [ROOT / name for name in listed.split("\0") if name]
    return [
        path
        for path in ROOT.rglob("*")
        if path.is_file() and not SKIP_DIRS & set(path.relative_to(ROOT).parts)
    ]


def references_outside(text: str) -> list[str]:
    return [match.group(0) for match in OUTSIDE.finditer(text)]


def test_no_file_points_outside_the_repository() -> None:
    found = {}
    for path in repository_files():
        if not path.is_file() or path.is_symlink():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if hits := references_outside(text):
            found[str(path.relative_to(ROOT))] = sorted(set(hits))
    assert found == {}


def test_the_check_recognises_each_kind_of_reference() -> None:
    shared, domain, mattermost, design = (
        "../" + "shared",
        "DOMAIN" + ".md",
        "MATTER" + "MOST.md",
        "DESIGN" + ".md",
    )
    assert references_outside(f"see {shared}/notes and {domain} §3.3") == [shared, domain]
    assert references_outside(f"({mattermost} §1.4) and {design}") == [mattermost, design]
    assert references_outside("see docs/domain.md §4 and docs/mattermost.md §1.4") == []


def test_the_docs_it_points_to_exist() -> None:
    for name in ("architecture.md", "domain.md", "mattermost.md"):
        assert (ROOT / "docs" / name).stat().st_size > 2000
