"""The build on a raw store written by hand: version history, duplicate codes, unreadable pages, --strict.

Pages here are written for these tests in the 2022+ shape of the archive.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.build import build_dataset, build_rows
from pipeline.errors import PipelineError
from pipeline.settings import load
from pipeline.store import Store

BASE = "http://127.0.0.1:9"


def page(code: str, title: str, amount: str, rec: str) -> bytes:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<nav><a href="/">Home</a></nav><main><h1>{code} {title}</h1>
<h2>Key information</h2>
<p><strong>Reference code:</strong> {code}</p>
<p><strong>Date signed:</strong></p>
<p><strong>Decision by:</strong> Jane Example, Deputy Mayor, Policing and Crime</p>
<h2>Executive summary</h2><p>This decision approves funding of {amount} for the example service.</p>
<h2>Recommendations</h2><p>The Deputy Mayor for Policing and Crime is recommended to:</p>
<ol><li>{rec}</li></ol>
<h2>Signed decision document</h2><p><a href="/sites/default/files/x.pdf">{code} {title}</a></p>
</main></body></html>""".encode()


def put(store: Store, url: str, body: bytes, when: datetime, *, role: str = "decision") -> None:
    with store.transaction():
        sha = store.put_blob(body)
        store.record_body(
            url=url,
            sha256=sha,
            size=len(body),
            content_type="text/html; charset=utf-8",
            status=200,
            role=role,
            etag=None,
            last_modified=None,
            now=when,
        )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "store", fsync=False)
    yield s  # type: ignore[misc]
    s.close()


def test_a_changed_page_shows_what_changed_in_decision_versions(store: Store, tmp_path: Path) -> None:
    url = f"{BASE}/pcd-9001-example"
    put(
        store,
        url,
        page("PCD 9001", "Example grant", "£1.5m", "Approve the grant of £1.5m."),
        datetime(2026, 1, 1, tzinfo=UTC),
    )
    put(
        store,
        url,
        page("PCD 9001", "Example grant (revised)", "£2m", "Approve the grant of £2m."),
        datetime(2026, 2, 1, tzinfo=UTC),
    )
    build_dataset(store.root, tmp_path / "out", load({}, base_url=BASE))
    rows = pq.read_table(tmp_path / "out" / "decision_versions.parquet").to_pylist()
    assert [(r["version"], r["is_current"], r["title"]) for r in rows] == [
        (1, False, "Example grant"),
        (2, True, "Example grant (revised)"),
    ]
    first, second = rows
    assert first["title_changed"] is None and first["amounts_added"] == []
    assert second["title_changed"] is True and second["previous_title"] == "Example grant"
    assert second["amounts_added"] == [Decimal("2000000.00"), Decimal("2000000.00")]
    assert second["amounts_removed"] == [Decimal("1500000.00"), Decimal("1500000.00")]
    assert second["recommendations_changed"] is True
    decision = pq.read_table(tmp_path / "out" / "decisions.parquet").to_pylist()
    assert [d["title"] for d in decision] == ["Example grant (revised)"]
    assert decision[0]["html_sha256"] == second["sha256"]


def test_two_pages_with_one_code_are_both_kept_and_flagged(store: Store) -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    put(store, f"{BASE}/a", page("PCD 9002", "First", "£10,000", "Approve the first."), when)
    put(store, f"{BASE}/b", page("PCD 9002", "Second", "£20,000", "Approve the second."), when)
    rows = build_rows(store, load({}, base_url=BASE))
    assert sorted(d.title or "" for d in rows.decisions) == ["First", "Second"]
    assert [e.reason for e in rows.errors] == ["duplicate_code"]
    assert sum(1 for d in rows.decisions if d.decision_id == "pcd-9002") == 1


def test_an_unreadable_page_is_an_error_row_and_strict_raises(store: Store) -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    put(store, f"{BASE}/good", page("PCD 9003", "Good", "£5,000", "Approve it."), when)
    put(store, f"{BASE}/moved", b"<html><body><p>This page has moved.</p></body></html>", when)
    rows = build_rows(store, load({}, base_url=BASE))
    assert [d.reference_code for d in rows.decisions] == ["PCD 9003"]
    assert [(e.reason, e.url) for e in rows.errors] == [("layout_changed", f"{BASE}/moved")]
    with pytest.raises(PipelineError) as caught:
        build_rows(store, load({}, base_url=BASE, strict=True))
    assert caught.value.reason == "layout_changed"


def test_organisations_come_from_the_decision_not_the_site_chrome(store: Store) -> None:
    body = page("PCD 9004", "Home Office grant", "£9,000", "Accept the grant from the Home Office.")
    body = body.replace(b"<nav>", b"<nav><a href='/la'>London Assembly</a>").replace(
        b"</main>", b"</main><footer><a href='/fb'>London Fire Brigade</a></footer>"
    )
    put(store, f"{BASE}/pcd-9004", body, datetime(2026, 1, 1, tzinfo=UTC))
    rows = build_rows(store, load({}, base_url=BASE))
    names = {e.normalised for e in rows.entities if e.label == "ORG"}
    assert "Home Office" in names
    assert not names & {"London Assembly", "London Fire Brigade"}, names


def test_money_in_the_site_chrome_is_not_the_decisions(store: Store) -> None:
    body = page("PCD 9005", "Cycle scheme", "£12,000", "Approve the scheme.").replace(
        b"</main>", b"</main><footer><p>Save \xc2\xa350 on travel with an Oyster card</p></footer>"
    )
    put(store, f"{BASE}/pcd-9005", body, datetime(2026, 1, 1, tzinfo=UTC))
    rows = build_rows(store, load({}, base_url=BASE))
    assert [a.text for a in rows.amounts] == ["£12,000"]


def test_a_page_without_any_code_takes_it_from_its_signed_form(store: Store) -> None:
    import io

    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    pdf = Canvas(buf, invariant=True)
    for y, line in enumerate(
        ("DMPC Decision – PCD 9106", "Title: Canal Patrol Boat", "Signature  Date 03/04/2022")
    ):
        pdf.drawString(72, 760 - 20 * y, line)
    pdf.save()
    page_html = b"""<html><body><main><h2>Key information</h2><p>Date signed:</p>
    <p>Decision by: Jo Example, Deputy Mayor, Policing and Crime</p><h2>Executive summary</h2>
    <p>MOPAC will buy a patrol boat for \xc2\xa390,000.</p><h2>Signed decision document</h2>
    <p><a href="/files/boat.pdf">Signed decision document</a></p></main></body></html>"""
    when = datetime(2026, 1, 1, tzinfo=UTC)
    put(store, f"{BASE}/boat", page_html, when)
    with store.transaction():
        sha = store.put_blob(buf.getvalue())
        store.record_body(
            url=f"{BASE}/files/boat.pdf",
            sha256=sha,
            size=len(buf.getvalue()),
            content_type="application/pdf",
            status=200,
            role="document",
            etag=None,
            last_modified=None,
            parent_url=f"{BASE}/boat",
            now=when,
        )
    rows = build_rows(store, load({}, base_url=BASE))
    (decision,) = rows.decisions
    assert (decision.decision_id, decision.reference_code, decision.code_source) == (
        "pcd-9106",
        "PCD 9106",
        "pdf",
    )
    assert "code_from_pdf" in decision.flags
