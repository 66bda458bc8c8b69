"""``decisions``: the command line. Thin: every command calls the library and turns its errors into
messages and exit codes here, and only here.

Exit codes: 0 done (errors recorded in the errors table are not failures); 1 the user must act (bad
arguments, unreachable base URL, nothing crawled, an unwritable output); 2 usage errors (typer's own).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import __version__
from pipeline.errors import PipelineError
from pipeline.settings import BASE_URL, Settings, describe, load, parse_overrides

if TYPE_CHECKING:  # the crawl stack is imported only by the commands that crawl
    from pipeline.crawl import CrawlSummary

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Crawl, parse and publish the MOPAC decision archive as typed Parquet data.",
)
out_console = Console()
err_console = Console(stderr=True)

StoreOpt = Annotated[Path, typer.Option("--store", help="Raw store directory (blobs + crawl state).")]
OutOpt = Annotated[Path, typer.Option("--out", help="Dataset directory to write the Parquet tables into.")]
BaseUrlOpt = Annotated[str, typer.Option("--base-url", help="Archive to crawl (the live site by default).")]
RateOpt = Annotated[
    float | None, typer.Option("--rate", help="Requests/s per host; 0 = no limit (local only).")
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set", help="NAME=VALUE: override any setting, e.g. --set read_timeout=60 (see `settings`)."
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad input instead of recording it.")
]


def _fail(exc: PipelineError) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {exc.message}")
    return typer.Exit(1)


def _settings(
    base_url: str | None = None,
    rate: float | None = None,
    strict: bool | None = None,
    overrides: list[str] | None = None,
    **extra: object,
) -> Settings:
    """Defaults < DECISIONS_* environment < ``--set NAME=VALUE`` < the command's own options."""
    try:
        settings = load(None).with_(**parse_overrides(overrides or []))
        return settings.with_(base_url=base_url, rate=rate, strict=strict or None, **extra)
    except PipelineError as exc:
        raise _fail(exc) from exc


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from exc


@app.command()
def crawl(
    base_url: BaseUrlOpt = BASE_URL,
    store: StoreOpt = Path("store"),
    max_decisions: Annotated[
        int | None, typer.Option("--max-decisions", help="Stop after N decisions.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only entries signed/published on or after this date (YYYY-MM-DD)."),
    ] = None,
    rate: RateOpt = None,
    settled_days: Annotated[
        int | None, typer.Option("--settled-days", help="Skip unchanged entries older than this many days.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be fetched; store nothing.")
    ] = False,
    no_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Do not read robots.txt (own servers only).")
    ] = False,
    set_: SetOpt = None,
) -> None:
    """Crawl listing pages → decision pages → PDFs into the raw store."""
    settings = _settings(
        base_url, rate, overrides=set_, settled_days=settled_days, obey_robots=False if no_robots else None
    )
    summary = _crawl(settings, store, max_decisions, _parse_date(since), dry_run)
    if not dry_run and not _crawl_ok(summary):
        raise typer.Exit(1)


def _crawl_ok(summary: CrawlSummary) -> bool:
    """False where the user must act: nothing reachable, or the listing no longer reads as one."""
    c = summary.counts
    reached = c.get("fetched", 0) + c.get("not_modified", 0) + c.get("skipped_settled", 0)
    listing_changed = any(e.reason == "layout_changed" and e.role == "listing" for e in summary.errors)
    return summary.requests > 0 and reached > 0 and not listing_changed


def _crawl(
    settings: Settings, store_dir: Path, max_decisions: int | None, since: date | None, dry_run: bool
) -> CrawlSummary:
    from pipeline.crawl import crawl as run_crawl
    from pipeline.crawl import render_summary
    from pipeline.store import Store

    try:
        with Store(store_dir) as store:
            summary = run_crawl(
                settings,
                store,
                max_decisions=max_decisions,
                since=since,
                dry_run=dry_run,
                progress=sys.stderr.isatty(),
                console=err_console,
            )
    except PipelineError as exc:
        raise _fail(exc) from exc
    render_summary(summary, err_console)
    if dry_run:
        for url in summary.planned:
            out_console.print(url, highlight=False, soft_wrap=True)
    return summary


@app.command()
def build(
    store: StoreOpt = Path("store"),
    out: OutOpt = Path("out"),
    strict: StrictOpt = False,
    base_url: BaseUrlOpt = BASE_URL,
    set_: SetOpt = None,
) -> None:
    """Raw store → Parquet tables (decisions, amounts, recommendations, ... , errors)."""
    settings = _settings(base_url, strict=strict, overrides=set_)
    _build(settings, store, out)


def _build(settings: Settings, store_dir: Path, out: Path) -> dict[str, int]:
    from pipeline.build import build_rows
    from pipeline.store import Store
    from pipeline.write import write_dataset

    if not (store_dir / "state.sqlite").exists():
        err_console.print(
            f"[bold red]error:[/] {store_dir}: no raw store here; run `decisions crawl --store "
            f"{store_dir}` first"
        )
        raise typer.Exit(1)
    try:
        with Store(store_dir) as store:
            total = len(store.latest_versions("decision"))
            with Progress(
                TextColumn("[bold]build"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err_console,
                disable=not sys.stderr.isatty(),
            ) as progress:
                task = progress.add_task("build", total=total)
                rows = build_rows(store, settings, on_progress=lambda _u: progress.advance(task))
            counts = write_dataset(out, rows.as_dict(), base_url=settings.base_url)
    except PipelineError as exc:
        raise _fail(exc) from exc
    _print_counts(counts, out, rows.errors)
    return counts


def _print_counts(counts: dict[str, int], out: Path, errors: Sequence[object]) -> None:
    table = Table(title=f"dataset written to {out}", show_edge=False)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in counts.items():
        table.add_row(name, str(n))
    err_console.print(table)
    by_reason: dict[str, int] = {}
    for e in errors:
        reason = getattr(e, "reason", "error")
        by_reason[reason] = by_reason.get(reason, 0) + 1
    if by_reason:
        err_console.print("errors by reason: " + ", ".join(f"{k}={v}" for k, v in sorted(by_reason.items())))


@app.command()
def run(
    base_url: BaseUrlOpt = BASE_URL,
    store: StoreOpt = Path("store"),
    out: OutOpt = Path("out"),
    max_decisions: Annotated[
        int | None, typer.Option("--max-decisions", help="Stop after N decisions.")
    ] = None,
    rate: RateOpt = None,
    strict: StrictOpt = False,
    set_: SetOpt = None,
) -> None:
    """Crawl, then build: the whole pipeline."""
    settings = _settings(base_url, rate, strict, overrides=set_)
    summary = _crawl(settings, store, max_decisions, None, False)
    if summary.requests == 0:
        raise typer.Exit(1)
    _build(settings, store, out)
    if not _crawl_ok(summary):
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[
        list[Path], typer.Argument(help=".html, .pdf or .txt (a page's text as a browser shows it)")
    ],
    strict: StrictOpt = False,
) -> None:
    """Parse local files and print one JSON object per file (JSON Lines for several)."""
    from pipeline.extract import extract_path

    failed = 0
    for path in paths:
        try:
            record = extract_path(path)
        except (PipelineError, OSError) as exc:
            if strict:
                raise _fail(exc if isinstance(exc, PipelineError) else PipelineError(str(exc))) from exc
            failed += 1
            reason = exc.reason if isinstance(exc, PipelineError) else "unreadable_file"
            message = exc.message if isinstance(exc, PipelineError) else f"{path}: {exc.strerror or exc}"
            record = {"file": str(path), "error": {"reason": reason, "message": message}}
            err_console.print(f"[yellow]warning:[/] {message}")
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed == len(paths):
        raise typer.Exit(1)


@app.command("serve-samples")
def serve_samples(
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (0 = any free port).")] = 8765,
    root: Annotated[Path, typer.Option("--root", help="Site directory with manifest.json.")] = Path(__file__)
    .resolve()
    .parent.parent
    / "samples"
    / "site",
) -> None:
    """Serve the bundled sample archive on 127.0.0.1 by its manifest (Ctrl-C stops)."""
    from pipeline.serve import serve

    try:
        with serve(root, port=port) as server:
            err_console.print(f"serving {root} at {server.url} (Ctrl-C to stop)")
            out_console.print(server.url, highlight=False)
            sys.stdout.flush()
            server.wait()
    except PipelineError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        pass


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL over the views decisions, amounts, recommendations, ...")],
    data: Annotated[Path, typer.Option("--data", help="Dataset directory.")] = Path("out"),
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
) -> None:
    """Run SQL (DuckDB) over the dataset, every table registered as a view."""
    from pipeline.query import format_result, run_query

    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("--format must be table, csv or json")
    try:
        result = run_query(data, sql)
    except PipelineError as exc:
        raise _fail(exc) from exc
    format_result(result, fmt, out_console)


@app.command()
def dashboard(
    data: Annotated[Path, typer.Option("--data", help="Dataset directory.")] = Path("out"),
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("dashboard.html"),
) -> None:
    """Write a self-contained transparency dashboard (one HTML file, works offline) from the dataset."""
    from pipeline.dashboard import build_dashboard, format_pence

    try:
        summary = build_dashboard(data, out)
    except PipelineError as exc:
        raise _fail(exc) from exc
    err_console.print(
        f"dashboard written to {summary.out}: {summary.decisions} decisions, "
        f"{format_pence(summary.approved_pence)} approved (headline amounts)",
        highlight=False,
    )


@app.command()
def report(
    data: Annotated[Path, typer.Option("--data", help="Dataset directory.")] = Path("out"),
    store: Annotated[
        Path | None, typer.Option("--store", help="Raw store (adds crawl runs and listing coverage).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Archive health: coverage of the code space, crawl runs, empty fields per era, PDFs needing OCR."""
    from pipeline.report import build_report, render_report, to_json

    try:
        result = build_report(store, data)
    except PipelineError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(to_json(result))
    else:
        render_report(result, out_console)


@app.command("settings")
def show_settings(set_: SetOpt = None) -> None:
    """Every setting with its effective value (defaults < DECISIONS_* environment < --set)."""
    table = Table(show_edge=False)
    for column in ("setting", "value", "environment variable"):
        table.add_column(column, overflow="fold")
    for row in describe(_settings(overrides=set_)):
        table.add_row(*row)
    out_console.print(table)


@app.command()
def version() -> None:
    """Print the package and schema versions."""
    from schemas import SCHEMA_VERSION

    out_console.print(f"mopac-decisions {__version__} (schema {SCHEMA_VERSION})", highlight=False)


if __name__ == "__main__":  # pragma: no cover
    app()
