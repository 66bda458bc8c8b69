"""Crawl overhead: requests/s of the crawler against the sample server with the rate limit off, vs a bare
httpx loop over the same URLs in the same run (goal: >= 0.8x), and the requests of a no-change re-run
(goal: the listing pages only).

The sample server runs in its own process (as a real server would), so the client side is measured
alone. Rounds alternate crawler and bare loop and the best of each is kept, so a busy machine skews
both alike. The crawler runs with its defaults (fsync on, fetch-ahead on) except the rate limit.
Serves ``samples/site``; without it, a synthetic archive from tests/pipeline/conftest.py.
"""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench._common import ROOT, SITE, figure
from pipeline.crawl import crawl
from pipeline.fetch import Fetcher, tls_context
from pipeline.settings import Settings, load
from pipeline.sources import mopac
from pipeline.store import Store

ROUNDS = 5


def _synthetic_site(root: Path) -> Path:
    """A 120-decision archive written by the test suite's site builder."""
    spec = importlib.util.spec_from_file_location(
        "crawl_bench_sites", ROOT / "tests" / "pipeline" / "conftest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.build_site(root, decisions=120, per_page=20)
    return root


def _start_server(site: Path) -> tuple[subprocess.Popen[str], str]:
    code = (
        "import sys; from pathlib import Path; from pipeline.serve import serve\n"
        "server = serve(Path(sys.argv[1])); print(server.url, flush=True); server.wait()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(site)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        process.kill()
        raise SystemExit("the sample server did not start")
    return process, url


class _ParseClock:
    """Seconds the crawl spends in the adapter's page parsing (listing entries, document links)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        for name in ("parse_listing_page", "document_links"):
            setattr(mopac, name, self._timed(getattr(mopac, name)))

    def _timed(self, parse: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(parse)
        def timed(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                return parse(*args)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def _bare_loop(urls: list[str]) -> float:
    """Requests/s of plain sequential GETs, bodies read, client set-up included as for the crawler
    (with the same once-per-process TLS context)."""
    started = time.perf_counter()
    with httpx.Client(timeout=30.0, verify=tls_context()) as client:
        for url in urls:
            client.get(url).read()
    return len(urls) / (time.perf_counter() - started)


def _fetcher_loop(settings: Settings, urls: list[str]) -> float:
    """Requests/s of the crawler's polite client alone (allow-list, robots.txt, rate limiter, retry
    wrapper, size cap) over the same URLs: what politeness costs without parsing and storing."""
    started = time.perf_counter()
    with Fetcher(settings) as fetcher:
        for url in urls:
            fetcher.get(url)
        requests = fetcher.requests
    return requests / (time.perf_counter() - started)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = SITE if (SITE / "manifest.json").exists() else _synthetic_site(work / "site")
        server, base_url = _start_server(site)
        try:
            settings = load({}, base_url=base_url, rate=0.0)
            crawler_rates: list[float] = []
            bare_rates: list[float] = []
            fetcher_rates: list[float] = []
            nosync_rates: list[float] = []
            parse_shares: list[float] = []
            urls: list[str] = []
            clock = _ParseClock()
            for n in range(ROUNDS):
                with Store(work / f"store-{n}") as store:
                    clock.seconds = 0.0
                    started = time.perf_counter()
                    summary = crawl(settings, store, progress=False)
                    elapsed = time.perf_counter() - started
                    crawler_rates.append(summary.requests / elapsed)
                    parse_shares.append(clock.seconds / elapsed)
                    urls = [v.url for v in store.versions()] + [e.url for e in store.errors()]
                bare_rates.append(_bare_loop(urls))
                fetcher_rates.append(_fetcher_loop(settings, urls))
                with Store(work / f"nosync-{n}") as store:
                    started = time.perf_counter()
                    done = crawl(settings.with_(fsync=False), store, progress=False)
                    nosync_rates.append(done.requests / (time.perf_counter() - started))
            with Store(work / "store-0") as store:
                rerun = crawl(settings, store, progress=False)
            with Store(work / "store-1") as store:
                settled = crawl(settings.with_(settled_days=0), store, progress=False)
        finally:
            server.terminate()
            server.wait()
    crawler, bare, polite = max(crawler_rates), max(bare_rates), max(fetcher_rates)
    listings = sum(1 for u in urls if "page=" in u)
    print(
        f"== crawl overhead: {site.relative_to(ROOT) if site.is_relative_to(ROOT) else 'synthetic site'}, "
        f"{summary.requests} requests a crawl, best of {ROUNDS} rounds"
    )
    figure("crawler (rate 0, fsync, fetch-ahead)", crawler, "req/s")
    figure("bare httpx loop, same URLs", bare, "req/s")
    figure("polite client alone (Fetcher.get), same URLs", polite, "req/s")
    figure("polite client / bare", polite / bare, "x", goal="goal >= 0.8", ok=polite / bare >= 0.8)
    figure("crawler / bare", crawler / bare, "x", goal="goal >= 0.8", ok=crawler / bare >= 0.8)
    share = parse_shares[crawler_rates.index(crawler)]
    figure("  of which: adapter HTML parsing (links)", 100 * share, "% of crawl")
    figure("crawler without the adapter's parsing / bare", crawler / (1 - share) / bare, "x")
    figure("crawler with fsync off / bare", max(nosync_rates) / bare, "x")
    figure("no-change re-run: requests", rerun.requests, "requests", goal=f"{listings} listing pages")
    figure(
        "no-change re-run, settled_days=0: requests",
        settled.requests,
        "requests",
        goal=f"goal {listings} (listing only)",
        ok=settled.requests == listings,
    )
    print(
        f"crawl_bench: crawler={crawler:.1f} req/s bare={bare:.1f} req/s ratio={crawler / bare:.2f} "
        f"polite_client={polite:.1f} req/s polite_ratio={polite / bare:.2f} "
        f"parse_share={share:.2f} rerun_requests={rerun.requests} rerun_settled_requests={settled.requests} "
        f"listing_pages={listings}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
