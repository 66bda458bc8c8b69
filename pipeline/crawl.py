"""Walk the archive: listing pages → decision pages → the PDFs they link, into the raw store.

A run is a queue of work in the store's ``frontier`` table: listing page 0 first; each listing page
adds the other listing pages (how many comes from its "Showing a-b of N results" line) and its
decision entries; each decision page adds the documents it links. Every step stores the body (blob
first, durable), then commits its state change, its new work and its own completion in one
transaction — so a crawl killed at any moment is resumed by running it again, with nothing lost or
duplicated. Listing pages go first, so the plan is known early.

Fetching runs a few steps ahead (``settings.fetch_ahead``; 0 turns it off): one fetch thread GETs
the next pages (one request in flight at a time, within the rate limit), two blob threads write and
fsync their bodies, and this thread parses the previous page and commits its state once its blob is
durable. Only this thread touches SQLite; a kill loses at most the fetched-ahead pages, asked again
on resume. The settled window counts from an entry's date, else from when the page was first seen,
so undated entries are asked (conditionally) until they have been known for ``settled_days``.

Incremental: requests are conditional (If-None-Match / If-Modified-Since from the stored version), and
a decision whose listing entry is unchanged (same fingerprint) and older than ``settings.settled_days``
(by its date signed/published, else when the page was first seen) is skipped with its documents
(outcome ``skipped_settled``) unless one of its documents last failed transiently (429/5xx/network).
A no-change re-run of a settled archive therefore costs the listing pages only.

Options: ``max_decisions`` counts listing entries taken (skipped-settled ones included), in listing
order; ``since`` keeps entries signed/published on or after the date, and entries showing no date (the
listing often leaves "Date signed:" empty); ``dry_run`` asks for robots.txt and the listing pages only
(conditionally), writes nothing to the store, and returns the decision pages a real run would fetch.

This module holds the run (the queue, each kind of page, the dry run). Its parts live beside it: one
item's request and its state change, robots.txt through the store included, in
:mod:`pipeline.crawl_fetch`; a listing page's entries as work items and the settled check in
:mod:`pipeline.crawl_listing`; the outcomes, :class:`CrawlSummary`, the progress bar and
:func:`render_summary` in :mod:`pipeline.crawl_summary` (``OUTCOMES``, ``CrawlSummary`` and
``render_summary`` are importable from here too).
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from types import ModuleType

from protego import Protego
from rich.console import Console
from rich.progress import Progress, TaskID

from pipeline.crawl_fetch import Fetched, body_of, fetch_item, item_error, record_fetch, stored_robots
from pipeline.crawl_listing import ListingLinkLike, listing_children, page_count
from pipeline.crawl_summary import OUTCOMES, CrawlSummary, progress_bar, render_summary
from pipeline.errors import FetchError, PipelineError
from pipeline.fetch import Fetcher
from pipeline.fetch_policy import canonical_url, origin_of
from pipeline.frontier import FrontierItem
from pipeline.settings import Settings
from pipeline.store import CrawlError, Store, Version, utcnow

__all__ = ["OUTCOMES", "PRIORITY", "UNNEEDED", "CrawlSummary", "ListingLinkLike", "crawl", "render_summary"]

PRIORITY = {"listing": 0, "decision": 1, "document": 2}
UNNEEDED = "unneeded"  # listing pages past max_decisions: done without a request, not an outcome


def crawl(
    settings: Settings,
    store: Store,
    *,
    max_decisions: int | None = None,
    since: date | None = None,
    dry_run: bool = False,
    progress: bool = True,
    console: Console | None = None,
) -> CrawlSummary:
    """Crawl ``settings.base_url`` into ``store`` (see the module docstring); resumes a killed run.

    Blobs are fsynced only when both ``store.fsync`` and ``settings.fsync`` say so.
    """
    from pipeline.sources import mopac  # the adapter pulls in the parsers: only load it to crawl

    if dry_run:
        return _Crawler(settings, store, mopac, max_decisions, since, write=False).plan()
    store.acquire_writer()
    fsync = store.fsync
    store.fsync = fsync and settings.fsync
    try:
        crawler = _Crawler(settings, store, mopac, max_decisions, since, write=True)
        return crawler.run(progress=progress, console=console)
    finally:
        store.fsync = fsync
        store.release_writer()


class _Crawler:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        source: ModuleType,
        max_decisions: int | None,
        since: date | None,
        *,
        write: bool,
    ) -> None:
        self.settings = settings
        self.store = store
        self.source = source
        self.max_decisions = max_decisions
        self.since = since
        self.write = write
        self.now = utcnow()
        self.run_id = 0
        self.fetcher = Fetcher(settings, robots_loader=self._load_robots)
        self._owner = threading.get_ident()  # the only thread that touches SQLite
        self._queue: list[tuple[int, int, FrontierItem]] = []  # (priority, order, item): pending work
        self._order = itertools.count()
        self._done: Counter[str] = Counter()
        self._decisions = 0  # decision entries taken by this run (for max_decisions)
        self._writer: ThreadPoolExecutor | None = None

    # -- the run --------------------------------------------------------------------------------------
    def run(self, *, progress: bool, console: Console | None) -> CrawlSummary:
        started = time.monotonic()
        resumed = self._open_run()
        for item in self.store.pending(self.run_id):
            self._push(item)
        self._done.update(
            {k: v for k, v in self.store.frontier_counts(self.run_id).items() if k != "pending"}
        )
        self._decisions = self.store.count_role(self.run_id, "decision")
        window: deque[tuple[FrontierItem, Future[Fetched]]] = deque()
        depth = max(1, self.settings.fetch_ahead)
        # blob writes (fsync) in their own threads: the next fetch does not wait for the disk
        self._writer = (
            ThreadPoolExecutor(max_workers=2, thread_name_prefix="blob")
            if self.settings.fetch_ahead
            else None
        )
        pool = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="fetch")
            if self.settings.fetch_ahead
            else None
        )
        try:
            with self.fetcher, progress_bar(progress, console) as bar:
                task = bar.add_task("crawl", total=None)
                processed = 0
                while True:
                    while len(window) < depth and self._queue and not self._hold(window):
                        item = heapq.heappop(self._queue)[2]
                        if self._unneeded(item):
                            with self.store.transaction():
                                self.store.complete(self.run_id, item.url, UNNEEDED)
                            self._done[UNNEEDED] += 1
                            continue
                        window.append((item, self._submit(item, pool)))
                    if not window:
                        break
                    item, future = window.popleft()
                    self._process(item, future.result())
                    processed += 1
                    self._show(bar, task, processed, len(window), started)
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            if self._writer is not None:
                self._writer.shutdown(wait=True)
        counts = self._counts()
        with self.store.transaction():
            self.store.finish_run(self.run_id, counts)
        return CrawlSummary(
            counts=counts,
            errors=self.store.errors(self.run_id),
            requests=self.fetcher.requests,
            run_id=self.run_id,
            resumed=resumed,
            seconds=time.monotonic() - started,
        )

    def _open_run(self) -> bool:
        """Resume the killed run of this base URL (as it was planned), or start one; True if resumed."""
        previous = self.store.unfinished_run()
        if previous is not None and previous.options.get("base_url") == self.settings.base_url:
            self.run_id = previous.id
            limit = previous.options.get("max_decisions")
            self.max_decisions = int(limit) if limit is not None else None
            since = previous.options.get("since")
            self.since = date.fromisoformat(str(since)) if since else None
            return True
        options: dict[str, str | int | None] = {
            "base_url": self.settings.base_url,
            "max_decisions": self.max_decisions,
            "since": self.since.isoformat() if self.since else None,
        }
        with self.store.transaction():
            if previous is not None:  # another site's killed run: closed as it stands
                self.store.finish_run(previous.id, self.store.frontier_counts(previous.id))
            self.run_id = self.store.start_run(options)
            first = canonical_url(self.source.listing_url(self.settings.base_url, 0))
            self.store.enqueue(
                self.run_id, [FrontierItem(url=first, role="listing")], priority=PRIORITY["listing"]
            )
        return False

    def _push(self, item: FrontierItem) -> None:
        heapq.heappush(self._queue, (PRIORITY.get(item.role, 9), next(self._order), item))

    def _enqueue(self, items: list[FrontierItem]) -> None:
        """Add work (inside the caller's transaction); new pending items join the in-memory queue."""
        for role in ("listing", "decision", "document"):
            batch = [i for i in items if i.role == role]
            for added in self.store.enqueue(self.run_id, batch, priority=PRIORITY[role]):
                if added.outcome is None:
                    self._push(added)
                else:
                    self._done[added.outcome] += 1
                if role == "decision":
                    self._decisions += 1

    def _complete(self, item: FrontierItem, outcome: str) -> None:
        self.store.complete(self.run_id, item.url, outcome)
        self._done[outcome] += 1

    def _hold(self, window: deque[tuple[FrontierItem, Future[Fetched]]]) -> bool:
        """With max_decisions, a listing page waits for the one in flight: it may turn out unneeded."""
        return (
            self.max_decisions is not None
            and self._queue[0][2].role == "listing"
            and any(item.role == "listing" for item, _ in window)
        )

    def _unneeded(self, item: FrontierItem) -> bool:
        """A listing page once max_decisions entries are taken: done without a request."""
        return (
            item.role == "listing"
            and self.max_decisions is not None
            and self._decisions >= self.max_decisions
        )

    def _show(self, bar: Progress, task: TaskID, processed: int, in_flight: int, started: float) -> None:
        done = sum(self._done.values())
        errors = sum(self._done[o] for o in OUTCOMES[3:])
        rate = processed / max(time.monotonic() - started, 1e-9)
        bar.update(
            task,
            total=done + len(self._queue) + in_flight,
            completed=done,
            description=f"crawl · {errors} errors · {rate:.1f} pages/s",
        )

    def _counts(self) -> dict[str, int]:
        raw = self.store.frontier_counts(self.run_id)
        return {outcome: raw.get(outcome, 0) for outcome in OUTCOMES}

    def _process(self, item: FrontierItem, fetched: Fetched) -> None:
        if fetched.written is not None:
            fetched.written.result()  # durable before any state points at it (raises StoreError)
        if item.role == "listing":
            self._listing(item, fetched)
        elif item.role == "decision":
            self._decision(item, fetched)
        else:
            self._document(item, fetched)

    # -- each kind of page ----------------------------------------------------------------------------
    def _listing(self, item: FrontierItem, fetched: Fetched) -> None:
        outcome = fetched.outcome
        children: list[FrontierItem] = []
        errors: list[CrawlError] = []
        body = body_of(self.store, fetched)
        if body is not None:
            try:
                page = self.source.parse_listing_page(body, item.url)
            except PipelineError as exc:
                outcome = "parse_error"
                errors.append(item_error(item, exc.reason, exc.message))
            except ValueError as exc:  # the adapter tripped on a malformed link (urljoin of "http://[x")
                outcome = "parse_error"
                errors.append(item_error(item, "parse_error", f"{item.url}: unreadable listing page ({exc})"))
            else:
                children, errors = self._listing_children(item, page)
        with self.store.transaction():
            record_fetch(self.store, self.run_id, item, fetched)
            for error in errors:
                self.store.record_failure(error, outcome="parse_error", run_id=self.run_id)
            self._enqueue([c for c in children if c.role == "listing"])
            entries = [c for c in children if c.role == "decision"]
            if self.max_decisions is None:
                self._enqueue(entries)
            else:  # one at a time: an entry already taken (same code or URL) does not count again
                for entry in entries:
                    if self._decisions >= self.max_decisions:
                        break
                    self._enqueue([entry])
            self._complete(item, outcome)

    def _listing_children(
        self, item: FrontierItem, page: object
    ) -> tuple[list[FrontierItem], list[CrawlError]]:
        return listing_children(
            item,
            page,
            source=self.source,
            store=self.store,
            settings=self.settings,
            since=self.since,
            now=self.now,
        )

    def _decision(self, item: FrontierItem, fetched: Fetched) -> None:
        outcome = fetched.outcome
        documents: list[FrontierItem] = []
        errors: list[CrawlError] = []
        body = body_of(self.store, fetched)
        if body is not None:
            base = fetched.response.final_url if fetched.response else item.url
            try:
                links = self.source.document_links(body, base)
            except PipelineError as exc:
                outcome = "parse_error"
                errors.append(item_error(item, exc.reason, exc.message))
            except ValueError as exc:  # the adapter tripped on a malformed link (urljoin of "http://[x")
                outcome = "parse_error"
                errors.append(item_error(item, "parse_error", f"{item.url}: unreadable links ({exc})"))
            else:
                for link in links:
                    try:
                        url = canonical_url(link.url)
                    except FetchError as exc:
                        errors.append(
                            CrawlError(
                                link.url, exc.reason, exc.message, None, "document", item.url, utcnow()
                            )
                        )
                        continue
                    documents.append(
                        FrontierItem(url=url, role="document", parent_url=item.url, link_text=link.text)
                    )
        with self.store.transaction():
            record_fetch(self.store, self.run_id, item, fetched)
            for error in errors:
                self.store.record_failure(error, outcome="parse_error", run_id=self.run_id)
            if body is not None and item.fingerprint is not None:
                # same bytes re-read give the same links: a parse error does not keep it unsettled
                self.store.set_listing_entry(
                    item.url, fingerprint=item.fingerprint, entry_date=item.entry_date
                )
            self._enqueue(documents)
            self._complete(item, outcome)

    def _document(self, item: FrontierItem, fetched: Fetched) -> None:
        with self.store.transaction():
            record_fetch(self.store, self.run_id, item, fetched)
            self._complete(item, fetched.outcome)

    # -- fetching and recording -----------------------------------------------------------------------
    def _submit(self, item: FrontierItem, pool: ThreadPoolExecutor | None) -> Future[Fetched]:
        """Start fetching ``item`` (in the fetch thread, or here when fetch_ahead is 0).

        Everything that reads the store happens here, in the crawl thread: the validators of the
        stored version, and robots.txt for the URL's origin (so the fetch thread finds it cached).
        """
        latest = self.store.latest_version(item.url)
        if latest is not None and not self.store.has_blob(latest.sha256):
            latest = None  # the blob went missing: ask unconditionally and store it again
        if self.settings.obey_robots and self.fetcher.policy.allows(item.url):
            self.fetcher.robots(origin_of(item.url))
        if pool is not None:
            return pool.submit(self._fetch, item, latest)
        done: Future[Fetched] = Future()
        done.set_result(self._fetch(item, latest))
        return done

    def _fetch(self, item: FrontierItem, latest: Version | None) -> Fetched:
        """Fetch ``item`` (in the fetch thread: network and blob files only, never SQLite)."""
        return fetch_item(self.fetcher, self.store, item, latest, write=self.write, writer=self._writer)

    def _load_robots(self, origin: str) -> Protego:
        """robots.txt rules for ``origin``: the stored copy while younger than robots_ttl, else asked again.

        Called from the fetch thread only for a redirect to an origin not primed by :meth:`_submit`:
        then read without the store (SQLite belongs to the crawl thread).
        """
        if threading.get_ident() != self._owner:
            return self.fetcher.load_robots(origin)
        return stored_robots(
            self.fetcher,
            self.store,
            origin,
            run_id=self.run_id,
            now=self.now,
            ttl_hours=self.settings.robots_ttl,
            write=self.write,
        )

    # -- dry run --------------------------------------------------------------------------------------
    def plan(self) -> CrawlSummary:
        """Read the listing pages (conditionally, storing nothing) and list the decision pages to fetch."""
        started = time.monotonic()
        counts: Counter[str] = Counter()
        errors: list[CrawlError] = []
        planned: list[str] = []
        seen: set[str] = set()
        with self.fetcher:
            page_no, pages = 0, 1
            while page_no < pages and (self.max_decisions is None or len(seen) < self.max_decisions):
                url = canonical_url(self.source.listing_url(self.settings.base_url, page_no))
                item = FrontierItem(url=url, role="listing")
                fetched = self._submit(item, None).result()
                counts[fetched.outcome] += 1
                if fetched.error is not None:
                    errors.append(fetched.error)
                body = body_of(self.store, fetched)
                if body is not None:
                    try:
                        page = self.source.parse_listing_page(body, url)
                    except (PipelineError, ValueError) as exc:
                        counts[fetched.outcome] -= 1
                        counts["parse_error"] += 1
                        reason = exc.reason if isinstance(exc, PipelineError) else "parse_error"
                        errors.append(item_error(item, reason, str(exc)))
                    else:
                        pages = max(pages, page_count(page))
                        children, child_errors = self._listing_children(item, page)
                        errors.extend(child_errors)
                        for child in children:
                            key = child.identity or child.url
                            if child.role != "decision" or key in seen:
                                continue
                            if self.max_decisions is not None and len(seen) >= self.max_decisions:
                                break
                            seen.add(key)
                            if child.outcome is not None:
                                counts[child.outcome] += 1
                            else:
                                planned.append(child.url)
                page_no += 1
        return CrawlSummary(
            counts={outcome: counts.get(outcome, 0) for outcome in OUTCOMES},
            errors=errors,
            planned=planned,
            requests=self.fetcher.requests,
            seconds=time.monotonic() - started,
        )
