"""``decisions report``: coverage, runs, empty fields and OCR needs, from a real raw store and a real dataset.

The store is written through :class:`pipeline.store.Store` (blobs, versions, runs, errors) and the dataset
through :func:`pipeline.write.write_dataset`; listing pages are built by the crawl tests' site generator.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console

from pipeline.errors import BuildError, StoreError
from pipeline.report import build_report, gaps, render_report, to_json
from pipeline.store import CrawlError, Store
from pipeline.write import write_dataset
from schemas.tables import DecisionRow, DocumentRow, ErrorRow
from schemas.values import pence
from tests.pipeline.conftest import Decision, listing_html

BASE = "http://127.0.0.1:9"
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def decision(
    number: int,
    *,
    era: str | None,
    signed: date | None = date(2022, 5, 1),
    did: str | None = None,
    n_amounts: int = 1,
    n_recs: int = 1,
    code_type: str = "PCD",
) -> DecisionRow:
    code = f"{code_type} {number}"
    value = Decimal("1000.00") if n_amounts else None
    return DecisionRow(
        decision_id=did or code.lower().replace(" ", "-"),
        reference_code=code,
        code_type=code_type,
        code_number=number,
        code_source="key_info",
        title=f"Decision {number}",
        title_source="html",
        decision_maker=None,
        decision_maker_role=None,
        date_signed=signed,
        date_signed_source="html" if signed else None,
        date_published=None,
        summary=None,
        url=f"{BASE}/pcd-{number}",
        pdf_url=None,
        era=era,
        part2=False,
        n_recommendations=n_recs,
        n_amounts=n_amounts,
        headline_value=value,
        headline_value_pence=pence(value) if value else None,
        html_sha256=None,
        pdf_sha256=None,
        first_seen=T0,
        last_seen=T0,
        conflicts=[],
        flags=[],
        confidence=1.0,
    )


def document(url: str, sha: str, status: str, *, did: str | None, pages: int | None) -> DocumentRow:
    return DocumentRow(
        document_id=sha[:16],
        decision_id=did,
        url=url,
        role="document",
        kind="pdf",
        link_kind="signed_decision",
        link_text=None,
        sha256=sha,
        bytes=100,
        content_type="application/pdf",
        pages=pages,
        first_seen=T0,
        last_seen=T0,
        parse_status=status,
        parse_reason="needs_ocr" if status == "needs_ocr" else None,
    )


def error(url: str, reason: str, sha: str | None = None) -> ErrorRow:
    return ErrorRow(
        error_id=f"{reason}-{url}",
        stage="parse",
        reason=reason,
        message=reason,
        url=url,
        decision_id=None,
        sha256=sha,
        status=None,
        when=T0,
    )


SCAN = f"{BASE}/files/pcd-4.pdf"
SCAN_SHA = "cd" * 32
ROWS: dict[str, list[object]] = {
    "decisions": [
        decision(1, era="2013-2020", signed=None, n_amounts=0),
        decision(2, era="2013-2020", n_recs=0),
        decision(4, era="2022+"),
        decision(5, era="2022+", n_amounts=0, n_recs=0),
        decision(5, era="2022+", did="url-0123456789ab"),  # the same code on a second page
        decision(9, era=None, signed=None),
        decision(12, era="2022+"),
        decision(2015, era="2013-2020", code_type="DMPCD", did="dmpcd-2015-132"),
    ],
    "documents": [
        document(SCAN, SCAN_SHA, "needs_ocr", did="pcd-4", pages=3),
        document(f"{BASE}/files/ok.pdf", "ee" * 32, "ok", did="pcd-2", pages=2),
    ],
    "errors": [
        error(SCAN, "needs_ocr", SCAN_SHA),
        error(f"{BASE}/files/scan2.pdf", "needs_ocr"),
        error(f"{BASE}/files/bad.pdf", "pdf_error"),
    ],
}


def listed(number: int) -> Decision:
    return Decision(
        number=number,
        title=f"Decision {number}",
        url=f"/pcd-{number}",
        code=f"PCD {number}",
        signed=date(2022, 5, 1),
        pdfs=(),
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "data"
    write_dataset(out, ROWS, base_url=BASE, built_at=T1)
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report") / "store"
    with Store(root, fsync=False) as st:
        run1 = st.start_run({"base_url": BASE}, now=T0)
        pages = [
            listing_html([listed(n) for n in (12, 10, 9)], 1, 6),
            listing_html([listed(n) for n in (3, 2, 1)], 4, 6),
        ]
        for i, body in enumerate(pages):
            sha = st.put_blob(body)
            st.record_body(
                url=f"{BASE}/mopac-decisions?page={i}",
                sha256=sha,
                size=len(body),
                content_type="text/html",
                status=200,
                role="listing",
                etag=None,
                last_modified=None,
                now=T0,
            )
        for n in (1, 2, 3, 9, 12):  # PCD 10 was listed but never fetched; PCD 3 fetched but not built
            sha = st.put_blob(f"page {n}".encode())
            st.record_body(
                url=f"{BASE}/pcd-{n}",
                sha256=sha,
                size=6,
                content_type="text/html",
                status=200,
                role="decision",
                etag=None,
                last_modified=None,
                now=T0,
            )
        st.record_failure(
            CrawlError(f"{BASE}/pcd-10", "http_error", "503", 503, "decision", None, T0),
            outcome="http_error",
            run_id=run1,
        )
        st.record_failure(
            CrawlError(f"{BASE}/x.pdf", "timeout", "slow", None, "document", None, T0),
            outcome="fetch_error",
            run_id=run1,
        )
        st.record_failure(
            CrawlError(f"{BASE}/y.pdf", "timeout", "slow", None, "document", None, T0),
            outcome="fetch_error",
            run_id=run1,
        )
        st.finish_run(run1, {"fetched": 7, "not_modified": 0, "http_error": 1, "fetch_error": 2}, now=T0)
        run2 = st.start_run({"base_url": BASE}, now=T1)
        st.finish_run(run2, {"fetched": 1, "not_modified": 6}, now=T1)
        st.start_run({"base_url": BASE}, now=T1)  # killed: never finished
    return root


@pytest.fixture(scope="module")
def report(store: Path, data: Path) -> dict[str, object]:
    return dict(build_report(store, data))


# -- coverage ---------------------------------------------------------------------------------------
def test_coverage_of_the_pcd_number_space(report: dict[str, object]) -> None:
    cov = report["coverage"]
    assert isinstance(cov, dict)
    assert (cov["max_number"], cov["present"], cov["missing"]) == (12, 6, 6)
    assert [(g["first"], g["last"], g["kind"]) for g in cov["gaps"]] == [
        (3, 3, "listed"),
        (6, 8, "range"),
        (10, 10, "listed"),
        (11, 11, "withdrawn_looking"),
    ]
    assert cov["duplicates"] == [{"number": 5, "decision_ids": ["pcd-5", "url-0123456789ab"]}]
    assert cov["decisions_by_code_type"] == {"DMPCD": 1, "PCD": 7}


def test_codes_seen_in_listings_but_not_fetched_or_not_built(report: dict[str, object]) -> None:
    cov = report["coverage"]
    assert isinstance(cov, dict)
    assert cov["listed_codes"] == 6 and cov["unreadable_listings"] == 0
    assert cov["listed_not_fetched"] == [{"code": "PCD 10", "url": f"{BASE}/pcd-10"}]
    assert cov["listed_not_built"] == [{"code": "PCD 3", "url": f"{BASE}/pcd-3"}]


# -- runs, empty fields, OCR ------------------------------------------------------------------------
def test_per_run_counts_and_errors_by_reason(report: dict[str, object]) -> None:
    runs = report["runs"]
    assert isinstance(runs, list)
    assert [
        (r["id"], r["counts"].get("fetched"), r["counts"].get("not_modified"), r["errors_by_reason"])
        for r in runs
    ] == [(1, 7, 0, {"http_error": 1, "timeout": 2}), (2, 1, 6, {}), (3, None, None, {})]
    assert runs[0]["started"] == "2026-11-01T09:00:00+00:00" and runs[2]["finished"] is None


def test_fields_empty_per_era(report: dict[str, object]) -> None:
    eras = {e["era"]: e for e in report["empty_fields_by_era"]}  # type: ignore[attr-defined]
    assert list(eras) == ["2013-2020", "2022+", "unknown"]
    old, new, unknown = eras["2013-2020"], eras["2022+"], eras["unknown"]
    assert old["decisions"] == 3 and old["empty"]["no_date_signed"] == 1 and old["empty"]["no_amounts"] == 1
    assert old["empty"]["no_recommendations"] == 1 and old["empty"]["no_pdf"] == 3
    assert (
        new["decisions"] == 4 and new["empty"]["no_amounts"] == 1 and new["empty"]["no_recommendations"] == 1
    )
    assert new["empty"]["no_date_signed"] == 0 and new["empty"]["no_headline_amount"] == 1
    assert unknown["decisions"] == 1 and unknown["empty"]["no_date_signed"] == 1


def test_pdfs_needing_ocr_are_listed_once(report: dict[str, object]) -> None:
    assert report["needs_ocr"] == [
        {"url": SCAN, "sha256": SCAN_SHA, "decision_id": "pcd-4", "pages": 3},
        {"url": f"{BASE}/files/scan2.pdf", "sha256": None, "decision_id": None, "pages": None},
    ]


def test_dataset_section_comes_from_parquet_metadata(report: dict[str, object]) -> None:
    ds = report["dataset"]
    assert isinstance(ds, dict)
    assert ds["built_at"] == T1.isoformat() and ds["source_base_url"] == BASE and ds["schema_version"]
    assert ds["row_counts"]["decisions"] == 8
    assert ds["errors_by_reason"] == {"needs_ocr": 2, "pdf_error": 1}


# -- without a store, bad paths, output -------------------------------------------------------------
def test_without_a_store_only_the_dataset_sections_are_filled(data: Path) -> None:
    r = build_report(None, data)
    assert r["runs"] == [] and r["store"] is None
    assert r["coverage"]["listed_codes"] is None and r["coverage"]["listed_not_fetched"] is None
    assert r["coverage"]["max_number"] == 12
    assert [(g["first"], g["kind"]) for g in r["coverage"]["gaps"]] == [
        (3, "withdrawn_looking"),
        (6, "range"),
        (10, "withdrawn_looking"),
    ]


def test_a_missing_store_or_dataset_is_a_clear_error(tmp_path: Path, data: Path) -> None:
    with pytest.raises(StoreError, match="no raw store here"):
        build_report(tmp_path / "nowhere", data)
    assert not (tmp_path / "nowhere").exists()  # the report never creates a store
    with pytest.raises(BuildError, match="no dataset here"):
        build_report(None, tmp_path)


def test_json_round_trips(report: dict[str, object]) -> None:
    assert json.loads(to_json(report)) == report  # type: ignore[arg-type]


def test_terminal_view(report: dict[str, object]) -> None:
    console = Console(record=True, width=200, color_system=None)
    render_report(report, console)  # type: ignore[arg-type]
    text = console.export_text()
    for expected in (
        "Coverage (PCD 1..max)",
        "highest number",
        "PCD 3 (listed)",
        "PCD 6-8 (range)",
        "PCD 11 (withdrawn_looking)",
        "duplicate PCD 5: pcd-5, url-0123456789ab",
        f"listed, not fetched: PCD 10 {BASE}/pcd-10",
        "http_error 1, timeout 2",
        "unfinished",
        "no date signed",
        f"pcd-4  {SCAN}  (3 pages)",
    ):
        assert expected in text, expected


@pytest.mark.parametrize(
    ("present", "top", "listed", "expected"),
    [
        (set(), 0, set(), []),
        ({1, 2, 3}, 3, set(), []),
        ({2}, 2, set(), [(1, 1, "withdrawn_looking")]),
        ({1, 5}, 5, set(), [(2, 4, "range")]),
        ({1, 4}, 4, set(), [(2, 3, "withdrawn_looking")]),
        ({1}, 3, set(), [(2, 3, "range")]),  # a hole at the top is not between published decisions
        ({1, 3}, 3, {2}, [(2, 2, "listed")]),
        ({1, 9}, 9, {3, 4}, [(2, 2, "withdrawn_looking"), (3, 4, "listed"), (5, 8, "range")]),
    ],
)
def test_gaps(present: set[int], top: int, listed: set[int], expected: list[tuple[int, int, str]]) -> None:
    assert [(g["first"], g["last"], g["kind"]) for g in gaps(present, top, listed)] == expected
