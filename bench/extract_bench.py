"""Extraction speed: pages/s/core of the whole HTML path (decode, parse, every extractor) over the sample
decision pages, against only parsing the same bytes with lxml, in the same run. Goal: ≥ 200 pages/s/core.

Single process, so pages/s is pages/s/core.
"""

from __future__ import annotations

import sys
import time

import lxml.html

from bench._common import figure, require_samples, sample_pages
from pipeline.parse.html import parse_html
from pipeline.sources.mopac import parse_decision_page


def main(rounds: int = 5) -> int:
    if not require_samples():
        return 1
    pages = [data for path, data in sample_pages("decision") if "/robots" not in path]
    pages = [p for p in pages if b"Reference code" in p or b"Decision by" in p or b"Signed decision" in p]
    for data in pages:  # warm up (spaCy pipeline, regex caches)
        parse_decision_page(parse_html(data, "warmup"), require_anchors=False)
    n = len(pages) * rounds
    t0 = time.perf_counter()
    for _ in range(rounds):
        for data in pages:
            lxml.html.fromstring(data)
    lxml_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(rounds):
        for i, data in enumerate(pages):
            parse_decision_page(parse_html(data, f"page-{i}"), require_anchors=False)
    ours_s = time.perf_counter() - t0
    print(f"== extraction speed ({len(pages)} sample decision pages x {rounds} rounds, one core)")
    figure("lxml parse only", n / lxml_s, "pages/s")
    figure(
        "decode + parse + all extractors",
        n / ours_s,
        "pages/s/core",
        goal="goal >= 200",
        ok=n / ours_s >= 200,
    )
    figure("extraction / lxml-only", (n / ours_s) / (n / lxml_s), "x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
