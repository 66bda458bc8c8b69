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
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import threading
import time
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import ModuleType
from typing import Protocol

from protego import Protego
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from extractors.codes import normalise_code
from pipeline.errors import BlockedHost, FetchError, PipelineError, RobotsDenied, TooLarge
from pipeline.fetch import Fetcher, Response, canonical_url, origin_of, robots_rules
from pipeline.settings import Settings
from pipeline.store import CrawlError, FrontierItem, Store, UrlState, Version, utcnow

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
PRIORITY = {"listing": 0, "decision": 1, "document": 2}
UNNEEDED = "unneeded"  # listing pages past max_decisions: done without a request, not an outcome


class ListingLinkLike(Protocol):
    url: str
    reference_code: str | None
    title: str | None
    date_signed: date | None
    date_published: date | None
    fingerprint: str


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


@dataclass(frozen=True)
class _Fetched:
    outcome: str
    response: Response | None = None
    body: bytes | None = None  # new bytes (a 2xx); on a 304 the stored version is read when needed
    sha256: str | None = None  # the stored blob: new (2xx, written), or the current version's (304)
    error: CrawlError | None = None
    written: Future[str] | None = None  # the blob being made durable; awaited before state is committed


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
        window: deque[tuple[FrontierItem, Future[_Fetched]]] = deque()
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
            with self.fetcher, _progress(progress, console) as bar:
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

    def _hold(self, window: deque[tuple[FrontierItem, Future[_Fetched]]]) -> bool:
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

    def _process(self, item: FrontierItem, fetched: _Fetched) -> None:
        if fetched.written is not None:
            fetched.written.result()  # durable before any state points at it (raises StoreError)
        if item.role == "listing":
            self._listing(item, fetched)
        elif item.role == "decision":
            self._decision(item, fetched)
        else:
            self._document(item, fetched)

    # -- each kind of page ----------------------------------------------------------------------------
    def _listing(self, item: FrontierItem, fetched: _Fetched) -> None:
        outcome = fetched.outcome
        children: list[FrontierItem] = []
        errors: list[CrawlError] = []
        body = self._body(fetched)
        if body is not None:
            try:
                page = self.source.parse_listing_page(body, item.url)
            except PipelineError as exc:
                outcome = "parse_error"
                errors.append(self._error(item, exc.reason, exc.message))
            except ValueError as exc:  # the adapter tripped on a malformed link (urljoin of "http://[x")
                outcome = "parse_error"
                errors.append(
                    self._error(item, "parse_error", f"{item.url}: unreadable listing page ({exc})")
                )
            else:
                children, errors = self._listing_children(item, page)
        with self.store.transaction():
            self._record(item, fetched)
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
        children = [
            FrontierItem(
                url=canonical_url(self.source.listing_url(self.settings.base_url, n)), role="listing"
            )
            for n in range(1, _page_count(page))
        ]
        errors: list[CrawlError] = []
        for entry in getattr(page, "entries", ()):
            try:
                child = self._entry_item(item.url, entry)
            except FetchError as exc:  # a link that is not a URL
                errors.append(
                    CrawlError(entry.url, exc.reason, exc.message, None, "decision", item.url, utcnow())
                )
                continue
            if child is not None:
                children.append(child)
        return children, errors

    def _entry_item(self, listing: str, entry: ListingLinkLike) -> FrontierItem | None:
        """The work item for a listing entry, None if ``since`` excludes it."""
        entry_date = entry.date_signed or entry.date_published
        if self.since is not None and entry_date is not None and entry_date < self.since:
            return None
        url = canonical_url(entry.url)
        code = normalise_code(entry.reference_code) if entry.reference_code else None
        title = entry.title or ""
        link_text = title if code is None or normalise_code(title) == code else f"{code} {title}".strip()
        return FrontierItem(
            url=url,
            role="decision",
            parent_url=listing,
            link_text=link_text or None,
            reference_code=code,
            fingerprint=entry.fingerprint,
            entry_date=entry_date,
            identity=code or url,
            outcome="skipped_settled" if self._settled(url, entry.fingerprint, entry_date) else None,
        )

    def _settled(self, url: str, fingerprint: str, entry_date: date | None) -> bool:
        state = self.store.url_state(url)
        if (
            state is None
            or state.sha256 is None
            or state.last_outcome not in ("fetched", "not_modified", "parse_error")
        ):
            return False
        if state.listing_fingerprint != fingerprint:
            return False
        reference = _midnight(entry_date) if entry_date else state.first_seen
        if self.now - reference <= timedelta(days=self.settings.settled_days):
            return False
        children = self.store.children_outcomes(url).values()
        return not any(_transient(outcome, status) for outcome, status in children)

    def _decision(self, item: FrontierItem, fetched: _Fetched) -> None:
        outcome = fetched.outcome
        documents: list[FrontierItem] = []
        errors: list[CrawlError] = []
        body = self._body(fetched)
        if body is not None:
            base = fetched.response.final_url if fetched.response else item.url
            try:
                links = self.source.document_links(body, base)
            except PipelineError as exc:
                outcome = "parse_error"
                errors.append(self._error(item, exc.reason, exc.message))
            except ValueError as exc:  # the adapter tripped on a malformed link (urljoin of "http://[x")
                outcome = "parse_error"
                errors.append(self._error(item, "parse_error", f"{item.url}: unreadable links ({exc})"))
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
            self._record(item, fetched)
            for error in errors:
                self.store.record_failure(error, outcome="parse_error", run_id=self.run_id)
            if body is not None and item.fingerprint is not None:
                # same bytes re-read give the same links: a parse error does not keep it unsettled
                self.store.set_listing_entry(
                    item.url, fingerprint=item.fingerprint, entry_date=item.entry_date
                )
            self._enqueue(documents)
            self._complete(item, outcome)

    def _document(self, item: FrontierItem, fetched: _Fetched) -> None:
        with self.store.transaction():
            self._record(item, fetched)
            self._complete(item, fetched.outcome)

    # -- fetching and recording -----------------------------------------------------------------------
    def _submit(self, item: FrontierItem, pool: ThreadPoolExecutor | None) -> Future[_Fetched]:
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
        done: Future[_Fetched] = Future()
        done.set_result(self._fetch(item, latest))
        return done

    def _fetch(self, item: FrontierItem, latest: Version | None) -> _Fetched:
        """GET ``item.url`` conditionally; store a new body (durably) before any state is committed.

        Runs in the fetch thread: touches the network and blob files only, never SQLite.
        """
        try:
            response = self.fetcher.get(
                item.url,
                etag=latest.etag if latest else None,
                last_modified=latest.last_modified if latest else None,
            )
        except (BlockedHost, RobotsDenied, TooLarge) as exc:
            return _Fetched(exc.reason, error=self._error(item, exc.reason, exc.message))
        except FetchError as exc:
            return _Fetched("fetch_error", error=self._error(item, exc.reason, exc.message))
        if response.status == 304 and latest is not None:
            return _Fetched("not_modified", response, sha256=latest.sha256)
        if 200 <= response.status < 300:
            if not self.write:
                return _Fetched("fetched", response, response.body)
            if self._writer is not None:
                written = self._writer.submit(self.store.put_blob, response.body)
                sha = hashlib.sha256(response.body).hexdigest()
                return _Fetched("fetched", response, response.body, sha, written=written)
            return _Fetched("fetched", response, response.body, self.store.put_blob(response.body))
        message = f"{item.url}: HTTP {response.status}" + (
            f" after {response.attempts} attempts" if response.attempts > 1 else ""
        )
        return _Fetched(
            "http_error", response, error=self._error(item, "http_error", message, response.status)
        )

    def _body(self, fetched: _Fetched) -> bytes | None:
        """The page's bytes: new, or the stored version on a 304."""
        if fetched.body is not None:
            return fetched.body
        if fetched.outcome == "not_modified" and fetched.sha256 is not None:
            return self.store.read_blob(fetched.sha256)
        return None

    def _error(self, item: FrontierItem, reason: str, message: str, status: int | None = None) -> CrawlError:
        return CrawlError(item.url, reason, message, status, item.role, item.parent_url, utcnow())

    def _record(self, item: FrontierItem, fetched: _Fetched) -> None:
        """The fetch's state change (call inside a transaction)."""
        response = fetched.response
        if fetched.error is not None:
            self.store.record_failure(fetched.error, outcome=fetched.outcome, run_id=self.run_id)
        elif fetched.outcome == "not_modified":
            self.store.record_not_modified(item.url, role=item.role)
        elif response is not None and fetched.sha256 is not None:
            self.store.record_body(
                url=item.url,
                sha256=fetched.sha256,
                size=len(response.body),
                content_type=response.content_type,
                status=response.status,
                role=item.role,
                etag=response.etag,
                last_modified=response.last_modified,
                parent_url=item.parent_url,
                link_text=item.link_text,
                reference_code=item.reference_code,
            )

    def _load_robots(self, origin: str) -> Protego:
        """robots.txt rules for ``origin``: the stored copy while younger than robots_ttl, else asked again.

        Called from the fetch thread only for a redirect to an origin not primed by :meth:`_submit`:
        then read without the store (SQLite belongs to the crawl thread).
        """
        if threading.get_ident() != self._owner:
            return self.fetcher.load_robots(origin)
        url = canonical_url(f"{origin}/robots.txt")
        state = self.store.url_state(url)
        latest = self.store.latest_version(url)
        if latest is not None and not self.store.has_blob(latest.sha256):
            latest = None
        if state is not None and _fresh(state, self.now, self.settings.robots_ttl):
            if state.last_outcome in ("fetched", "not_modified") and latest is not None:
                return robots_rules(200, self.store.read_blob(latest.sha256))
            if state.status is not None and 400 <= state.status < 500 and state.status != 429:
                return robots_rules(state.status, b"")
        item = FrontierItem(url=url, role="robots")
        try:
            response = self.fetcher.fetch_robots(
                origin,
                etag=latest.etag if latest else None,
                last_modified=latest.last_modified if latest else None,
            )
        except FetchError as exc:  # BlockedHost and TooLarge included
            # RFC 9309: an unreachable robots.txt means assume everything is disallowed
            self._write_robots(
                item, _Fetched("fetch_error", error=self._error(item, exc.reason, exc.message))
            )
            return robots_rules(None, b"")
        if response.status == 304 and latest is not None:
            self._write_robots(item, _Fetched("not_modified", response))
            return robots_rules(200, self.store.read_blob(latest.sha256))
        if 200 <= response.status < 300:
            sha = self.store.put_blob(response.body) if self.write else None
            self._write_robots(item, _Fetched("fetched", response, response.body, sha))
        elif 400 <= response.status < 500 and response.status != 429:
            if self.write:
                with self.store.transaction():
                    self.store.touch(url, role="robots", outcome="http_error", status=response.status)
        else:
            message = f"{url}: HTTP {response.status}; nothing on {origin} is crawled until it answers"
            error = self._error(item, "http_error", message, response.status)
            self._write_robots(item, _Fetched("http_error", response, error=error))
        return robots_rules(response.status, response.body)

    def _write_robots(self, item: FrontierItem, fetched: _Fetched) -> None:
        if self.write:
            with self.store.transaction():
                self._record(item, fetched)

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
                body = self._body(fetched)
                if body is not None:
                    try:
                        page = self.source.parse_listing_page(body, url)
                    except (PipelineError, ValueError) as exc:
                        counts[fetched.outcome] -= 1
                        counts["parse_error"] += 1
                        reason = exc.reason if isinstance(exc, PipelineError) else "parse_error"
                        errors.append(self._error(item, reason, str(exc)))
                    else:
                        pages = max(pages, _page_count(page))
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


def _page_count(page: object) -> int:
    """Listing pages in all, from the "Showing a-b of N results" line of one of them.

    The page size is the span a-b of a page that is not the last; the last page only says "no more".

    >>> from types import SimpleNamespace as Page
    >>> [_page_count(Page(total_results=55, first=a, last=b)) for a, b in ((1, 20), (41, 55))]
    [3, 1]
    >>> _page_count(Page(total_results=None, first=None, last=None))
    1
    """
    total: int | None = getattr(page, "total_results", None)
    first: int | None = getattr(page, "first", None)
    last: int | None = getattr(page, "last", None)
    if not total or first is None or last is None or last < first:
        return 1
    if last >= total:  # the last page cannot tell the page size
        return 1
    return -(-total // (last - first + 1))  # ceiling division


def _transient(outcome: str | None, status: int | None) -> bool:
    """A failure that may go away by itself (so the parent decision is not settled)."""
    if outcome == "fetch_error":
        return True
    return outcome == "http_error" and (status is None or status == 429 or status >= 500)


def _fresh(state: UrlState, now: datetime, ttl_hours: float) -> bool:
    return now - state.last_seen < timedelta(hours=ttl_hours)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _progress(enabled: bool, console: Console | None) -> Progress:
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
