"""make bench: every speed and memory benchmark, each printing figures against a baseline measured in the
same run (ratios, never absolute timings checked by tests).

- crawl: crawler requests/s vs a bare httpx loop over the same URLs; requests of a no-change re-run
- pdf: pages/s of our PDF parse vs poppler's pdftotext; peak RSS over 2,000 parses
- extract: pages/s/core of parse + extract vs lxml parse only
- build: ×40 sample archive build vs bare pyarrow write; peak RSS
Each runs in its own process so one's memory does not count against another's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = ("crawl_bench", "pdf_bench", "extract_bench", "build_bench")


def main() -> int:
    failed = []
    for name in BENCHES:
        if not (ROOT / "bench" / f"{name}.py").exists():
            print(f"-- {name}: missing", flush=True)
            failed.append(name)
            continue
        print(f"\n-- {name}", flush=True)
        code = subprocess.call([sys.executable, "-m", f"bench.{name}"], cwd=ROOT)
        if code:
            failed.append(name)
    if failed:
        print(f"\nbenchmarks that did not finish: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
