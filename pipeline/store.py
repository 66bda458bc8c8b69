"""The raw store: response bodies by sha256, and the crawl state in SQLite.

Layout under ``root``::

    blobs/ab/cd/<sha256>   every body once, never overwritten (names never come from URLs)
    tmp/                   blobs being written (temp file + fsync + rename)
    state.sqlite           WAL-mode crawl state

:class:`Store` opens both and holds what a fetch leaves behind: tables ``versions`` (one row per
distinct body of a URL, with first_seen/last_seen), ``urls`` (per URL: status, content type, sha256,
ETag/Last-Modified, first/last seen, fetch count, last outcome and error, and the listing fingerprint
used to skip settled decisions) and ``errors``, with their record types :class:`Version`,
:class:`UrlState` and :class:`CrawlError`. The rest of the store comes from two mixins:
:class:`pipeline.blobs.BlobFiles` (the blob files) and :class:`pipeline.frontier.Frontier` (``runs``
and ``frontier``, the work queue of a run, so a killed crawl resumes where it stopped). The caller
groups state changes in :meth:`Store.transaction` *after* :meth:`Store.put_blob` returned, so a
committed row never points at a missing blob.

:meth:`Store.put_blob` touches only files (never SQLite), so it may run in a fetch thread while the
crawl thread commits state. ``FrontierItem``, ``RunRecord`` and ``utcnow`` are importable from here too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from pipeline.blobs import BlobFiles
from pipeline.errors import StoreError
from pipeline.frontier import FRONTIER_SCHEMA, Frontier, FrontierItem, RunRecord
from pipeline.timestamps import iso_utc, parse_date, parse_datetime, utcnow

__all__ = ["CrawlError", "FrontierItem", "Role", "RunRecord", "Store", "UrlState", "Version", "utcnow"]

Role = Literal["listing", "decision", "document", "robots"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    status INTEGER NOT NULL,
    size INTEGER NOT NULL,
    role TEXT NOT NULL,
    parent_url TEXT,
    link_text TEXT,
    reference_code TEXT,
    etag TEXT,
    last_modified TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    UNIQUE (url, sha256)
);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    sha256 TEXT,
    etag TEXT,
    last_modified TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    fetch_count INTEGER NOT NULL DEFAULT 0,
    last_outcome TEXT,
    last_error TEXT,
    parent_url TEXT,
    listing_fingerprint TEXT,
    entry_date TEXT
);
CREATE INDEX IF NOT EXISTS urls_parent ON urls (parent_url);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    status INTEGER,
    role TEXT NOT NULL,
    parent_url TEXT,
    at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Version:
    """One distinct body seen at a URL."""

    url: str
    sha256: str
    content_type: str
    status: int
    size: int  # bytes
    role: str  # "listing" | "decision" | "document" | "robots"
    parent_url: str | None  # the page that linked it (decision page for PDFs; listing for decisions)
    link_text: str | None  # text of the link that led here
    reference_code: str | None  # canonical code the listing gave for a decision page, if any
    first_seen: datetime  # UTC
    last_seen: datetime  # UTC
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class UrlState:
    """What the crawl knows about a URL (the ``urls`` table row)."""

    url: str
    role: str
    status: int | None
    content_type: str | None
    sha256: str | None  # latest body, None if never fetched successfully
    etag: str | None
    last_modified: str | None
    first_seen: datetime
    last_seen: datetime
    fetch_count: int
    last_outcome: str | None
    last_error: str | None
    parent_url: str | None
    listing_fingerprint: str | None
    entry_date: date | None


@dataclass(frozen=True)
class CrawlError:
    """A URL that could not be fetched or read, and why."""

    url: str
    reason: str  # outcome or finer reason: http_error, timeout, blocked_host, layout_changed, ...
    message: str
    status: int | None
    role: str
    parent_url: str | None
    when: datetime


class Store(BlobFiles, Frontier):
    """Content-addressed blobs + SQLite crawl state under ``root`` (created if missing)."""

    def __init__(self, root: Path, *, fsync: bool = True) -> None:
        self.root = Path(root)
        self.blobs = self.root / "blobs"
        self.tmp = self.root / "tmp"
        self.fsync = fsync
        try:
            self.blobs.mkdir(parents=True, exist_ok=True)
            self.tmp.mkdir(exist_ok=True)
            # autocommit mode: transactions are explicit (see transaction())
            self._db = sqlite3.connect(self.root / "state.sqlite", isolation_level=None, timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable against process death
            self._db.executescript(_SCHEMA + FRONTIER_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"{self.root}: cannot open the raw store ({exc}); check the path and permissions"
            ) from exc
        self._lock_file: int | None = None

    # -- lifecycle ------------------------------------------------------------------------------------
    def close(self) -> None:
        self.release_writer()
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def acquire_writer(self) -> None:
        """Take the store's writer lock (one crawl at a time) and clear temp files a killed writer left."""
        fd = os.open(self.root / "writer.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise StoreError(
                f"{self.root}: another crawl is writing to this store; wait for it to end"
            ) from exc
        self._lock_file = fd
        for leftover in self.tmp.iterdir():
            leftover.unlink(missing_ok=True)

    def release_writer(self) -> None:
        if self._lock_file is not None:
            os.close(self._lock_file)  # closing the descriptor drops the flock
            self._lock_file = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group state changes: all are committed together or none."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- recording fetches ----------------------------------------------------------------------------
    def record_body(
        self,
        *,
        url: str,
        sha256: str,
        size: int,
        content_type: str,
        status: int,
        role: str,
        etag: str | None,
        last_modified: str | None,
        parent_url: str | None = None,
        link_text: str | None = None,
        reference_code: str | None = None,
        now: datetime | None = None,
    ) -> Version:
        """A body was fetched (blob already stored): add a version, or refresh the one with these bytes."""
        ts = iso_utc(now or utcnow())
        row = self._db.execute(
            f"""INSERT INTO versions (url, sha256, content_type, status, size, role, parent_url, link_text,
                   reference_code, etag, last_modified, first_seen, last_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (url, sha256) DO UPDATE SET last_seen = excluded.last_seen, etag = excluded.etag,
                   last_modified = excluded.last_modified, content_type = excluded.content_type,
                   status = excluded.status
               RETURNING {self._VERSION_COLUMNS}""",
            (
                url,
                sha256,
                content_type,
                status,
                size,
                role,
                parent_url,
                link_text,
                reference_code,
                etag,
                last_modified,
                ts,
                ts,
            ),
        ).fetchone()
        self._touch_url(
            url,
            role,
            ts,
            parent_url=parent_url,
            outcome="fetched",
            status=status,
            content_type=content_type,
            sha256=sha256,
            etag=etag,
            last_modified=last_modified,
        )
        return self._version(row)

    def record_not_modified(self, url: str, *, role: str, now: datetime | None = None) -> Version | None:
        """A 304: the latest version is still current; bump its last_seen."""
        ts = iso_utc(now or utcnow())
        latest = self.latest_version(url)
        if latest is not None:
            self._db.execute(
                "UPDATE versions SET last_seen = ? WHERE url = ? AND sha256 = ?", (ts, url, latest.sha256)
            )
        self._touch_url(url, role, ts, outcome="not_modified")
        return self.latest_version(url)

    def record_failure(
        self,
        error: CrawlError,
        *,
        outcome: str,
        run_id: int | None = None,
    ) -> None:
        """A URL failed: log the error and keep it as the URL's last error (earlier versions stay)."""
        ts = iso_utc(error.when)
        self._db.execute(
            "INSERT INTO errors (run_id, url, reason, message, status, role, parent_url, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, error.url, error.reason, error.message, error.status, error.role, error.parent_url, ts),
        )
        self._touch_url(
            error.url,
            error.role,
            ts,
            parent_url=error.parent_url,
            outcome=outcome,
            error=f"{error.reason}: {error.message}",
            status=error.status,
        )

    def _touch_url(
        self,
        url: str,
        role: str,
        ts: str,
        *,
        outcome: str,
        parent_url: str | None = None,
        status: int | None = None,
        content_type: str | None = None,
        sha256: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
    ) -> None:
        self._db.execute(
            """INSERT INTO urls (url, role, status, content_type, sha256, etag, last_modified, first_seen,
                   last_seen, fetch_count, last_outcome, last_error, parent_url)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
               ON CONFLICT (url) DO UPDATE SET
                   status = COALESCE(excluded.status, status),
                   content_type = COALESCE(excluded.content_type, content_type),
                   sha256 = COALESCE(excluded.sha256, sha256),
                   etag = CASE WHEN excluded.sha256 IS NULL THEN etag ELSE excluded.etag END,
                   last_modified = CASE WHEN excluded.sha256 IS NULL THEN last_modified
                                        ELSE excluded.last_modified END,
                   last_seen = excluded.last_seen,
                   fetch_count = fetch_count + 1,
                   last_outcome = excluded.last_outcome,
                   last_error = excluded.last_error,
                   parent_url = COALESCE(excluded.parent_url, parent_url)""",
            (
                url,
                role,
                status,
                content_type,
                sha256,
                etag,
                last_modified,
                ts,
                ts,
                outcome,
                error,
                parent_url,
            ),
        )

    def touch(
        self, url: str, *, role: str, outcome: str, status: int | None = None, now: datetime | None = None
    ) -> None:
        """Note an answer that is neither a body nor an error worth logging (a robots.txt 404)."""
        self._touch_url(url, role, iso_utc(now or utcnow()), outcome=outcome, status=status)

    def set_listing_entry(self, url: str, *, fingerprint: str, entry_date: date | None) -> None:
        """Remember the listing entry a decision page was fetched under (for the settled check)."""
        self._db.execute(
            "UPDATE urls SET listing_fingerprint = ?, entry_date = ? WHERE url = ?",
            (fingerprint, entry_date.isoformat() if entry_date else None, url),
        )

    # -- reading state --------------------------------------------------------------------------------
    def url_state(self, url: str) -> UrlState | None:
        row = self._db.execute(
            """SELECT url, role, status, content_type, sha256, etag, last_modified, first_seen, last_seen,
                      fetch_count, last_outcome, last_error, parent_url, listing_fingerprint, entry_date
               FROM urls WHERE url = ?""",
            (url,),
        ).fetchone()
        if row is None:
            return None
        return UrlState(
            url=row[0],
            role=row[1],
            status=row[2],
            content_type=row[3],
            sha256=row[4],
            etag=row[5],
            last_modified=row[6],
            first_seen=parse_datetime(row[7]),
            last_seen=parse_datetime(row[8]),
            fetch_count=row[9],
            last_outcome=row[10],
            last_error=row[11],
            parent_url=row[12],
            listing_fingerprint=row[13],
            entry_date=parse_date(row[14]),
        )

    def children_outcomes(self, parent_url: str) -> dict[str, tuple[str | None, int | None]]:
        """Last outcome and HTTP status of every URL linked from ``parent_url``."""
        rows = self._db.execute(
            "SELECT url, last_outcome, status FROM urls WHERE parent_url = ?", (parent_url,)
        )
        return {url: (outcome, status) for url, outcome, status in rows.fetchall()}

    _VERSION_COLUMNS = """url, sha256, content_type, status, size, role, parent_url, link_text,
                          reference_code, first_seen, last_seen, etag, last_modified"""

    @staticmethod
    def _version(row: Sequence[Any]) -> Version:
        return Version(
            url=row[0],
            sha256=row[1],
            content_type=row[2],
            status=row[3],
            size=row[4],
            role=row[5],
            parent_url=row[6],
            link_text=row[7],
            reference_code=row[8],
            first_seen=parse_datetime(row[9]),
            last_seen=parse_datetime(row[10]),
            etag=row[11],
            last_modified=row[12],
        )

    def latest_version(self, url: str) -> Version | None:
        row = self._db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM versions WHERE url = ? "
            "ORDER BY last_seen DESC, id DESC LIMIT 1",
            (url,),
        ).fetchone()
        return self._version(row) if row else None

    def latest_versions(self, role: str | None = None) -> list[Version]:
        """The newest version of every URL (optionally of one role), sorted by URL."""
        rows = self._db.execute(
            f"""SELECT {self._VERSION_COLUMNS} FROM (
                    SELECT *, ROW_NUMBER() OVER (PARTITION BY url ORDER BY last_seen DESC, id DESC) AS n
                    FROM versions WHERE ? IS NULL OR role = ?)
                WHERE n = 1 ORDER BY url""",
            (role, role),
        ).fetchall()
        return [self._version(row) for row in rows]

    def versions(self, url: str | None = None) -> list[Version]:
        """All versions (of one URL, or all), oldest first."""
        rows = self._db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM versions WHERE ? IS NULL OR url = ? "
            "ORDER BY first_seen, id",
            (url, url),
        ).fetchall()
        return [self._version(row) for row in rows]

    def errors(self, run_id: int | None = None) -> list[CrawlError]:
        """Errors recorded (by one run, or all), oldest first."""
        rows = self._db.execute(
            "SELECT url, reason, message, status, role, parent_url, at FROM errors "
            "WHERE ? IS NULL OR run_id = ? ORDER BY id",
            (run_id, run_id),
        ).fetchall()
        return [
            CrawlError(
                url=row[0],
                reason=row[1],
                message=row[2],
                status=row[3],
                role=row[4],
                parent_url=row[5],
                when=parse_datetime(row[6]),
            )
            for row in rows
        ]
