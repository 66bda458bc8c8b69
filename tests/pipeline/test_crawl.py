"""The crawler end to end over real loopback sockets (pipeline/crawl.py): a clean crawl, a crawl under
random network faults, kill -9 and resume, incremental re-runs, new versions of changed pages, and the
fences (allow-list, robots.txt, size cap, store file names).

Sites are synthetic archives written by conftest.py; the ``samples/site`` cases at the end run once
``samples/build_samples.py`` has produced it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rich.console import Console

from pipeline.crawl import OUTCOMES, CrawlSummary, crawl, render_summary
from pipeline.errors import StoreError
from pipeline.serve import Fault, FaultPlan, SampleServer, serve
from pipeline.settings import Settings
from pipeline.store import Store
from tests.crawl_helpers import crawl_process, kill_after

if TYPE_CHECKING:
    from tests.pipeline.conftest import Site

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "site"
BLOB_NAME = re.compile(r"[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}")

Snapshot = set[tuple[str, str, str, str | None, str | None, str | None]]


def snapshot(store: Store, base_url: str) -> Snapshot:
    """Every stored version, URLs made root-relative: what two crawls of one site must agree on."""

    def rel(url: str | None) -> str | None:
        return url.replace(base_url, "") if url else url

    return {
        (rel(v.url) or "", v.sha256, v.role, rel(v.parent_url), v.link_text, v.reference_code)
        for v in store.versions()
    }


def run(settings: Settings, path: Path, **options: object) -> CrawlSummary:
    with Store(path) as store:
        return crawl(settings, store, progress=False, **options)  # type: ignore[arg-type]


def assert_store_is_sound(path: Path) -> None:
    """Every blob is whole (named by the hash of its bytes), every version's blob exists, tmp/ is empty."""
    with Store(path) as store:
        for blob in store.blob_files():
            assert BLOB_NAME.fullmatch(blob.relative_to(store.blobs).as_posix()), blob
            assert hashlib.sha256(blob.read_bytes()).hexdigest() == blob.name, f"half-written blob {blob}"
        for version in store.versions():
            assert store.verify_blob(version.sha256), version.url
        assert len({v.url for v in store.versions()}) == len(store.latest_versions())


def expected_paths(site: Site) -> set[str]:
    return {*site.listing_paths, *site.page_paths, *site.pdf_paths, "/robots.txt"}


# -- a clean crawl ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fetch_ahead", [2, 0], ids=["fetch-ahead", "sequential"])
def test_a_clean_crawl_stores_every_page_once(
    fetch_ahead: int, site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    summary = run(fast(server.url, fetch_ahead=fetch_ahead), tmp_path / "store")
    assert summary.errors == []
    assert summary.counts["fetched"] == len(expected_paths(site)) - 1  # robots.txt is not a work item
    assert sorted(server.paths()) == sorted(expected_paths(site))  # each asked exactly once
    assert summary.requests == len(server.paths())
    with Store(tmp_path / "store") as store:
        versions = store.versions()
        assert {v.url.replace(server.url, "") for v in versions} == expected_paths(site)
        for v in versions:
            assert store.read_blob(v.sha256) == site.body(v.url.replace(server.url, ""))
        by_url = {v.url.replace(server.url, ""): v for v in versions}
    first = site.decisions[0]
    page = by_url[first.url]
    assert (page.role, page.reference_code, page.parent_url) == (
        "decision",
        first.code,
        server.url + site.listing_paths[0],
    )
    assert page.link_text == f"{first.code} {first.title}"
    pdf = by_url[first.pdfs[0]]
    assert (pdf.role, pdf.parent_url, pdf.content_type) == (
        "document",
        server.url + first.url,
        "application/pdf",
    )
    assert_store_is_sound(tmp_path / "store")


def test_the_two_modes_store_the_same(
    make_site: Callable[..., Site], fast: Callable[..., Settings], tmp_path: Path
) -> None:
    site = make_site(decisions=20)
    with serve(site.root) as server:
        run(fast(server.url, fetch_ahead=0), tmp_path / "a")
        run(fast(server.url, fetch_ahead=3), tmp_path / "b")
        with Store(tmp_path / "a") as a, Store(tmp_path / "b") as b:
            assert snapshot(a, server.url) == snapshot(b, server.url)


def test_the_summary_names_every_outcome(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    server.faults = FaultPlan(rules={site.pdf_paths[0]: Fault("status", status=404)})
    summary = run(fast(server.url), tmp_path / "store")
    out = io.StringIO()
    render_summary(summary, Console(file=out, width=200))
    text = out.getvalue()
    for outcome in OUTCOMES:
        assert outcome in text
    assert "http_error" in text and site.pdf_paths[0] in text


# -- network faults --------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_crawl_under_5_percent_random_faults_equals_a_clean_crawl(
    seed: int, make_site: Callable[..., Site], fast: Callable[..., Settings], tmp_path: Path
) -> None:
    site = make_site(decisions=40, per_page=10)
    with serve(site.root) as server:
        clean = run(fast(server.url), tmp_path / "clean")
        clean_requests = len(server.paths())
        server.reset_log()
        server.faults = FaultPlan(random_rate=0.05, seed=seed)
        faulty = run(fast(server.url, retries=6), tmp_path / "faulty")
        assert len(server.paths()) > clean_requests  # faults happened and were retried
        with Store(tmp_path / "clean") as a, Store(tmp_path / "faulty") as b:
            assert snapshot(b, server.url) == snapshot(a, server.url)
    assert faulty.errors == clean.errors == []
    assert faulty.counts == clean.counts
    assert_store_is_sound(tmp_path / "faulty")


def test_a_page_that_keeps_failing_is_recorded_and_the_crawl_goes_on(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    broken = {
        site.pdf_paths[0]: (Fault("status", status=503), "http_error", 503),
        site.pdf_paths[1]: (Fault("reset"), "fetch_error", None),
        site.pdf_paths[2]: (Fault("truncate"), "fetch_error", None),
        site.pdf_paths[3]: (Fault("slow", delay=1.0), "fetch_error", None),
        site.pdf_paths[4]: (Fault("status", status=404), "http_error", 404),
    }
    server.faults = FaultPlan(rules={path: fault for path, (fault, _, _) in broken.items()})
    summary = run(fast(server.url, retries=1, read_timeout=0.3), tmp_path / "store")
    got = {
        e.url.replace(server.url, ""): (e.role, e.status, e.parent_url is not None) for e in summary.errors
    }
    assert got == {path: ("document", status, True) for path, (_, _, status) in broken.items()}
    assert summary.counts["http_error"] == 2 and summary.counts["fetch_error"] == 3
    assert summary.counts["fetched"] == len(expected_paths(site)) - 1 - len(broken)
    with Store(tmp_path / "store") as store:
        assert {e.url for e in store.errors()} == {server.url + p for p in broken}
        assert all(e.message for e in store.errors())


def test_a_transient_document_failure_keeps_its_decision_unsettled(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    pdf = site.decisions[0].pdfs[0]
    server.faults = FaultPlan(rules={pdf: Fault("status", status=503)})
    run(fast(server.url, retries=0), tmp_path / "store")
    server.faults = FaultPlan()
    server.reset_log()
    again = run(fast(server.url), tmp_path / "store")
    assert pdf in server.paths()
    assert again.errors == []
    assert again.counts["skipped_settled"] == len(site.decisions) - 1


# -- kill -9 and resume ----------------------------------------------------------------------------------
# the child crawl's settings: jitter in seconds, retries after the first try
KILL_ENV = {"DECISIONS_BACKOFF_JITTER": "0.001", "DECISIONS_RETRIES": "3"}


def test_kill_9_mid_crawl_then_resume_equals_a_clean_crawl(
    make_site: Callable[..., Site], fast: Callable[..., Settings], tmp_path: Path
) -> None:
    site = make_site(decisions=30, per_page=10)
    total = len(expected_paths(site))
    store = tmp_path / "killed"
    with serve(site.root, faults=FaultPlan(latency=0.02)) as server:
        kills = 0
        for fraction in (0.3, 0.6):
            server.reset_log()
            killed = kill_after(
                crawl_process(server.url, store, **KILL_ENV), server, int(total * fraction) - 5 * kills
            )
            kills += killed
            assert_store_is_sound(store)  # a blob is whole or absent, whenever the kill came
        assert kills == 2, "the crawl ended before it could be killed: slow the server down"
        finish = crawl_process(server.url, store, **KILL_ENV)
        _, stderr = finish.communicate(timeout=120)
        assert finish.returncode == 0, stderr.decode()
        server.faults = FaultPlan()
        run(fast(server.url), tmp_path / "clean")
        with Store(store) as resumed, Store(tmp_path / "clean") as clean:
            assert snapshot(resumed, server.url) == snapshot(clean, server.url)
            runs = resumed.runs()
            assert len(runs) == 1 and runs[0].finished is not None  # one run, resumed twice
            assert resumed.errors() == []
            assert list((store / "tmp").iterdir()) == []
    assert_store_is_sound(store)


def test_a_killed_run_is_finished_by_the_next_call(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    """In process: a run stopped by an exception (as a kill would) is resumed, not restarted."""

    class Stop(Exception):
        pass

    calls = 0

    def stop_midway(*_args: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 10:
            raise Stop

    with Store(tmp_path / "store") as store:
        original = store.complete  # made to fail on the 10th step, as a kill between two steps would

        def complete(run_id: int, url: str, outcome: str) -> None:
            stop_midway()
            original(run_id, url, outcome)

        store.complete = complete  # type: ignore[method-assign]
        with pytest.raises(Stop):
            crawl(fast(server.url), store, progress=False)
    server.reset_log()
    summary = run(fast(server.url), tmp_path / "store")
    assert summary.resumed
    # done work is not redone: robots.txt is stored, 9 items were committed; the 10th is asked again
    assert len(server.paths()) == len(expected_paths(site)) - 1 - 9
    with Store(tmp_path / "store") as store:
        assert {v.url.replace(server.url, "") for v in store.versions()} == expected_paths(site)


def test_a_decision_listed_twice_is_fetched_once(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    """Identity is the reference code: the same code under another URL (the listing moved while it was
    read) is one decision; without a code the URL is the identity."""
    first = site.decisions[0]
    again = dataclasses.replace(first, url="/node/99001")
    uncoded = next(d for d in site.decisions if d.code is None)
    site.add_to_listing(1, [again, uncoded])
    summary = run(fast(server.url), tmp_path / "store")
    assert "/node/99001" not in server.paths()
    assert server.paths().count(uncoded.url) == 1 and server.paths().count(first.url) == 1
    assert summary.counts["fetched"] == len(expected_paths(site)) - 1


# -- incremental re-runs ---------------------------------------------------------------------------------
def test_a_no_change_rerun_sends_only_conditional_listing_requests(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    run(fast(server.url), tmp_path / "store")
    server.reset_log()
    again = run(fast(server.url), tmp_path / "store")
    assert server.paths() == site.listing_paths
    for _, _, headers in server.requests:
        assert headers.get("If-None-Match") and headers.get("If-Modified-Since")
    assert again.requests == len(site.listing_paths)
    assert again.counts["not_modified"] == len(site.listing_paths)
    assert again.counts["skipped_settled"] == len(site.decisions)
    assert again.counts["fetched"] == 0


def test_unsettled_pages_are_asked_conditionally(
    make_site: Callable[..., Site], fast: Callable[..., Settings], tmp_path: Path
) -> None:
    site = make_site(recent=3)  # three entries show no date: not settled until seen for settled_days
    with serve(site.root) as server:
        run(fast(server.url), tmp_path / "store")
        server.reset_log()
        again = run(fast(server.url), tmp_path / "store")
        recent = site.decisions[-3:]
        asked = {*site.listing_paths, *(d.url for d in recent), *(p for d in recent for p in d.pdfs)}
        assert sorted(server.paths()) == sorted(asked)
        assert all("If-None-Match" in headers for _, _, headers in server.requests)
    assert again.counts["not_modified"] == len(asked)
    assert again.counts["skipped_settled"] == len(site.decisions) - 3
    with Store(tmp_path / "store") as store:
        assert all(len(store.versions(server.url + path)) == 1 for path in asked)


def test_a_changed_page_gets_a_second_version_and_the_first_is_kept(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = fast(server.url, settled_days=100_000)  # nothing settled: every page asked again
    run(settings, tmp_path / "store")
    page = site.decisions[0].url
    old = site.body(page)
    site.change(page, old.replace(b"Executive summary", b"Executive summary (amended)"))
    again = run(settings, tmp_path / "store")
    assert again.counts["fetched"] == 1
    with Store(tmp_path / "store") as store:
        versions = store.versions(server.url + page)
        assert [store.read_blob(v.sha256) for v in versions] == [old, site.body(page)]
        assert versions[0].first_seen <= versions[0].last_seen < versions[1].first_seen
        assert store.latest_version(server.url + page) == versions[1]
        assert len(store.versions()) == len(expected_paths(site)) + 1


def test_a_changed_listing_entry_refetches_its_settled_decision(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    run(fast(server.url), tmp_path / "store")
    listing = site.listing_paths[0]
    target = site.decisions[1]
    site.change(listing, site.body(listing).replace(target.title.encode(), b"Renamed decision title"))
    server.reset_log()
    again = run(fast(server.url), tmp_path / "store")
    assert sorted(server.paths()) == sorted([*site.listing_paths, target.url, *target.pdfs])
    assert again.counts["fetched"] == 1  # the listing page; the decision page answered 304
    with Store(tmp_path / "store") as store:
        assert len(store.versions(server.url + listing)) == 2


def test_a_missing_blob_is_fetched_again_unconditionally(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    run(fast(server.url), tmp_path / "store")
    with Store(tmp_path / "store") as store:
        lost = store.latest_version(server.url + site.listing_paths[0])
        assert lost is not None
        store.blob_path(lost.sha256).unlink()
    server.reset_log()
    again = run(fast(server.url), tmp_path / "store")
    assert again.errors == []
    first = server.requests[0]
    assert first[1] == site.listing_paths[0] and "If-None-Match" not in first[2]
    assert_store_is_sound(tmp_path / "store")


# -- options ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OptionCase:
    id: str
    options: dict[str, object]
    decisions: Callable[[Site], list[str]]  # decision pages expected in the store


OPTIONS = [
    OptionCase("max-decisions", {"max_decisions": 3}, lambda s: s.page_paths[:3]),
    OptionCase("max-across-pages", {"max_decisions": 7}, lambda s: s.page_paths[:7]),
    OptionCase(
        "since",
        {"since": date.today() - timedelta(days=400 + 30 * 4)},
        lambda s: [
            d.url for d in s.decisions if d.signed is None or d.signed >= date.today() - timedelta(days=520)
        ],
    ),
]


@pytest.mark.parametrize("case", OPTIONS, ids=lambda c: c.id)
def test_crawl_options(
    case: OptionCase, site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    run(fast(server.url), tmp_path / "store", **case.options)
    with Store(tmp_path / "store") as store:
        pages = {v.url.replace(server.url, "") for v in store.latest_versions("decision")}
    assert pages == set(case.decisions(site))
    if "max_decisions" in case.options:  # listing pages past the limit are not asked
        needed = -(-int(case.options["max_decisions"]) // 5)  # type: ignore[call-overload]
        assert [p for p in server.paths() if p in site.listing_paths] == site.listing_paths[:needed]


def test_a_dry_run_lists_what_it_would_fetch_and_stores_nothing(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    summary = run(fast(server.url), tmp_path / "store", dry_run=True)
    assert summary.planned == [server.url + p for p in site.page_paths]
    assert set(server.paths()) == {*site.listing_paths, "/robots.txt"}
    with Store(tmp_path / "store") as store:
        assert store.versions() == [] and store.runs() == [] and store.blob_files() == []


def test_one_crawl_at_a_time_per_store(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    with Store(tmp_path / "store") as holder:
        holder.acquire_writer()
        with pytest.raises(StoreError, match="another crawl"):
            run(fast(server.url), tmp_path / "store")
        holder.release_writer()
    assert run(fast(server.url), tmp_path / "store").errors == []


def test_a_listing_page_that_no_longer_reads_as_one_is_recorded(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    site.change(site.listing_paths[1], b"<html><body><p>We are updating this page.</p></body></html>")
    summary = run(fast(server.url), tmp_path / "store")
    assert summary.counts["parse_error"] == 1
    assert [e.reason for e in summary.errors] == ["layout_changed"]
    assert summary.counts["fetched"] == len(expected_paths(site)) - 2 - 5 - sum(
        len(d.pdfs) for d in site.decisions[5:10]
    )


# -- fences ----------------------------------------------------------------------------------------------
def test_the_crawler_never_contacts_a_host_off_the_allow_list(
    site: Site, server: SampleServer, elsewhere: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    port = elsewhere.url.rsplit(":", 1)[1]
    outside = [
        f"{elsewhere.url}/a.pdf",
        f"http://localhost:{port}/b.pdf",
        f"http://user@127.0.0.1:{port}/c.pdf",
        f"//127.0.0.1:{port}/d.pdf",  # scheme-relative
    ]
    site.rewrite_decision(0, extra_links=tuple((url, "Appendix elsewhere") for url in outside))
    redirected = site.decisions[1].pdfs[0]
    server.faults = FaultPlan(rules={redirected: Fault("redirect", location=f"{elsewhere.url}/page.html")})
    summary = run(fast(server.url), tmp_path / "store")
    assert elsewhere.requests == []
    blocked = {e.url for e in summary.errors if e.reason == "blocked_host"}
    assert len(blocked) == len(outside) + 1
    assert server.url + redirected in blocked
    assert summary.counts["blocked_host"] == len(outside) + 1


def test_a_robots_txt_redirected_off_the_allow_list_stops_the_crawl(
    site: Site, server: SampleServer, elsewhere: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    server.faults = FaultPlan(
        rules={"/robots.txt": Fault("redirect", location=f"{elsewhere.url}/robots.txt")}
    )
    summary = run(fast(server.url), tmp_path / "store")
    assert elsewhere.requests == []
    assert server.paths() == ["/robots.txt"]  # unreachable robots.txt: nothing is crawled (RFC 9309)
    assert summary.counts["robots_denied"] == 1


def test_robots_txt_disallowed_pages_are_recorded_not_fetched(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    denied = site.decisions[2]
    site.change("/robots.txt", f"User-agent: *\nDisallow: {denied.url}\n".encode())
    summary = run(fast(server.url), tmp_path / "store")
    assert denied.url not in server.paths()
    assert [(e.url, e.reason) for e in summary.errors] == [(server.url + denied.url, "robots_denied")]
    assert summary.counts["robots_denied"] == 1


def test_a_60_mb_document_is_refused_and_the_crawl_goes_on(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    big, streamed = site.pdf_paths[0], site.pdf_paths[1]
    server.faults = FaultPlan(
        rules={
            big: Fault("huge", size=60 * 1024 * 1024),
            streamed: Fault("huge", size=60 * 1024 * 1024, chunked=True),
        }
    )
    summary = run(fast(server.url), tmp_path / "store")  # the default 50 MB cap
    assert {(e.url.replace(server.url, ""), e.reason) for e in summary.errors} == {
        (big, "too_large"),
        (streamed, "too_large"),
    }
    assert summary.counts["too_large"] == 2
    assert summary.counts["fetched"] == len(expected_paths(site)) - 3
    with Store(tmp_path / "store") as store:
        assert max(v.size for v in store.versions()) < 1024 * 1024


def test_links_that_are_not_urls_are_recorded_and_the_crawl_goes_on(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    odd = (
        "/sites/default/files/a\x01b.pdf",
        "/sites/default/files/" + "a" * 70_000 + ".pdf",
        "http://[::1/x.pdf",
    )
    site.rewrite_decision(0, extra_links=tuple((href, "Appendix") for href in odd[:2]))
    site.rewrite_decision(1, era=1, extra_links=((odd[2], "Appendix"),))
    summary = run(fast(server.url), tmp_path / "store")
    reasons = {(e.url.replace(server.url, "")[:40], e.reason) for e in summary.errors}
    # each odd link is a bad_url row (httpx refuses the control byte and the 70,000-character URL, the
    # adapter keeps "http://[::1" as printed); the pages that carry them are read as usual
    assert sorted(reason for _, reason in reasons) == ["bad_url"] * 3
    # everything else is stored: all but robots.txt
    assert summary.counts["fetched"] == len(expected_paths(site)) - 1


def test_one_malformed_link_does_not_hide_the_others(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    site.rewrite_decision(1, era=1, extra_links=(("http://[::1/x.pdf", "Appendix"),))
    summary = run(fast(server.url), tmp_path / "store")
    assert set(site.decisions[1].pdfs) <= set(server.paths())
    assert any(e.reason == "bad_url" and "[::1" in e.url for e in summary.errors)


HOSTILE_LINKS = [
    "/sites/default/files/../../../../../../tmp/escape.pdf",
    "/sites/default/files/%2e%2e/%2e%2e/%2e%2e/escape2.pdf",
    "/sites/default/files/..%2f..%2fescape3.pdf",
    "/sites/default/files/" + "x" * 400 + ".pdf",
    "/sites/default/files/a%00b.pdf",
    "/sites/default/files/con.pdf?name=../../../escape4",
    "/sites/default/files/%C3%A9t%C3%A9 report.pdf",
]


def test_store_file_names_never_come_from_urls(
    site: Site, server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    site.rewrite_decision(0, era=1, extra_links=tuple((href, "Appendix") for href in HOSTILE_LINKS))
    for n, href in enumerate(HOSTILE_LINKS):
        site.put_pdf(href, f"hostile {n}")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if "store" not in p.parts)
    run(fast(server.url), tmp_path / "store")
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if "store" not in p.parts)
    assert after == before  # nothing written outside the store
    store_root = tmp_path / "store"
    for path in store_root.rglob("*"):
        rel = path.relative_to(store_root).as_posix()
        if path.is_dir():
            assert rel in {"blobs", "tmp"} or re.fullmatch(r"blobs/[0-9a-f]{2}(/[0-9a-f]{2})?", rel), rel
        else:
            assert rel in {"state.sqlite", "state.sqlite-wal", "state.sqlite-shm", "writer.lock"} or (
                rel.startswith("blobs/") and BLOB_NAME.fullmatch(rel[len("blobs/") :])
            ), rel
    with Store(store_root) as store:
        hostile = [v for v in store.versions() if "hostile" in store.read_blob(v.sha256).decode("latin-1")]
    assert len(hostile) >= 3  # the crawler did fetch them; they are stored by hash all the same
    assert not (tmp_path / "tmp" / "escape.pdf").exists() and not Path("/tmp/escape.pdf").exists()


# -- the sample archive (samples/site, built by samples/build_samples.py) -------------------------------
needs_samples = pytest.mark.skipif(
    not (SAMPLES / "manifest.json").is_file(), reason="samples/site not built yet"
)


@pytest.fixture(scope="module")
def samples_server() -> Iterator[SampleServer]:
    with serve(SAMPLES) as server:
        yield server


@needs_samples
def test_samples_crawl_reaches_every_listed_decision_and_document(
    samples_server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    samples_server.reset_log()
    samples_server.faults = FaultPlan()
    summary = run(fast(samples_server.url), tmp_path / "store")
    assert summary.counts["fetched"] > 0
    assert summary.counts["blocked_host"] == summary.counts["fetch_error"] == summary.counts["too_large"] == 0
    with Store(tmp_path / "store") as store:
        decisions = store.latest_versions("decision")
        documents = store.latest_versions("document")
        assert len(decisions) >= 20 and len(documents) >= 20
        assert {d.parent_url for d in documents} <= {d.url for d in decisions}
    assert_store_is_sound(tmp_path / "store")
    asked = samples_server.paths()
    assert len(asked) == len(set(asked))  # nothing asked twice


@needs_samples
def test_samples_under_random_faults_equal_a_clean_crawl(
    samples_server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    samples_server.faults = FaultPlan()
    clean = run(fast(samples_server.url), tmp_path / "clean")
    samples_server.faults = FaultPlan(random_rate=0.05, seed=11)
    try:
        faulty = run(fast(samples_server.url, retries=6), tmp_path / "faulty")
    finally:
        samples_server.faults = FaultPlan()
    with Store(tmp_path / "clean") as a, Store(tmp_path / "faulty") as b:
        assert snapshot(b, samples_server.url) == snapshot(a, samples_server.url)
    assert faulty.counts == clean.counts
    assert {(e.url, e.reason, e.status) for e in faulty.errors} == {
        (e.url, e.reason, e.status) for e in clean.errors
    }


@needs_samples
def test_samples_no_change_rerun_costs_the_listing_pages_only(
    samples_server: SampleServer, fast: Callable[..., Settings], tmp_path: Path
) -> None:
    samples_server.faults = FaultPlan()
    settings = fast(samples_server.url, settled_days=0)  # every entry counts as settled once fetched
    run(settings, tmp_path / "store")
    samples_server.reset_log()
    again = run(settings, tmp_path / "store")
    listing = [p for p in samples_server.paths() if "page=" in p]
    assert samples_server.paths() == listing and listing
    assert again.counts["not_modified"] == len(listing)
    assert all("If-None-Match" in headers for _, _, headers in samples_server.requests)
