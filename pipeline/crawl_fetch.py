"""One work item's request, and the state change it leaves in the store (used by :mod:`pipeline.crawl`).

:func:`fetch_item` GETs an item conditionally and writes a new body as a blob, touching the network and
blob files only (never SQLite), so it may run in the crawl's fetch thread. :func:`record_fetch` turns a
:class:`Fetched` into the store's state change and :func:`body_of` gives a page's bytes (new, or the
stored version on a 304); both run in the crawl thread. :func:`stored_robots` reads robots.txt through
the store: the stored copy while younger than ``robots_ttl``, else asked again and recorded.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from protego import Protego

from pipeline.errors import BlockedHost, FetchError, RobotsDenied, TooLarge
from pipeline.fetch import Fetcher, Response
from pipeline.fetch_policy import canonical_url, robots_rules
from pipeline.store import CrawlError, FrontierItem, Store, UrlState, Version, utcnow


@dataclass(frozen=True)
class Fetched:
    """A work item's fetch: its outcome, and what it brought (response, body, blob) or the error."""

    outcome: str
    response: Response | None = None
    body: bytes | None = None  # new bytes (a 2xx); on a 304 the stored version is read when needed
    sha256: str | None = None  # the stored blob: new (2xx, written), or the current version's (304)
    error: CrawlError | None = None
    written: Future[str] | None = None  # the blob being made durable; awaited before state is committed


def item_error(item: FrontierItem, reason: str, message: str, status: int | None = None) -> CrawlError:
    """The error of ``item``, dated now."""
    return CrawlError(item.url, reason, message, status, item.role, item.parent_url, utcnow())


def fetch_item(
    fetcher: Fetcher,
    store: Store,
    item: FrontierItem,
    latest: Version | None,
    *,
    write: bool,
    writer: ThreadPoolExecutor | None,
) -> Fetched:
    """GET ``item.url`` conditionally; store a new body (durably) before any state is committed.

    Runs in the fetch thread: touches the network and blob files only, never SQLite. With ``writer``
    the blob is written there (the result's ``written`` says when it is durable); without ``write``
    (a dry run) nothing is stored.
    """
    try:
        response = fetcher.get(
            item.url,
            etag=latest.etag if latest else None,
            last_modified=latest.last_modified if latest else None,
        )
    except (BlockedHost, RobotsDenied, TooLarge) as exc:
        return Fetched(exc.reason, error=item_error(item, exc.reason, exc.message))
    except FetchError as exc:
        return Fetched("fetch_error", error=item_error(item, exc.reason, exc.message))
    if response.status == 304 and latest is not None:
        return Fetched("not_modified", response, sha256=latest.sha256)
    if 200 <= response.status < 300:
        if not write:
            return Fetched("fetched", response, response.body)
        if writer is not None:
            written = writer.submit(store.put_blob, response.body)
            sha = hashlib.sha256(response.body).hexdigest()
            return Fetched("fetched", response, response.body, sha, written=written)
        return Fetched("fetched", response, response.body, store.put_blob(response.body))
    message = f"{item.url}: HTTP {response.status}" + (
        f" after {response.attempts} attempts" if response.attempts > 1 else ""
    )
    return Fetched("http_error", response, error=item_error(item, "http_error", message, response.status))


def body_of(store: Store, fetched: Fetched) -> bytes | None:
    """The page's bytes: new, or the stored version on a 304."""
    if fetched.body is not None:
        return fetched.body
    if fetched.outcome == "not_modified" and fetched.sha256 is not None:
        return store.read_blob(fetched.sha256)
    return None


def record_fetch(store: Store, run_id: int, item: FrontierItem, fetched: Fetched) -> None:
    """The fetch's state change (call inside a transaction)."""
    response = fetched.response
    if fetched.error is not None:
        store.record_failure(fetched.error, outcome=fetched.outcome, run_id=run_id)
    elif fetched.outcome == "not_modified":
        store.record_not_modified(item.url, role=item.role)
    elif response is not None and fetched.sha256 is not None:
        store.record_body(
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


def stored_robots(
    fetcher: Fetcher, store: Store, origin: str, *, run_id: int, now: datetime, ttl_hours: float, write: bool
) -> Protego:
    """robots.txt rules for ``origin``: the stored copy while younger than ``ttl_hours``, else asked again
    (conditionally) and recorded under ``run_id`` when ``write``. Crawl thread only (reads SQLite).
    """

    def write_robots(item: FrontierItem, fetched: Fetched) -> None:
        if write:
            with store.transaction():
                record_fetch(store, run_id, item, fetched)

    url = canonical_url(f"{origin}/robots.txt")
    state = store.url_state(url)
    latest = store.latest_version(url)
    if latest is not None and not store.has_blob(latest.sha256):
        latest = None
    if state is not None and _fresh(state, now, ttl_hours):
        if state.last_outcome in ("fetched", "not_modified") and latest is not None:
            return robots_rules(200, store.read_blob(latest.sha256))
        if state.status is not None and 400 <= state.status < 500 and state.status != 429:
            return robots_rules(state.status, b"")
    item = FrontierItem(url=url, role="robots")
    try:
        response = fetcher.fetch_robots(
            origin,
            etag=latest.etag if latest else None,
            last_modified=latest.last_modified if latest else None,
        )
    except FetchError as exc:  # BlockedHost and TooLarge included
        # RFC 9309: an unreachable robots.txt means assume everything is disallowed
        write_robots(item, Fetched("fetch_error", error=item_error(item, exc.reason, exc.message)))
        return robots_rules(None, b"")
    if response.status == 304 and latest is not None:
        write_robots(item, Fetched("not_modified", response))
        return robots_rules(200, store.read_blob(latest.sha256))
    if 200 <= response.status < 300:
        sha = store.put_blob(response.body) if write else None
        write_robots(item, Fetched("fetched", response, response.body, sha))
    elif 400 <= response.status < 500 and response.status != 429:
        if write:
            with store.transaction():
                store.touch(url, role="robots", outcome="http_error", status=response.status)
    else:
        message = f"{url}: HTTP {response.status}; nothing on {origin} is crawled until it answers"
        error = item_error(item, "http_error", message, response.status)
        write_robots(item, Fetched("http_error", response, error=error))
    return robots_rules(response.status, response.body)


def _fresh(state: UrlState, now: datetime, ttl_hours: float) -> bool:
    return now - state.last_seen < timedelta(hours=ttl_hours)
