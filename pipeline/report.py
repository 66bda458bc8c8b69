"""``decisions report``: what the archive and the runs look like, for the operator.

- coverage against the PCD number space (1..max): present, missing, gaps (an isolated hole between
  published decisions looks withdrawn; a long run looks uncrawled), duplicate numbers, and codes seen
  in listing pages but never fetched or never built;
- per-run counts from the raw store (fetched, not modified, ... and errors by reason);
- fields empty per template era (no date signed, no amounts, no recommendations, ...);
- PDFs that need OCR (no text layer).

The dataset (``data``) is required; the raw store is optional (without it the run and listing sections
are empty). The store is only read.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

import duckdb
from rich.console import Console
from rich.table import Table

from extractors.codes import decision_id as code_to_id
from pipeline.errors import BuildError, PipelineError, StoreError
from pipeline.query import connect
from pipeline.sources.mopac import parse_listing_page
from pipeline.store import Store
from pipeline.write import read_metadata

WITHDRAWN_GAP_MAX = 2  # a hole of at most this many numbers between published ones looks withdrawn
LIST_LIMIT = 50  # items listed per section in the terminal view (JSON has them all)
EMPTY_FIELDS = {  # column of the per-era table → SQL condition for "empty"
    "no_date_signed": "date_signed IS NULL",
    "no_amounts": "n_amounts = 0",
    "no_headline_amount": "headline_value IS NULL",
    "no_recommendations": "n_recommendations = 0",
    "no_pdf": "pdf_url IS NULL",
    "no_title": "title IS NULL",
    "no_decision_maker": "decision_maker IS NULL",
    "no_summary": "summary IS NULL",
}


class Gap(TypedDict):
    first: int
    last: int
    length: int
    kind: str  # "withdrawn_looking" (short hole), "range" (long run), "listed" (seen in a listing, not built)


class Duplicate(TypedDict):
    number: int
    decision_ids: list[str]


class Listed(TypedDict):
    code: str
    url: str


class Coverage(TypedDict):
    code_type: str
    max_number: int | None
    present: int
    missing: int
    gaps: list[Gap]
    duplicates: list[Duplicate]
    listed_codes: int | None  # distinct codes seen in stored listing pages (None: no store)
    listed_not_fetched: list[Listed] | None  # listed, but no decision page in the store
    listed_not_built: list[Listed] | None  # page stored, but no decision row has the code
    unreadable_listings: int | None
    decisions_by_code_type: dict[str, int]


class Run(TypedDict):
    id: int
    started: str
    finished: str | None
    counts: dict[str, int]
    errors_by_reason: dict[str, int]


class EraFields(TypedDict):
    era: str
    decisions: int
    empty: dict[str, int]


class OcrPdf(TypedDict):
    url: str
    sha256: str | None
    decision_id: str | None
    pages: int | None


class DatasetInfo(TypedDict):
    path: str
    schema_version: str | None
    built_at: str | None
    source_base_url: str | None
    row_counts: dict[str, int]
    errors_by_reason: dict[str, int]


class Report(TypedDict):
    generated_at: str
    store: str | None
    dataset: DatasetInfo
    coverage: Coverage
    runs: list[Run]
    empty_fields_by_era: list[EraFields]
    needs_ocr: list[OcrPdf]


def gaps(present: AbstractSet[int], top: int, listed: AbstractSet[int] = frozenset()) -> list[Gap]:
    """Runs of numbers in 1..top missing from ``present`` (split where listing status changes), with kinds.

    >>> [(g["first"], g["last"], g["kind"]) for g in gaps({1, 2, 4, 9}, 10, listed={6, 10})]
    ... # doctest: +NORMALIZE_WHITESPACE
    [(3, 3, 'withdrawn_looking'), (5, 5, 'withdrawn_looking'), (6, 6, 'listed'),
     (7, 8, 'withdrawn_looking'), (10, 10, 'listed')]
    """
    out: list[Gap] = []
    n = 1
    while n <= top:
        if n in present:
            n += 1
            continue
        first, was_listed = n, n in listed
        while n <= top and n not in present and (n in listed) == was_listed:
            n += 1
        last = n - 1
        length = last - first + 1
        if was_listed:
            kind = "listed"
        elif length <= WITHDRAWN_GAP_MAX and last < top:
            kind = "withdrawn_looking"
        else:
            kind = "range"
        out.append({"first": first, "last": last, "length": length, "kind": kind})
    return out


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else None


def _listed(store: Store) -> tuple[dict[str, str], int]:
    """Every code seen in any stored listing page version (code → decision page URL), and unreadable pages."""
    codes: dict[str, str] = {}
    unreadable = 0
    for version in store.versions():
        if version.role != "listing":
            continue
        try:
            page = parse_listing_page(store.read_blob(version.sha256), version.url)
        except PipelineError:
            unreadable += 1
            continue
        for entry in page.entries:
            if entry.reference_code:
                codes.setdefault(entry.reference_code, entry.url)
    return codes, unreadable


def _pcd_number(code: str) -> int | None:
    parts = code.split()
    return int(parts[1]) if len(parts) == 2 and parts[0] == "PCD" and parts[1].isdigit() else None


def build_report(store: Path | None, data: Path) -> Report:
    """Coverage, runs, empty fields and OCR needs of the dataset in ``data`` (and the raw store, if given)."""
    data = Path(data)
    con = connect(data)
    try:
        return _build(con, data, Path(store) if store is not None else None)
    except duckdb.Error as exc:
        raise BuildError(f"{data}: could not read the dataset for the report ({exc}); rebuild it") from exc
    finally:
        con.close()


def _build(con: duckdb.DuckDBPyConnection, data: Path, store_path: Path | None) -> Report:
    decisions = con.execute(
        "SELECT decision_id, reference_code, code_type, code_number FROM decisions ORDER BY decision_id"
    ).fetchall()
    by_number: dict[int, list[str]] = defaultdict(list)
    built_codes = {str(code) for _did, code, _t, _n in decisions if code}
    built_ids = {str(did) for did, *_ in decisions}
    for did, _code, ctype, number in decisions:
        if ctype == "PCD" and number is not None:
            by_number[int(number)].append(str(did))

    runs: list[Run] = []
    listed: dict[str, str] | None = None
    unreadable: int | None = None
    fetched_pages: set[str] = set()
    if store_path is not None:
        if not (store_path / "state.sqlite").exists():
            raise StoreError(
                f"{store_path}: no raw store here; run `decisions crawl --store {store_path}` first"
            )
        with Store(store_path, fsync=False) as st:
            for run in st.runs():
                reasons = Counter(e.reason for e in st.errors(run.id))
                runs.append(
                    {
                        "id": run.id,
                        "started": _iso(run.started) or "",
                        "finished": _iso(run.finished),
                        "counts": dict(run.counts),
                        "errors_by_reason": dict(sorted(reasons.items())),
                    }
                )
            listed, unreadable = _listed(st)
            fetched_pages = {v.url for v in st.latest_versions("decision")}

    listed_numbers = {n for n in (_pcd_number(c) for c in listed or {}) if n is not None}
    present = set(by_number)
    top = max(present | listed_numbers, default=0)
    holes = gaps(present, top, listed_numbers)
    not_fetched: list[Listed] | None = None
    not_built: list[Listed] | None = None
    if listed is not None:
        pending = sorted(
            ((c, u) for c, u in listed.items() if c not in built_codes and code_to_id(c) not in built_ids),
            key=lambda cu: code_to_id(cu[0]),
        )
        not_fetched = [{"code": c, "url": u} for c, u in pending if u not in fetched_pages]
        not_built = [{"code": c, "url": u} for c, u in pending if u in fetched_pages]
    code_types = Counter(str(ctype or "none") for _d, _c, ctype, _n in decisions)
    coverage: Coverage = {
        "code_type": "PCD",
        "max_number": top or None,
        "present": len(present),
        "missing": sum(g["length"] for g in holes),
        "gaps": holes,
        "duplicates": [
            {"number": n, "decision_ids": ids} for n, ids in sorted(by_number.items()) if len(ids) > 1
        ],
        "listed_codes": len(listed) if listed is not None else None,
        "listed_not_fetched": not_fetched,
        "listed_not_built": not_built,
        "unreadable_listings": unreadable,
        "decisions_by_code_type": dict(sorted(code_types.items())),
    }

    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "store": str(store_path) if store_path is not None else None,
        "dataset": _dataset(con, data),
        "coverage": coverage,
        "runs": runs,
        "empty_fields_by_era": _empty_fields(con),
        "needs_ocr": _needs_ocr(con),
    }


def _dataset(con: duckdb.DuckDBPyConnection, data: Path) -> DatasetInfo:
    meta = read_metadata(data / "decisions.parquet")
    reasons = con.execute("SELECT reason, count(*) FROM errors GROUP BY reason ORDER BY reason").fetchall()
    return {
        "path": str(data),
        "schema_version": meta.get("schema_version"),
        "built_at": meta.get("built_at"),
        "source_base_url": meta.get("source_base_url"),
        "row_counts": {k: int(v) for k, v in json.loads(meta.get("row_counts", "{}")).items()},
        "errors_by_reason": {str(r): int(n) for r, n in reasons},
    }


def _empty_fields(con: duckdb.DuckDBPyConnection) -> list[EraFields]:
    counts = ", ".join(f"count(*) FILTER (WHERE {cond})" for cond in EMPTY_FIELDS.values())
    rows = con.execute(
        f"SELECT coalesce(era, 'unknown'), count(*), {counts} FROM decisions GROUP BY 1 ORDER BY 1"
    ).fetchall()
    return [
        {
            "era": str(r[0]),
            "decisions": int(r[1]),
            "empty": dict(zip(EMPTY_FIELDS, map(int, r[2:]), strict=True)),
        }
        for r in rows
    ]


def _needs_ocr(con: duckdb.DuckDBPyConnection) -> list[OcrPdf]:
    rows = con.execute(
        """SELECT url, sha256, max(decision_id), max(pages) FROM (
               SELECT d.url, d.sha256, d.decision_id, d.pages FROM documents d
               WHERE d.parse_status = 'needs_ocr'
               UNION ALL
               SELECT e.url, e.sha256, coalesce(e.decision_id, d.decision_id), d.pages
               FROM errors e LEFT JOIN documents d ON d.url = e.url AND d.sha256 = e.sha256
               WHERE e.reason = 'needs_ocr' AND e.url IS NOT NULL)
           GROUP BY url, sha256 ORDER BY url, sha256"""
    ).fetchall()
    return [
        {"url": str(u), "sha256": s, "decision_id": d, "pages": int(p) if p is not None else None}
        for u, s, d, p in rows
    ]


def to_json(report: Report) -> str:
    """The report as indented JSON (what ``decisions report --json`` prints)."""
    return json.dumps(report, indent=2, ensure_ascii=False)


# -- terminal view ----------------------------------------------------------------------------------
def _more(n: int) -> str:
    return f"… and {n - LIST_LIMIT} more (see --json)" if n > LIST_LIMIT else ""


def _short_time(iso: str) -> str:
    """``2026-11-01T09:00:00+00:00`` → ``2026-11-01 09:00Z`` (report times are UTC).

    >>> _short_time("2026-11-01T09:00:00+00:00")
    '2026-11-01 09:00Z'
    """
    return iso[:16].replace("T", " ") + "Z" if len(iso) >= 16 else iso


def render_report(report: Report, console: Console) -> None:
    """The report as rich tables on ``console``."""
    ds = report["dataset"]
    console.print(f"[bold]Dataset[/bold] {ds['path']}", highlight=False)
    console.print(
        f"schema {ds['schema_version']} · built {ds['built_at']} · source {ds['source_base_url']} · "
        + ", ".join(f"{k} {v}" for k, v in ds["row_counts"].items()),
        highlight=False,
        markup=False,
    )

    cov = report["coverage"]
    console.rule("Coverage (PCD 1..max)")
    table = Table(show_header=False, show_edge=False)
    gap_kinds = Counter(g["kind"] for g in cov["gaps"])
    for label, value in (
        ("highest number", cov["max_number"]),
        ("present", cov["present"]),
        ("missing", cov["missing"]),
        (
            "gaps",
            f"{len(cov['gaps'])} ({', '.join(f'{k} {n}' for k, n in sorted(gap_kinds.items())) or 'none'})",
        ),
        ("duplicate numbers", len(cov["duplicates"])),
        ("codes in listings", "no store given" if cov["listed_codes"] is None else cov["listed_codes"]),
        ("listed, not fetched", "-" if cov["listed_not_fetched"] is None else len(cov["listed_not_fetched"])),
        ("fetched, not built", "-" if cov["listed_not_built"] is None else len(cov["listed_not_built"])),
        (
            "unreadable listing pages",
            "-" if cov["unreadable_listings"] is None else cov["unreadable_listings"],
        ),
        ("decisions by code type", ", ".join(f"{k} {v}" for k, v in cov["decisions_by_code_type"].items())),
    ):
        table.add_row(label, str(value))
    console.print(table)
    if cov["gaps"]:
        shown = [
            (f"PCD {g['first']}" if g["length"] == 1 else f"PCD {g['first']}-{g['last']}") + f" ({g['kind']})"
            for g in cov["gaps"][:LIST_LIMIT]
        ]
        console.print(
            "gaps: " + ", ".join(shown) + " " + _more(len(cov["gaps"])), highlight=False, markup=False
        )
    for dup in cov["duplicates"][:LIST_LIMIT]:
        console.print(f"duplicate PCD {dup['number']}: {', '.join(dup['decision_ids'])}", markup=False)
    for title, items in (
        ("listed, not fetched", cov["listed_not_fetched"]),
        ("fetched, not built", cov["listed_not_built"]),
    ):
        for item in (items or [])[:LIST_LIMIT]:
            console.print(f"{title}: {item['code']} {item['url']}", highlight=False, markup=False)
        if items and len(items) > LIST_LIMIT:
            console.print(_more(len(items)), markup=False)

    console.rule("Runs")
    if not report["runs"]:
        console.print("no store given" if report["store"] is None else "no runs recorded")
    else:
        # fetched and not_modified always; other outcomes only where some run had any
        seen = {k for r in report["runs"] for k, v in r["counts"].items() if v}
        outcomes = ["fetched", "not_modified", *sorted(seen - {"fetched", "not_modified"})]
        runs = Table(show_edge=False)
        for col in ("run", "started", "finished", *outcomes, "errors by reason"):
            runs.add_column(col, overflow="fold")
        for r in report["runs"]:
            runs.add_row(
                str(r["id"]),
                _short_time(r["started"]),
                _short_time(r["finished"]) if r["finished"] else "unfinished",
                *(str(r["counts"].get(o, 0)) for o in outcomes),
                ", ".join(f"{k} {v}" for k, v in r["errors_by_reason"].items()) or "-",
            )
        console.print(runs)

    console.rule("Fields empty per era")
    eras = Table(show_edge=False)
    eras.add_column("era")
    eras.add_column("decisions", justify="right")
    for name in EMPTY_FIELDS:
        eras.add_column(name.replace("_", " "), justify="right")
    for e in report["empty_fields_by_era"]:
        eras.add_row(e["era"], str(e["decisions"]), *(str(e["empty"][k]) for k in EMPTY_FIELDS))
    console.print(eras)

    console.rule(f"PDFs needing OCR ({len(report['needs_ocr'])})")
    for pdf in report["needs_ocr"][:LIST_LIMIT]:
        pages = f"{pdf['pages']} pages" if pdf["pages"] else "pages unknown"
        console.print(f"{pdf['decision_id'] or '-'}  {pdf['url']}  ({pages})", highlight=False, markup=False)
    if len(report["needs_ocr"]) > LIST_LIMIT:
        console.print(_more(len(report["needs_ocr"])), markup=False)
    if ds["errors_by_reason"]:
        console.rule("Errors in the dataset by reason")
        console.print(", ".join(f"{k} {v}" for k, v in ds["errors_by_reason"].items()), markup=False)
