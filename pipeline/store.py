"""The raw store: response bodies by sha256, and the crawl state in SQLite.

Layout under ``root``::

    blobs/ab/cd/<sha256>   every body once, never overwritten (names never come from URLs)
    tmp/                   blobs being written (temp file + fsync + rename)
    state.sqlite           WAL-mode crawl state

Tables: ``versions`` (one row per distinct body of a URL, with first_seen/last_seen), ``urls`` (per URL:
status, content type, sha256, ETag/Last-Modified, first/last seen, fetch count, last outcome and error,
and the listing fingerprint used to skip settled decisions), ``errors``, ``runs``, and ``frontier`` (the
work queue of a run, so a killed crawl resumes where it stopped). The caller groups state changes in
:meth:`Store.transaction` *after* :meth:`Store.put_blob` returned, so a committed row never points at a
missing blob.

Blob file names are the sha256 of the bytes and nothing else: no part of a URL ever reaches the file
system. :meth:`Store.put_blob` touches only files (never SQLite), so it may run in a fetch thread while
the crawl thread commits state.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from pipeline.errors import StoreError

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
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    options TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS frontier (
    run_id INTEGER NOT NULL,
    url TEXT NOT NULL,
    role TEXT NOT NULL,
    priority INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    parent_url TEXT,
    link_text TEXT,
    reference_code TEXT,
    fingerprint TEXT,
    entry_date TEXT,
    identity TEXT,
    outcome TEXT,
    PRIMARY KEY (run_id, url)
);
CREATE UNIQUE INDEX IF NOT EXISTS frontier_identity ON frontier (run_id, identity) WHERE identity IS NOT NULL;
CREATE INDEX IF NOT EXISTS frontier_pending ON frontier (run_id, outcome, priority, seq);
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


@dataclass(frozen=True)
class RunRecord:
    """One crawl run (a resumed run keeps its id)."""

    id: int
    started: datetime
    finished: datetime | None
    options: dict[str, str | int | None]
    counts: dict[str, int]


@dataclass(frozen=True)
class FrontierItem:
    """One unit of work of a run."""

    url: str
    role: str
    parent_url: str | None = None
    link_text: str | None = None
    reference_code: str | None = None
    fingerprint: str | None = None
    entry_date: date | None = None
    identity: str | None = None  # dedup key (a decision's code, else its URL)
    outcome: str | None = None  # set: already done (e.g. "skipped_settled"), not to be fetched


def utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _dt(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Store:
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
            self._db.executescript(_SCHEMA)
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

    # -- blobs ----------------------------------------------------------------------------------------
    def blob_path(self, sha256: str) -> Path:
        return self.blobs / sha256[:2] / sha256[2:4] / sha256

    def put_blob(self, data: bytes) -> str:
        """Store ``data`` once under its sha256 (atomic: temp file, fsync, rename); return the hash.

        Thread-safe (files only). An existing blob is never rewritten: same name, same bytes.
        """
        sha = hashlib.sha256(data).hexdigest()
        path = self.blob_path(sha)
        if path.exists():
            return sha
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix=sha[:16], suffix=".part")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    if self.fsync:
                        os.fsync(out.fileno())
                os.replace(tmp_name, path)
            except BaseException:
                Path(tmp_name).unlink(missing_ok=True)
                raise
            if self.fsync:  # the rename itself is durable only once the directory is synced
                dir_fd = os.open(path.parent, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        except OSError as exc:
            raise StoreError(
                f"{self.blobs}: cannot write a blob ({exc}); free disk space or fix permissions"
            ) from exc
        return sha

    def has_blob(self, sha256: str) -> bool:
        return self.blob_path(sha256).is_file()

    def read_blob(self, sha256: str) -> bytes:
        try:
            return self.blob_path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise StoreError(
                f"blob {sha256} is missing from {self.blobs}; re-run the crawl to fetch it"
            ) from exc

    def verify_blob(self, sha256: str) -> bool:
        """Whether the blob exists and its bytes still hash to its name."""
        path = self.blob_path(sha256)
        return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256

    def blob_files(self) -> list[Path]:
        """Every file under ``blobs/`` (for checks: each should be named by the sha256 of its bytes)."""
        return sorted(p for p in self.blobs.rglob("*") if p.is_file())

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
        ts = _ts(now or utcnow())
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
        ts = _ts(now or utcnow())
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
        ts = _ts(error.when)
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
        self._touch_url(url, role, _ts(now or utcnow()), outcome=outcome, status=status)

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
            first_seen=_dt(row[7]),
            last_seen=_dt(row[8]),
            fetch_count=row[9],
            last_outcome=row[10],
            last_error=row[11],
            parent_url=row[12],
            listing_fingerprint=row[13],
            entry_date=_d(row[14]),
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
            first_seen=_dt(row[9]),
            last_seen=_dt(row[10]),
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
                when=_dt(row[6]),
            )
            for row in rows
        ]

    # -- runs and frontier ----------------------------------------------------------------------------
    def runs(self) -> list[RunRecord]:
        rows = self._db.execute(
            "SELECT id, started, finished, options, counts FROM runs ORDER BY id"
        ).fetchall()
        return [
            RunRecord(r[0], _dt(r[1]), _dt(r[2]) if r[2] else None, json.loads(r[3]), json.loads(r[4]))
            for r in rows
        ]

    def unfinished_run(self) -> RunRecord | None:
        """The latest run that never finished (killed), if any."""
        unfinished = [run for run in self.runs() if run.finished is None]
        return unfinished[-1] if unfinished else None

    def start_run(self, options: dict[str, str | int | None], *, now: datetime | None = None) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (started, options) VALUES (?, ?)", (_ts(now or utcnow()), json.dumps(options))
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, counts: dict[str, int], *, now: datetime | None = None) -> None:
        self._db.execute(
            "UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
            (_ts(now or utcnow()), json.dumps(counts, sort_keys=True), run_id),
        )

    def enqueue(self, run_id: int, items: Sequence[FrontierItem], *, priority: int) -> list[FrontierItem]:
        """Add work (duplicates by URL or identity within the run are ignored); return the items added."""
        added: list[FrontierItem] = []
        if not items:
            return added
        row = self._db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM frontier WHERE run_id = ?", (run_id,)
        ).fetchone()
        seq = int(row[0])
        for item in items:
            cursor = self._db.execute(
                """INSERT OR IGNORE INTO frontier (run_id, url, role, priority, seq, parent_url, link_text,
                       reference_code, fingerprint, entry_date, identity, outcome)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    run_id,
                    item.url,
                    item.role,
                    priority,
                    seq + 1,
                    item.parent_url,
                    item.link_text,
                    item.reference_code,
                    item.fingerprint,
                    item.entry_date.isoformat() if item.entry_date else None,
                    item.identity,
                    item.outcome,
                ),
            )
            if cursor.rowcount:
                seq += 1
                added.append(item)
        return added

    _FRONTIER_COLUMNS = "url, role, parent_url, link_text, reference_code, fingerprint, entry_date, identity"

    @staticmethod
    def _frontier_item(row: Sequence[Any]) -> FrontierItem:
        return FrontierItem(
            url=row[0],
            role=row[1],
            parent_url=row[2],
            link_text=row[3],
            reference_code=row[4],
            fingerprint=row[5],
            entry_date=_d(row[6]),
            identity=row[7],
        )

    def next_pending(self, run_id: int) -> FrontierItem | None:
        """The first item of a run still to do (lowest priority, then oldest)."""
        row = self._db.execute(
            f"SELECT {self._FRONTIER_COLUMNS} FROM frontier WHERE run_id = ? AND outcome IS NULL "
            "ORDER BY priority, seq LIMIT 1",
            (run_id,),
        ).fetchone()
        return None if row is None else self._frontier_item(row)

    def pending(self, run_id: int) -> list[FrontierItem]:
        """Every item of a run still to do, in the order :meth:`next_pending` would give them."""
        rows = self._db.execute(
            f"SELECT {self._FRONTIER_COLUMNS} FROM frontier WHERE run_id = ? AND outcome IS NULL "
            "ORDER BY priority, seq",
            (run_id,),
        ).fetchall()
        return [self._frontier_item(row) for row in rows]

    def complete(self, run_id: int, url: str, outcome: str) -> None:
        self._db.execute(
            "UPDATE frontier SET outcome = ? WHERE run_id = ? AND url = ?", (outcome, run_id, url)
        )

    def frontier_counts(self, run_id: int) -> dict[str, int]:
        """Items of a run by outcome; pending items under ``"pending"``."""
        rows = self._db.execute(
            "SELECT COALESCE(outcome, 'pending'), COUNT(*) FROM frontier WHERE run_id = ? GROUP BY 1",
            (run_id,),
        )
        return dict(rows.fetchall())

    def count_role(self, run_id: int, role: str) -> int:
        row = self._db.execute(
            "SELECT COUNT(*) FROM frontier WHERE run_id = ? AND role = ?", (run_id, role)
        ).fetchone()
        return int(row[0])
