"""What a crawl reports: the outcomes a work item can end with, the run's :class:`CrawlSummary`, the
live progress bar, and :func:`render_summary` (the one screen printed at the end of a run).

:mod:`pipeline.crawl` re-exports ``OUTCOMES``, ``CrawlSummary`` and ``render_summary``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.store import CrawlError

# Every outcome a work item can end with, in the order the summary shows them.
OUTCOMES = (
    "fetched",  # a body was stored (new version, or same bytes seen again)
    "not_modified",  # 304 to a conditional request
    "skipped_settled",  # listing entry unchanged and older than the settled window
    "http_error",  # an error status (after retries for 429/5xx)
    "fetch_error",  # timeouts, resets, truncated bodies, redirect loops (after retries)
    "blocked_host",  # the URL or a redirect points off the allow-list
    "too_large",  # body over the size cap
    "robots_denied",  # robots.txt disallows it
    "parse_error",  # fetched, but the page no longer reads as expected (layout changed)
)


@dataclass
class CrawlSummary:
    """What a crawl did: counts per outcome, the errors of the run, and (dry run) what it would fetch."""

    counts: dict[str, int]
    errors: list[CrawlError]
    planned: list[str] = field(default_factory=list)
    requests: int = 0  # HTTP requests sent by this call (retries and redirect hops included)
    run_id: int | None = None
    resumed: bool = False  # this call finished a run an earlier (killed) call had started
    seconds: float = 0.0


def progress_bar(enabled: bool, console: Console | None) -> Progress:
    """The crawl's live bar (pages done of known, errors, pages/s); a no-op when not ``enabled``."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not enabled,
        transient=False,
    )


def render_summary(summary: CrawlSummary, console: Console) -> None:
    """One screen: counts per outcome, requests, and the first errors."""
    table = Table(title="crawl summary" + (" (dry run)" if summary.planned or summary.run_id is None else ""))
    table.add_column("outcome")
    table.add_column("count", justify="right")
    for outcome in OUTCOMES:
        table.add_row(outcome, str(summary.counts.get(outcome, 0)))
    table.add_row("requests sent", str(summary.requests), style="dim")
    if summary.planned:
        table.add_row("would fetch", str(len(summary.planned)), style="bold")
    console.print(table)
    if summary.resumed:
        console.print(f"resumed run {summary.run_id}, which an earlier crawl had started")
    shown = summary.errors[:10]
    if shown:
        errors = Table(title=f"errors ({len(summary.errors)})")
        for column in ("reason", "status", "url"):
            errors.add_column(column, overflow="fold")
        for error in shown:
            errors.add_row(error.reason, "" if error.status is None else str(error.status), error.url)
        console.print(errors)
        if len(summary.errors) > len(shown):
            console.print(f"… {len(summary.errors) - len(shown)} more: see the errors table of the store")
