"""The CLI's exit codes: non-zero only where the user must act (nothing reachable, the listing no longer
reads as one), zero when single documents fail (those are rows in ``errors``)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.serve import serve
from pipeline.settings import LISTING_PATH
from samples.golden import SITE

runner = CliRunner()


def site_with_listing(root: Path, listing_html: str) -> Path:
    root.mkdir()
    (root / "listing.html").write_text(listing_html, encoding="utf-8")
    manifest = {
        f"{LISTING_PATH}?page=0": {"file": "listing.html", "content_type": "text/html; charset=utf-8"},
        "/robots.txt": {"status": 404},
    }
    (root / "manifest.json").write_text(json.dumps(manifest))
    return root


def test_a_listing_that_no_longer_reads_as_one_exits_non_zero(tmp_path: Path) -> None:
    site = site_with_listing(
        tmp_path / "site", "<html><body><h1>We have moved</h1><p>Sorry.</p></body></html>"
    )
    with serve(site) as server:
        result = runner.invoke(
            app, ["crawl", "--base-url", server.url, "--store", str(tmp_path / "store"), "--rate", "0"]
        )
    assert result.exit_code == 1, result.output


def test_an_unreachable_archive_exits_non_zero(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["crawl", "--base-url", "http://127.0.0.1:9", "--store", str(tmp_path / "store"), "--rate", "0"],
        env={"DECISIONS_RETRIES": "0", "DECISIONS_CONNECT_TIMEOUT": "0.5"},
    )
    assert result.exit_code == 1, result.output


def test_the_sample_archive_with_a_404_pdf_and_a_corrupt_pdf_exits_zero(tmp_path: Path) -> None:
    with serve(SITE) as server:
        result = runner.invoke(
            app,
            [
                "run",
                "--base-url",
                server.url,
                "--store",
                str(tmp_path / "store"),
                "--out",
                str(tmp_path / "out"),
                "--rate",
                "0",
            ],
        )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "errors.parquet").exists()


def test_query_on_a_missing_dataset_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT 1", "--data", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "decisions build" in result.output


def test_any_setting_can_be_overridden_from_the_command_line_and_the_environment() -> None:
    result = runner.invoke(
        app,
        ["settings", "--set", "read-timeout=7", "--set", "allowed_hosts=a.test,b.test"],
        env={"DECISIONS_RETRIES": "9", "COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "7.0" in lines["read_timeout"] and "'a.test', 'b.test'" in lines["allowed_hosts"]
    assert " 9 " in lines["retries"]


def test_a_bad_setting_is_a_clear_error_not_a_traceback() -> None:
    unknown = runner.invoke(app, ["crawl", "--set", "speed=3", "--store", "/nonexistent/x"])
    assert unknown.exit_code == 1 and "no such setting" in unknown.output
    badly_typed = runner.invoke(app, ["settings"], env={"DECISIONS_RATE": "fast"})
    assert badly_typed.exit_code == 1 and "rate takes a float" in badly_typed.output
