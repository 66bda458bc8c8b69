"""Build at scale: the sample archive's raw store copied ×40 under new reference codes, built into Parquet,
against writing the same rows with a bare ``pyarrow.parquet.write_table`` in the same run. Peak RSS < 400 MB.

The copies are real store entries (new URLs, new bytes with renumbered codes, the same PDFs linked), so
the build parses, extracts and reconciles every one of them.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from bench._common import SITE, figure, peak_rss_mb, require_samples
from pipeline.build import build_dataset, build_rows
from pipeline.crawl import crawl
from pipeline.serve import serve
from pipeline.settings import load
from pipeline.store import Store
from schemas.tables import TABLES, to_table

COPIES = 40
_PCD = re.compile(rb"(?<![A-Z])PCD ?(\d+)")
_DMPCD = re.compile(rb"DMPCD ?(\d{4})([ /-]+)(\d+)")


def renumber(data: bytes, k: int) -> bytes:
    """The page with every PCD/DMPCD code moved into a number range no real decision uses."""
    data = _DMPCD.sub(lambda m: b"DMPCD %s%s%d" % (m[1], m[2], int(m[3]) + 1000 * k), data)
    return _PCD.sub(lambda m: b"PCD %d" % (int(m[1]) + 10000 * k), data)


def scale_store(store: Store, copies: int) -> int:
    """Add ``copies - 1`` renumbered copies of every decision page (and its PDFs) to ``store``."""
    pages = store.latest_versions("decision")
    docs = store.latest_versions("document")
    added = 0
    with store.transaction():
        for k in range(1, copies):
            for v in pages:
                data = renumber(store.read_blob(v.sha256), k)
                sha = store.put_blob(data)
                url = f"{v.url}-copy-{k}"
                store.record_body(
                    url=url,
                    sha256=sha,
                    size=len(data),
                    content_type=v.content_type,
                    status=v.status,
                    role="decision",
                    etag=None,
                    last_modified=None,
                    parent_url=v.parent_url,
                    link_text=v.link_text,
                    reference_code=None,
                )
                for d in docs:
                    if d.parent_url == v.url:
                        store.record_body(
                            url=f"{d.url}?copy={k}",
                            sha256=d.sha256,
                            size=d.size,
                            content_type=d.content_type,
                            status=d.status,
                            role="document",
                            etag=None,
                            last_modified=None,
                            parent_url=url,
                            link_text=d.link_text,
                            reference_code=None,
                        )
                added += 1
    return added


def main() -> int:
    if not require_samples():
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with serve(SITE) as server:
            settings = load({}, base_url=server.url, rate=0.0, backoff_base=0.01, retries=1)
            with Store(work / "store", fsync=False) as store:
                crawl(settings, store, progress=False)
        with Store(work / "store", fsync=False) as store:
            base = len(store.latest_versions("decision"))
            scale_store(store, COPIES)
            n = len(store.latest_versions("decision"))
        t0 = time.perf_counter()
        _rows, counts = build_dataset(work / "store", work / "out", settings)
        build_s = time.perf_counter() - t0
        rss_build = peak_rss_mb()
        with Store(work / "store", fsync=False) as store:
            rows = build_rows(store, settings).as_dict()
        t0 = time.perf_counter()
        for name in TABLES:
            pq.write_table(to_table(name, rows.get(name, [])), work / f"bare-{name}.parquet")
        write_s = time.perf_counter() - t0
    print(
        f"== build at scale: {base} sample decision pages x {COPIES} = {n} pages, "
        f"{sum(counts.values())} rows in {len(counts)} tables"
    )
    figure("decisions build (parse + extract + write)", build_s, "s")
    figure("bare pyarrow write_table of the same rows", write_s, "s")
    figure("build / bare write", build_s / write_s, "x")
    figure("build throughput", n / build_s, "pages/s")
    figure("peak RSS during the build", rss_build, "MB", goal="goal < 400", ok=rss_build < 400)
    return 0


if __name__ == "__main__":
    sys.exit(main())
