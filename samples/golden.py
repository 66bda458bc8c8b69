"""make golden: regenerate samples/expected/<decision_id>.json from a real crawl + build of samples/site.

Serves the sample archive on a loopback port, crawls it into a temporary store, builds the dataset, and
writes one JSON record per decision (the decision row and its child rows, volatile columns dropped,
URLs root-relative). Review `git diff samples/expected` before committing: a changed golden file is a
changed output.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "samples" / "site"
EXPECTED = ROOT / "samples" / "expected"


def build_samples(workdir: Path) -> tuple[Path, str]:
    """Crawl and build the sample archive in ``workdir``; returns the dataset dir and the base URL used."""
    from pipeline.build import build_dataset
    from pipeline.crawl import crawl
    from pipeline.serve import serve
    from pipeline.settings import load
    from pipeline.store import Store

    with serve(SITE) as server:
        settings = load({}, base_url=server.url, rate=0.0, backoff_base=0.01, retries=2)
        with Store(workdir / "store") as store:
            crawl(settings, store, progress=False)
        build_dataset(workdir / "store", workdir / "out", settings)
        return workdir / "out", server.url


def main() -> int:
    from pipeline.query import decision_records

    with tempfile.TemporaryDirectory() as tmp:
        out, base_url = build_samples(Path(tmp))
        records = decision_records(out, base_url=base_url)
    shutil.rmtree(EXPECTED, ignore_errors=True)
    EXPECTED.mkdir(parents=True)
    for did, record in sorted(records.items()):
        (EXPECTED / f"{did}.json").write_text(
            json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )
    print(f"wrote {len(records)} golden records to {EXPECTED}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
