"""The whole sample archive through a hostile network: 5% random faults (500, 503, 429, resets, short
bodies) and a ``kill -9`` in the middle of the crawl, resumed, then built. The Parquet must equal a clean
crawl and build row for row — nothing lost, nothing duplicated, no fault leaking into the data."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.build import build_dataset
from pipeline.query import decision_records
from pipeline.serve import FaultPlan, serve
from pipeline.settings import load
from samples.golden import SITE, build_samples
from tests.crawl_helpers import crawl_process, kill_after

pytestmark = pytest.mark.skipif(not (SITE / "manifest.json").exists(), reason="samples/site not generated")


def relative(rows: list[dict[str, object]], base_url: str, keys: tuple[str, ...]) -> list[tuple[object, ...]]:
    def rel(v: object) -> object:
        return v[len(base_url) :] if isinstance(v, str) and v.startswith(base_url) else v

    return sorted((tuple(rel(r[k]) for k in keys) for r in rows), key=repr)


def test_faults_and_a_kill_in_the_middle_give_the_same_dataset_as_a_clean_run(tmp_path: Path) -> None:
    clean_out, clean_url = build_samples(tmp_path / "clean")
    store = tmp_path / "faulty" / "store"
    plan = FaultPlan(random_rate=0.05, seed=11, latency=0.003)
    with serve(SITE, faults=plan) as server:
        assert kill_after(crawl_process(server.url, store, DECISIONS_RETRIES="4"), server, 60), (
            "the crawl ended before the kill"
        )
        finish = crawl_process(server.url, store, DECISIONS_RETRIES="4")
        _, stderr = finish.communicate(timeout=180)
        assert finish.returncode == 0, stderr.decode()
        faults_seen = len(server.requests)
        faulty_out = tmp_path / "faulty" / "out"
        build_dataset(store, faulty_out, load({}, base_url=server.url))
        faulty_url = server.url
    assert faults_seen > 132, "the faults made no retries: the test is not testing anything"

    got = json.loads(json.dumps(decision_records(faulty_out, base_url=faulty_url), default=str))
    want = json.loads(json.dumps(decision_records(clean_out, base_url=clean_url), default=str))
    assert sorted(got) == sorted(want)
    for did in want:
        assert got[did] == want[did], did

    for table, keys in {
        "documents": ("url", "role", "sha256", "bytes", "parse_status", "parse_reason", "decision_id"),
        "errors": ("stage", "reason", "url", "decision_id", "status"),
        "decision_versions": ("decision_id", "url", "sha256", "version", "title", "amounts_total"),
    }.items():
        faulty_rows = pq.read_table(faulty_out / f"{table}.parquet").to_pylist()
        clean_rows = pq.read_table(clean_out / f"{table}.parquet").to_pylist()
        assert relative(faulty_rows, faulty_url, keys) == relative(clean_rows, clean_url, keys), table
