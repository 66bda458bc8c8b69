"""The raw store (pipeline/store.py): blobs by sha256 written atomically and never overwritten, versions
with first/last seen, the crawl state in SQLite (WAL), errors, runs and the frontier of a run."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pipeline.errors import StoreError
from pipeline.store import CrawlError, FrontierItem, Store

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
URL = "http://127.0.0.1:8000/pcd-101-example"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store", fsync=False) as s:
        yield s


def put(store: Store, url: str, body: bytes, when: datetime, **fields: object) -> None:
    with store.transaction():
        sha = store.put_blob(body)
        store.record_body(
            url=url,
            sha256=sha,
            size=len(body),
            content_type="text/html",
            status=200,
            role=str(fields.pop("role", "decision")),
            etag=f'"{sha[:8]}"',
            last_modified=None,
            now=when,
            **fields,  # type: ignore[arg-type]
        )


# -- blobs -----------------------------------------------------------------------------------------------
def test_a_blob_is_named_by_its_sha256_and_nothing_else(store: Store) -> None:
    data = b"%PDF-1.4 example"
    sha = store.put_blob(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.blob_path(sha) == store.root / "blobs" / sha[:2] / sha[2:4] / sha
    assert store.read_blob(sha) == data
    assert store.blob_files() == [store.blob_path(sha)]


def test_a_blob_is_written_once_and_never_overwritten(store: Store) -> None:
    sha = store.put_blob(b"same bytes")
    before = store.blob_path(sha).stat()
    assert store.put_blob(b"same bytes") == sha
    after = store.blob_path(sha).stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert list(store.tmp.iterdir()) == []


@pytest.mark.parametrize("fsync", [True, False])
def test_blobs_are_durable_with_and_without_fsync(fsync: bool, tmp_path: Path) -> None:
    with Store(tmp_path / "s", fsync=fsync) as store:
        sha = store.put_blob(b"x" * 100_000)
        assert store.verify_blob(sha)


def test_a_damaged_or_missing_blob_is_detected(store: Store) -> None:
    sha = store.put_blob(b"original")
    assert store.verify_blob(sha)
    store.blob_path(sha).write_bytes(b"tampered")
    assert not store.verify_blob(sha)
    store.blob_path(sha).unlink()
    assert not store.has_blob(sha) and not store.verify_blob(sha)
    with pytest.raises(StoreError, match="re-run the crawl"):
        store.read_blob(sha)


def test_temp_files_a_killed_writer_left_are_cleared(store: Store) -> None:
    (store.tmp / "0123456789abcdef.part").write_bytes(b"half a bl")
    store.acquire_writer()
    try:
        assert list(store.tmp.iterdir()) == []
        assert store.blob_files() == []
    finally:
        store.release_writer()


def test_an_unwritable_blob_directory_is_a_store_error(store: Store) -> None:
    sha = hashlib.sha256(b"data").hexdigest()
    (store.blobs / sha[:2]).write_bytes(b"a file where a directory should be")
    with pytest.raises(StoreError, match="cannot write a blob"):
        store.put_blob(b"data")


def test_an_unopenable_store_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(StoreError, match="cannot open the raw store"):
        Store(tmp_path / "file" / "store")


# -- versions --------------------------------------------------------------------------------------------
def test_same_bytes_again_move_last_seen_only(store: Store) -> None:
    put(store, URL, b"<p>v1</p>", T0)
    put(store, URL, b"<p>v1</p>", T0 + timedelta(days=1))
    [version] = store.versions(URL)
    assert (version.first_seen, version.last_seen) == (T0, T0 + timedelta(days=1))


def test_changed_bytes_add_a_version_and_keep_the_old(store: Store) -> None:
    put(store, URL, b"<p>v1</p>", T0, parent_url="http://127.0.0.1:8000/list", link_text="PCD 101 X")
    put(store, URL, b"<p>v2</p>", T0 + timedelta(days=2))
    old, new = store.versions(URL)
    assert (store.read_blob(old.sha256), store.read_blob(new.sha256)) == (b"<p>v1</p>", b"<p>v2</p>")
    assert old.last_seen < new.first_seen
    assert store.latest_version(URL) == new
    assert old.parent_url == "http://127.0.0.1:8000/list" and old.link_text == "PCD 101 X"
    put(store, URL, b"<p>v1</p>", T0 + timedelta(days=3))  # the page went back to its first bytes
    latest = store.latest_version(URL)
    assert latest is not None and latest.sha256 == old.sha256
    assert len(store.versions(URL)) == 2


def test_record_body_returns_the_stored_version(store: Store) -> None:
    with store.transaction():
        sha = store.put_blob(b"body")
        version = store.record_body(
            url=URL,
            sha256=sha,
            size=4,
            content_type="text/html",
            status=200,
            role="decision",
            etag='"e"',
            last_modified="Wed, 21 Oct 2015 07:28:00 GMT",
            reference_code="PCD 101",
            now=T0,
        )
    assert version == store.latest_version(URL)
    assert (version.size, version.reference_code, version.etag, version.first_seen) == (
        4,
        "PCD 101",
        '"e"',
        T0,
    )


def test_a_304_moves_last_seen_of_the_current_version(store: Store) -> None:
    put(store, URL, b"<p>v1</p>", T0)
    with store.transaction():
        store.record_not_modified(URL, role="decision", now=T0 + timedelta(days=5))
    [version] = store.versions(URL)
    assert version.last_seen == T0 + timedelta(days=5)
    state = store.url_state(URL)
    assert state is not None and (state.last_outcome, state.fetch_count) == ("not_modified", 2)
    assert state.etag == version.etag  # validators survive a 304


def test_latest_versions_by_role(store: Store) -> None:
    put(store, URL, b"page", T0)
    put(store, URL + ".pdf", b"pdf", T0, role="document", parent_url=URL)
    put(store, URL + ".pdf", b"pdf v2", T0 + timedelta(days=1), role="document", parent_url=URL)
    assert [v.url for v in store.latest_versions("decision")] == [URL]
    [doc] = store.latest_versions("document")
    assert store.read_blob(doc.sha256) == b"pdf v2"
    assert len(store.latest_versions()) == 2 and len(store.versions()) == 3


# -- crawl state -----------------------------------------------------------------------------------------
def test_url_state_records_every_fetch(store: Store) -> None:
    put(store, URL, b"v1", T0, parent_url="http://127.0.0.1:8000/list")
    with store.transaction():
        store.set_listing_entry(URL, fingerprint="f1", entry_date=date(2020, 5, 1))
    state = store.url_state(URL)
    assert state is not None
    assert (state.status, state.content_type, state.fetch_count, state.last_outcome) == (
        200,
        "text/html",
        1,
        "fetched",
    )
    assert (state.listing_fingerprint, state.entry_date) == ("f1", date(2020, 5, 1))
    assert state.parent_url == "http://127.0.0.1:8000/list"
    assert store.url_state("http://127.0.0.1:8000/never") is None


def test_a_failure_is_logged_and_earlier_versions_stay(store: Store) -> None:
    put(store, URL, b"v1", T0)
    error = CrawlError(URL, "timeout", f"{URL}: timeout after 5 attempts", None, "decision", None, T0)
    with store.transaction():
        store.record_failure(error, outcome="fetch_error", run_id=7)
    assert store.errors() == [error] and store.errors(run_id=7) == [error] and store.errors(run_id=8) == []
    state = store.url_state(URL)
    assert state is not None and state.last_outcome == "fetch_error" and state.sha256 is not None
    assert state.last_error == f"timeout: {URL}: timeout after 5 attempts"
    assert len(store.versions(URL)) == 1
    assert store.children_outcomes("nothing") == {}


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        put_in = store.put_blob(b"kept as a blob only")
        store.record_body(
            url=URL,
            sha256=put_in,
            size=1,
            content_type="t",
            status=200,
            role="decision",
            etag=None,
            last_modified=None,
        )
        raise RuntimeError("killed between two statements")
    assert store.versions() == [] and store.url_state(URL) is None


def test_the_state_database_is_in_wal_mode(store: Store) -> None:
    db = sqlite3.connect(store.root / "state.sqlite")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_one_writer_at_a_time(store: Store, tmp_path: Path) -> None:
    store.acquire_writer()
    with Store(tmp_path / "store", fsync=False) as other:
        with pytest.raises(StoreError, match="another crawl"):
            other.acquire_writer()
        store.release_writer()
        other.acquire_writer()  # free again
        other.release_writer()


def test_a_reader_sees_committed_state_while_a_writer_works(store: Store, tmp_path: Path) -> None:
    store.acquire_writer()
    put(store, URL, b"v1", T0)
    with Store(tmp_path / "store", fsync=False) as reader:
        assert [v.url for v in reader.versions()] == [URL]
    store.release_writer()


HOSTILE_URLS = [
    "http://127.0.0.1:8000/../../../../etc/passwd",
    "http://127.0.0.1:8000/a/%2e%2e/%2e%2e/b.pdf",
    "http://127.0.0.1:8000/" + "x" * 5000,
    "http://127.0.0.1:8000/con?file=../../state.sqlite",
    "http://127.0.0.1:8000/nul\x00byte.pdf",
]


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=range(len(HOSTILE_URLS)))
def test_store_file_names_never_come_from_urls(url: str, store: Store) -> None:
    put(store, url, b"body of " + url.encode(), T0)
    files = {p.relative_to(store.root).as_posix() for p in store.root.rglob("*") if p.is_file()}
    [version] = store.versions(url)
    blob = f"blobs/{version.sha256[:2]}/{version.sha256[2:4]}/{version.sha256}"
    assert files - {"state.sqlite", "state.sqlite-wal", "state.sqlite-shm"} == {blob}


# -- runs and the frontier -------------------------------------------------------------------------------
def test_runs_are_recorded_and_an_unfinished_one_is_found(store: Store) -> None:
    with store.transaction():
        first = store.start_run({"base_url": "x", "max_decisions": 5, "since": None}, now=T0)
        store.finish_run(first, {"fetched": 3}, now=T0 + timedelta(minutes=1))
        second = store.start_run({"base_url": "x", "max_decisions": None, "since": "2024-01-01"}, now=T0)
    unfinished = store.unfinished_run()
    assert unfinished is not None and unfinished.id == second and unfinished.options["since"] == "2024-01-01"
    runs = store.runs()
    assert [r.counts for r in runs] == [{"fetched": 3}, {}]
    assert runs[0].options["max_decisions"] == 5


def test_the_frontier_deduplicates_by_url_and_identity(store: Store) -> None:
    with store.transaction():
        run = store.start_run({})
        items = [
            FrontierItem(url="http://h/a", role="decision", identity="PCD 1", entry_date=date(2020, 1, 2)),
            FrontierItem(url="http://h/a", role="decision", identity="PCD 1"),  # same URL
            FrontierItem(
                url="http://h/a-moved", role="decision", identity="PCD 1"
            ),  # same decision elsewhere
            FrontierItem(url="http://h/b", role="decision", identity="http://h/b", outcome="skipped_settled"),
        ]
        added = store.enqueue(run, items, priority=1)
        store.enqueue(run, [FrontierItem(url="http://h/list?page=1", role="listing")], priority=0)
    assert [i.url for i in added] == ["http://h/a", "http://h/b"]
    assert [i.url for i in store.pending(run)] == ["http://h/list?page=1", "http://h/a"]
    assert store.pending(run)[1].entry_date == date(2020, 1, 2)
    assert store.next_pending(run) == store.pending(run)[0]
    assert store.count_role(run, "decision") == 2
    with store.transaction():
        store.complete(run, "http://h/list?page=1", "not_modified")
    assert store.frontier_counts(run) == {"pending": 1, "skipped_settled": 1, "not_modified": 1}
    with store.transaction():
        other = store.start_run({})
        assert len(store.enqueue(other, items, priority=1)) == 2  # runs are independent


def test_enqueue_keeps_insertion_order_within_a_priority(store: Store) -> None:
    with store.transaction():
        run = store.start_run({})
        for n in range(5):
            store.enqueue(run, [FrontierItem(url=f"http://h/{n}", role="document")], priority=2)
        store.enqueue(run, [FrontierItem(url="http://h/d", role="decision")], priority=1)
    assert [i.url for i in store.pending(run)] == ["http://h/d", *[f"http://h/{n}" for n in range(5)]]


def test_the_store_survives_reopening(tmp_path: Path) -> None:
    with Store(tmp_path / "s", fsync=False) as store:
        put(store, URL, b"v1", T0)
    with Store(tmp_path / "s", fsync=False) as store:
        [version] = store.versions()
        assert store.read_blob(version.sha256) == b"v1"
    assert sorted(os.listdir(tmp_path / "s")) >= ["blobs", "state.sqlite", "tmp"]
