"""The README documents every CLI command, and its two fresh-machine commands exist in the Makefile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"decisions {command}" in README


def test_readme_gives_the_two_fresh_machine_commands() -> None:
    assert "make demo" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text()
    for target in ("install", "demo", "test", "lint", "bench", "bench-accuracy", "golden", "fuzz"):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), target


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_changelog_has_an_unreleased_section() -> None:
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text()
