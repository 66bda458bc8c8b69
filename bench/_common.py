"""Shared bits of the benchmarks: where the sample archive is, peak RSS, and one way to print a figure."""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "samples" / "site"


def sample_pages(kind: str = "decision") -> list[tuple[str, bytes]]:
    """(manifest path, bytes) of the sample archive's HTML decision pages (``kind="decision"``) or PDFs."""
    manifest = json.loads((SITE / "manifest.json").read_text())
    out = []
    for path, entry in sorted(manifest.items()):
        file = entry.get("file")
        if not file or entry.get("status", 200) != 200:
            continue
        html = entry.get("content_type", "").startswith("text/html") and "page=" not in path
        if (kind == "pdf" and file.endswith(".pdf")) or (kind == "decision" and html):
            out.append((path, (SITE / file).read_bytes()))
    return out


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def figure(name: str, value: float, unit: str, *, goal: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  BELOW GOAL")
    print(f"{name:<52} {value:>12.2f} {unit:<12} {goal}{mark}", flush=True)


def require_samples() -> bool:
    if not (SITE / "manifest.json").exists():
        print("samples/site/manifest.json missing: run `make samples` first", file=sys.stderr)
        return False
    return True
