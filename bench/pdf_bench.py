"""PDF speed and memory: pages/s of our whole PDF parse against poppler's ``pdftotext`` on the same PDFs
in the same run (goal ≥ 0.25×), and peak RSS over 2,000 PDF parses (goal < 400 MB).

"Our whole parse" is what the build does with a signed PDF: ``parse_pdf`` (text layer, headings, lists,
running headers, two-column order, ruled and unruled tables stitched across pages) then the signature
block and the table lines. ``pdftotext`` runs once per file, as a tool would run it, so its figure
includes starting a process per PDF; the PDFs include a long one so that start-up does not dominate.

The PDFs: the sample archive's PDFs when ``samples/site`` has them, the readable test fixtures, and two
longer decision forms generated here with the fixtures' own reportlab story (12 and 40 pages).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from bench._common import ROOT, SITE, figure, peak_rss_mb, sample_pages
from extractors.signature import read_signature
from extractors.table_lines import find_table_lines
from pipeline.errors import PipelineError
from pipeline.parse.pdf import parse_pdf

FIXTURES = ROOT / "tests" / "parse" / "fixtures"
READABLE = ("decision_form", "two_column", "bracket_negative_split", "framed_signature_box")
SPEED_GOAL = 0.25  # × pdftotext pages/s
RSS_GOAL_MB = 400.0


def _long_form(path: Path, copies: int) -> None:
    """A decision form ``copies`` times over, as one PDF with running headers and page numbers."""
    sys.path.insert(0, str(ROOT))
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak

    from tests.parse.make_fixtures import _header_footer, _TwoPass, decision_form_story

    def story() -> list[object]:
        out: list[object] = []
        for _ in range(copies):
            out += [*decision_form_story(), PageBreak()]
        return out

    doc = _TwoPass(
        str(path), pagesize=A4, invariant=1, title="bench", topMargin=22 * mm, bottomMargin=20 * mm
    )
    doc.build_counted(story, _header_footer("PCD 9999"))


def corpus(tmp: Path) -> list[tuple[str, Path]]:
    """(name, path) of every PDF the benchmark reads."""
    out: list[tuple[str, Path]] = []
    if (SITE / "manifest.json").exists():
        for i, (name, data) in enumerate(sample_pages("pdf")):
            path = tmp / f"sample-{i}.pdf"
            path.write_bytes(data)
            out.append((name, path))
    out += [(name, FIXTURES / f"{name}.pdf") for name in READABLE if (FIXTURES / f"{name}.pdf").exists()]
    for copies in (3, 10):
        path = tmp / f"long-{copies}.pdf"
        _long_form(path, copies)
        out.append((path.name, path))
    return out


def whole_parse(data: bytes, name: str) -> int:
    """Our parse of one PDF as the build does it; returns its page count (0 if unreadable)."""
    try:
        doc = parse_pdf(data, name)
    except PipelineError:
        return 0
    read_signature(doc.text)
    find_table_lines(doc)
    return doc.pages


@dataclass(frozen=True)
class Speed:
    """Pages/s of both sides, by the wall clock and by CPU time (other load on the machine skews the
    wall clock; CPU time counts only the work each side did)."""

    pages: int
    ours: float
    theirs: float
    ours_cpu: float
    theirs_cpu: float


def _children_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


def speed(pdfs: list[tuple[str, Path]], rounds: int, pdftotext: str) -> Speed:
    blobs = [(name, path.read_bytes()) for name, path in pdfs]
    pages = sum(whole_parse(data, name) for name, data in blobs)  # warm up, and count readable pages
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for name, data in blobs:
            whole_parse(data, name)
    ours, ours_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), _children_cpu()
    for _ in range(rounds):
        for _name, path in pdfs:
            subprocess.run([pdftotext, "-q", str(path), "-"], stdout=subprocess.DEVNULL, check=False)
    theirs, theirs_cpu = time.perf_counter() - wall, _children_cpu() - cpu
    n = pages * rounds
    return Speed(pages, n / ours, n / theirs, n / ours_cpu, n / max(theirs_cpu, 1e-9))


def _report(label: str, got: Speed, goal: bool) -> None:
    ratio = got.ours / got.theirs
    figure(f"pdftotext (poppler), a process per PDF{label}", got.theirs, "pages/s")
    figure(f"our whole parse{label}", got.ours, "pages/s")
    figure(
        f"ours / pdftotext{label}",
        ratio,
        "x",
        goal=f"goal >= {SPEED_GOAL}" if goal else "",
        ok=ratio >= SPEED_GOAL if goal else None,
    )
    figure(f"ours / pdftotext by CPU time{label}", got.ours_cpu / got.theirs_cpu, "x")


def memory(pdfs: list[tuple[str, Path]], parses: int) -> tuple[float, float, float]:
    """RSS (MB) after the first 10% of the parses and at the end, and the process's peak."""
    blobs = [(name, path.read_bytes()) for name, path in pdfs]
    proc = psutil.Process()
    early = 0.0
    for i in range(parses):
        name, data = blobs[i % len(blobs)]
        whole_parse(data, name)
        if i + 1 == max(1, parses // 10):
            gc.collect()
            early = proc.memory_info().rss / 2**20
    gc.collect()
    return early, proc.memory_info().rss / 2**20, peak_rss_mb()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the PDFs for the speed figure")
    parser.add_argument("--parses", type=int, default=2000, help="PDF parses for the memory figure")
    args = parser.parse_args(argv)
    pdftotext = shutil.which("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = corpus(Path(tmp))
        print(f"== PDF parse ({len(pdfs)} PDFs x {args.rounds} rounds, one core)", flush=True)
        if pdftotext is None:
            print("pdftotext not found: install poppler-utils (make system-deps)", file=sys.stderr)
            return 1
        whole = speed(pdfs, args.rounds, pdftotext)
        figure("pages read per round", whole.pages, "pages")
        _report("", whole, goal=True)
        longest = [max(pdfs, key=lambda p: p[1].stat().st_size)]
        alone = speed(longest, args.rounds, pdftotext)
        print(f"== the longest PDF alone ({alone.pages} pages: pdftotext's process start matters least)")
        _report(", longest", alone, goal=False)
        early, late, peak = memory(pdfs, args.parses)
        print(f"== memory ({args.parses} PDF parses, the {len(pdfs)} PDFs reused)", flush=True)
        figure(f"RSS after {max(1, args.parses // 10)} parses", early, "MB")
        figure(f"RSS after {args.parses} parses", late, "MB")
        peak = max(peak, early, late)  # getrusage and psutil round differently; report the larger
        figure("peak RSS", peak, "MB", goal=f"goal < {RSS_GOAL_MB:g}", ok=peak < RSS_GOAL_MB)
    return 0


if __name__ == "__main__":
    sys.exit(main())
