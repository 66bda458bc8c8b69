"""Crawl runs and their work queue, in the raw store's SQLite: the ``runs`` and ``frontier`` tables.

A run's work items live in ``frontier`` (one row per URL per run, with its priority, order and
outcome), so a killed crawl resumes where it stopped: :meth:`Frontier.pending` is what is left.
:class:`Frontier` is mixed into :class:`pipeline.store.Store`, which owns the connection (``_db``) and
creates the tables from :data:`FRONTIER_SCHEMA`; the caller groups changes in ``Store.transaction()``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pipeline.timestamps import iso_utc, parse_date, parse_datetime, utcnow

FRONTIER_SCHEMA = """
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


class Frontier:
    """Runs and their work queue (a mixin of :class:`pipeline.store.Store`, which sets ``_db``)."""

    _db: sqlite3.Connection

    def runs(self) -> list[RunRecord]:
        rows = self._db.execute(
            "SELECT id, started, finished, options, counts FROM runs ORDER BY id"
        ).fetchall()
        return [
            RunRecord(
                r[0],
                parse_datetime(r[1]),
                parse_datetime(r[2]) if r[2] else None,
                json.loads(r[3]),
                json.loads(r[4]),
            )
            for r in rows
        ]

    def unfinished_run(self) -> RunRecord | None:
        """The latest run that never finished (killed), if any."""
        unfinished = [run for run in self.runs() if run.finished is None]
        return unfinished[-1] if unfinished else None

    def start_run(self, options: dict[str, str | int | None], *, now: datetime | None = None) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (started, options) VALUES (?, ?)",
            (iso_utc(now or utcnow()), json.dumps(options)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, counts: dict[str, int], *, now: datetime | None = None) -> None:
        self._db.execute(
            "UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
            (iso_utc(now or utcnow()), json.dumps(counts, sort_keys=True), run_id),
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
            entry_date=parse_date(row[6]),
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
