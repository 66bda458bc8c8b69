"""From a listing page to work items, for :mod:`pipeline.crawl`: how many listing pages there are, each
entry's work item (``since`` applied, its identity and fingerprint), and the settled check that skips a
decision whose listing entry is unchanged and older than ``settings.settled_days``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import ModuleType
from typing import Protocol

from extractors.codes import normalise_code
from pipeline.errors import FetchError
from pipeline.fetch_policy import canonical_url
from pipeline.frontier import FrontierItem
from pipeline.settings import Settings
from pipeline.store import CrawlError, Store, utcnow


class ListingLinkLike(Protocol):
    url: str
    reference_code: str | None
    title: str | None
    date_signed: date | None
    date_published: date | None
    fingerprint: str


def listing_children(
    item: FrontierItem,
    page: object,
    *,
    source: ModuleType,
    store: Store,
    settings: Settings,
    since: date | None,
    now: datetime,
) -> tuple[list[FrontierItem], list[CrawlError]]:
    """The work a listing page adds (the other listing pages and its entries), and its unreadable links."""
    children = [
        FrontierItem(url=canonical_url(source.listing_url(settings.base_url, n)), role="listing")
        for n in range(1, page_count(page))
    ]
    errors: list[CrawlError] = []
    for entry in getattr(page, "entries", ()):
        try:
            child = entry_item(item.url, entry, store=store, settings=settings, since=since, now=now)
        except FetchError as exc:  # a link that is not a URL
            errors.append(
                CrawlError(entry.url, exc.reason, exc.message, None, "decision", item.url, utcnow())
            )
            continue
        if child is not None:
            children.append(child)
    return children, errors


def entry_item(
    listing: str,
    entry: ListingLinkLike,
    *,
    store: Store,
    settings: Settings,
    since: date | None,
    now: datetime,
) -> FrontierItem | None:
    """The work item for a listing entry, None if ``since`` excludes it."""
    entry_date = entry.date_signed or entry.date_published
    if since is not None and entry_date is not None and entry_date < since:
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
        outcome="skipped_settled"
        if settled(store, url, entry.fingerprint, entry_date, now=now, settled_days=settings.settled_days)
        else None,
    )


def settled(
    store: Store, url: str, fingerprint: str, entry_date: date | None, *, now: datetime, settled_days: float
) -> bool:
    """Whether a decision need not be asked again: stored, same listing entry, older than the settled
    window (from its date, else when first seen), and none of its documents last failed transiently."""
    state = store.url_state(url)
    if (
        state is None
        or state.sha256 is None
        or state.last_outcome not in ("fetched", "not_modified", "parse_error")
    ):
        return False
    if state.listing_fingerprint != fingerprint:
        return False
    reference = midnight(entry_date) if entry_date else state.first_seen
    if now - reference <= timedelta(days=settled_days):
        return False
    children = store.children_outcomes(url).values()
    return not any(transient(outcome, status) for outcome, status in children)


def page_count(page: object) -> int:
    """Listing pages in all, from the "Showing a-b of N results" line of one of them.

    The page size is the span a-b of a page that is not the last; the last page only says "no more".

    >>> from types import SimpleNamespace as Page
    >>> [page_count(Page(total_results=55, first=a, last=b)) for a, b in ((1, 20), (41, 55))]
    [3, 1]
    >>> page_count(Page(total_results=None, first=None, last=None))
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


def transient(outcome: str | None, status: int | None) -> bool:
    """A failure that may go away by itself (so the parent decision is not settled)."""
    if outcome == "fetch_error":
        return True
    return outcome == "http_error" and (status is None or status == 429 or status >= 500)


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
