"""make bench-accuracy: per-field precision/recall/F1 of `decisions extract` against hand-made truth.

Truth sets: the real pages of ../shared/corpus/dev (skipped cleanly when ../shared is absent),
samples/truth (what the sample generator knows it wrote), and the probe sets under samples/probe* (see
PROBES) written and annotated by someone who had not read the extractors. All are scored by
../shared/corpus/score.py, the scorer that also judges the held-out pages; where ../shared is absent there
is nothing to score with.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.extract import extract_path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DECISIONS_SHARED", ROOT.parent / "shared"))
# Probe sets: pages written and annotated (per ../shared/corpus/ANNOTATION.md) by someone who had not read
# the extractors, each aimed at what the dev pages show too little of.
PROBES = (
    ("probe", "complete documents with tables and milestones"),
    ("probe2", "short cut-off pages of every era, and listing pages"),
    ("probe3", "edge variants of money, codes, names and numbering"),
    ("probe4", "complete documents stressing tables and milestones"),
    ("probe5", "complete documents: budget monitoring, borough grants, variations"),
    ("probe6", "HTML pages in four very different markups that read the same"),
    ("probe7", "short pages and listings, messier labels and numbering"),
    ("probe8", "signed-decision PDFs in layouts the samples do not use"),
    ("probe9", "complete documents as messy as pages copied from Word"),
    ("probe10", "short pages dense with money in prose"),
    ("probe11", "recommendation sections in every shape"),
    ("probe12", "headers (code, title, decision maker) and listing pages"),
    ("probe13", "complete pages of the 2013-2020 template"),
    ("probe14", "a realistic mix of 2022+ pages"),
    ("probe15", "signed-decision PDFs of every era, second round"),
)


def corpus_inputs(truth_dir: Path) -> list[tuple[str, Path]]:
    """The corpus form: <slug>.txt (or a saved .html / .pdf) beside <slug>.truth.json."""
    out = []
    for truth in sorted(truth_dir.glob("*.truth.json")):
        slug = truth.name[: -len(".truth.json")]
        page = next(
            (p for ext in (".txt", ".html", ".pdf") if (p := truth_dir / f"{slug}{ext}").exists()), None
        )
        if page is not None:
            out.append((slug, page))
    return out


def sample_inputs(truth_dir: Path, site: Path) -> list[tuple[str, Path]]:
    """The sample archive: index.tsv maps each slug to a URL path, the manifest maps that to a file."""
    manifest = json.loads((site / "manifest.json").read_text())
    out = []
    for line in (truth_dir / "index.tsv").read_text().splitlines()[1:]:
        slug, _kind, path = line.split("\t")[:3]
        entry = manifest.get(path, {})
        if entry.get("file") and (truth_dir / f"{slug}.truth.json").exists():
            out.append((slug, site / entry["file"]))
    return out


def score(name: str, truth_dir: Path, inputs: list[tuple[str, Path]], scorer: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for slug, page in inputs:
            try:
                record = extract_path(page)
            except PipelineError as exc:
                record = {"error": exc.reason}
            (Path(tmp) / f"{slug}.json").write_text(json.dumps(record, ensure_ascii=False))
        print(f"\n== {name}: {truth_dir}", flush=True)
        subprocess.run([sys.executable, str(scorer), str(truth_dir), tmp, *sys.argv[1:]], check=False)


def main() -> int:
    scorer = SHARED / "corpus" / "score.py"
    if not scorer.exists():
        print(f"skipped: {scorer} not found (set DECISIONS_SHARED to the shared/ folder to score)")
        return 0
    dev = SHARED / "corpus" / "dev"
    if dev.is_dir():
        score("real pages (dev)", dev, corpus_inputs(dev), scorer)
    samples_truth = ROOT / "samples" / "truth"
    if (samples_truth / "index.tsv").exists():
        score(
            "sample archive", samples_truth, sample_inputs(samples_truth, ROOT / "samples" / "site"), scorer
        )
    for name, what in PROBES:
        probe_dir = ROOT / "samples" / name
        if probe_dir.is_dir():
            score(f"{what} ({name}, annotated independently)", probe_dir, corpus_inputs(probe_dir), scorer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
