"""Hostile inputs: every bad file gives a clear error reason or a correct extraction, never a crash, and a
build over a store full of them records each in ``errors`` while the good decisions still come out.

The corpus is made by ``make_corpus.py`` (small files committed under ``corpus/``, big ones made here into
a temporary directory). Cases are tables: what each file is, and what must come of it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.build import build_dataset, build_rows
from pipeline.errors import PipelineError
from pipeline.extract import extract_document, extract_path
from pipeline.parse import parse_document
from pipeline.settings import Settings
from pipeline.store import Store
from tests.hostile import make_corpus as corpus

CORPUS = corpus.CORPUS
WHEN = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
M125 = Decimal(1_250_000)


@dataclass(frozen=True)
class Case:
    """What must come of one file: an error ``reason``, or a reading with this code, amounts and text."""

    name: str
    reason: str | None = None
    code: str | None = None
    amounts: tuple[Decimal, ...] = ()
    contains: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    why: str = ""


def ok(
    name: str,
    code: str | None,
    *amounts: Decimal | int,
    contains: tuple[str, ...] = (),
    absent: tuple[str, ...] = (),
    why: str = "",
) -> Case:
    return Case(
        name, code=code, amounts=tuple(Decimal(a) for a in amounts), contains=contains, absent=absent, why=why
    )


def err(name: str, reason: str, why: str = "") -> Case:
    return Case(name, reason=reason, why=why)


SPACE_AMOUNTS = [v for _ in corpus.SPACES for v in (95_000, 4_000_000)]
DASH_AMOUNTS = [v for _ in corpus.DASHES for v in (10_000, 20_000)]

# Zero bytes and markup with nothing in it.
EMPTY = [
    err("empty.html", "empty_document"),
    err("empty.pdf", "empty_document"),
    err("empty.txt", "empty_document"),
    err("whitespace_only.html", "empty_document"),
    err("markup_only.html", "empty_document", why="was layout_changed: an empty render reached the adapter"),
    err("comment_only.html", "empty_document", why="was parse_error from lxml's 'Document is empty'"),
    err("not_html.html", "unsupported_document", why="was layout_changed: binary bytes were read as cp1252"),
    err("not_a_decision.html", "layout_changed", why="a 'page not found' page stored as a decision"),
]
# Encodings, honest and lying.
ENCODINGS = [
    ok(
        "cp1252_undeclared.html",
        "PCD 9101",
        M125,
        M125,
        contains=("coordinators’ programme", "coordinators – £1,250,000 in 2022/23 –"),
    ),
    ok("latin1_declared.html", "PCD 9102", M125, M125, contains=("coordinators – £1,250,000 in 2022/23 –",)),
    ok("lying_meta_utf8.html", "PCD 9103", M125, M125, contains=("coordinators – £1,250,000 in 2022/23 –",)),
    ok("lying_meta_latin1.html", "PCD 9104", M125, M125, absent=("Â",)),
    ok("lying_meta_utf16.html", "PCD 9105", M125, M125, why="was layout_changed: bytes decoded as UTF-16"),
    ok(
        "lying_meta_shift_jis.html",
        "PCD 9106",
        M125,
        M125,
        contains=("coordinators – £1,250,000 in 2022/23 –",),
    ),
    ok("unknown_charset.html", "PCD 9107", M125, M125),
    ok("utf16_bom.html", "PCD 9108", M125, M125),
    ok("utf8_bom.html", "PCD 9109", M125, M125),
    ok("nul_bytes.html", "PCD 9110", M125, M125),
    ok(
        "xml_declaration.html",
        "PCD 9111",
        M125,
        M125,
        why="was parse_error: lxml refuses an encoding declaration",
    ),
    ok("control_chars.html", "PCD 9112", M125, M125, why="controls inside the amount hid it"),
    ok("bidi_marks.html", "PCD 9113", M125, M125, why="bidi marks inside the amount hid it"),
]
# The pound sign every way it arrives.
POUNDS = [
    ok("pound_entity.html", "PCD 9114", M125, M125),
    ok("mojibake.html", "PCD 9115", M125, M125),
    ok("gbp.html", "PCD 9116", M125, M125),
    ok("pound_entity.txt", "PCD 9204", 5_000_000),
    ok("mojibake.txt", "PCD 9205", 5_000_000),
    ok("gbp.txt", "PCD 9206", 5_000_000),
]
# Saved text.
TEXT = [
    ok("every_space.txt", "PCD 9201", *SPACE_AMOUNTS),
    ok("every_dash.txt", "PCD 9202", *DASH_AMOUNTS, why="small and full-width dashes were not range dashes"),
    ok("rtl_marks.txt", "PCD 9203", 5_000_000, 2_000, absent=("\u200f", "\u202e"), why="marks hid £5m"),
    ok("cp1252.txt", "PCD 9207", 5_000_000, contains=("£5m – in 2022/23 –",), why="£ was decoded as U+FFFD"),
    ok("utf16_bom.txt", "PCD 9208", 5_000_000, why="NULs were dropped and the BOM read as text"),
    ok("line_separators.txt", "PCD 9209", 5_000_000, 2_000_000, absent=("\u2028", "\x0b", "\x85")),
]
# PDFs: the signed form's banner ("DMPC Decision – PCD 9301") gives the code where the text layer is read.
FORM = ("Approve expenditure of £1,250,000",)
PDFS = [
    ok("form.pdf", "PCD 9301", M125, contains=FORM),
    err("truncated.pdf", "truncated"),
    err("truncated_with_eof.pdf", "corrupt"),
    ok("broken_xref.pdf", "PCD 9301", M125, contains=FORM),
    ok("javascript.pdf", "PCD 9301", M125, contains=FORM, absent=("app.alert", "6666", "elsewhere")),
    err("image_only.pdf", "needs_ocr"),
    err("encrypted.pdf", "encrypted"),
    ok("encrypted_owner_only.pdf", "PCD 9301", M125, contains=FORM),
    err("html_error_page.pdf", "corrupt"),
    err("garbage_after_header.pdf", "corrupt"),
]
ALL = EMPTY + ENCODINGS + POUNDS + TEXT + PDFS


def _params(cases: list[Case]) -> list[object]:
    return [pytest.param(c, id=c.name) for c in cases]


def check(case: Case, path: Path) -> None:
    """Extract ``path`` and hold the outcome to ``case``: the named reason, or the reading and its text."""
    if case.reason:
        with pytest.raises(PipelineError) as info:
            extract_path(path)
        assert info.value.reason == case.reason, info.value.message
        assert str(path) in info.value.message, "the message names the file"
        return
    record = extract_path(path)
    assert record["kind"] == "decision"
    assert record["reference_code"] == case.code
    amounts = record["amounts"]
    assert isinstance(amounts, list)
    assert [Decimal(str(a["value"])) for a in amounts if isinstance(a, dict)] == list(case.amounts)
    text = parse_document(path.read_bytes(), str(path)).text
    for piece in case.contains:
        assert piece in text
    for piece in case.absent:
        assert piece not in text and piece not in str(record)


# -- the corpus is what the script makes -------------------------------------------------------------------


def test_committed_corpus_is_what_make_corpus_writes() -> None:
    on_disk = {p.name for p in CORPUS.iterdir()}
    assert on_disk == set(corpus.SMALL), "re-run tests/hostile/make_corpus.py"
    for name, make in corpus.SMALL.items():
        assert (CORPUS / name).read_bytes() == make(), f"{name} is stale: re-run tests/hostile/make_corpus.py"


def test_every_committed_file_has_a_case() -> None:
    assert sorted(c.name for c in ALL) == sorted(corpus.SMALL)


# -- the real entry point, file by file --------------------------------------------------------------------


@pytest.mark.parametrize("case", _params(ALL))
def test_extract_path(case: Case) -> None:
    check(case, CORPUS / case.name)


def _document_text(name: str) -> str:
    return parse_document((CORPUS / name).read_bytes(), name).text


@pytest.mark.parametrize(
    "name",
    [
        "rtl_marks.txt",
        "control_chars.html",
        "bidi_marks.html",
        "line_separators.txt",
        "nul_bytes.html",
        "utf16_bom.txt",
    ],
)
def test_no_invisible_or_control_character_reaches_the_text(name: str) -> None:
    text = _document_text(name)
    bad = [
        c
        for c in text
        if (ord(c) < 32 and c not in "\t\n")
        or 0x7F <= ord(c) <= 0x9F
        or c in corpus.INVISIBLE
        or c in "\u2028\u2029\ufffd"
    ]
    assert bad == []


def test_every_space_reads_as_a_plain_space() -> None:
    text = _document_text("every_space.txt")
    assert not any(c.isspace() and c not in " \t\n" for c in text)


def test_ranges_with_every_dash_are_linked() -> None:
    record = extract_path(CORPUS / "every_dash.txt")
    amounts = record["amounts"]
    assert isinstance(amounts, list)
    for low, high in zip(amounts[::2], amounts[1::2], strict=True):
        assert isinstance(low, dict) and isinstance(high, dict)
        assert low["range_with"] is not None and high["range_with"] is not None
        assert low["text"] == "£10k" and high["text"] == "£20k"


@pytest.mark.parametrize(
    "name", ["lying_meta_utf16.html", "lying_meta_shift_jis.html", "cp1252_undeclared.html"]
)
def test_a_guessed_encoding_is_reported(name: str) -> None:
    doc = parse_document((CORPUS / name).read_bytes(), name)
    assert "decoded as cp1252" in doc.warnings


def test_a_lying_http_header_is_outvoted_both_ways() -> None:
    utf8 = corpus.decision_html("PCD 9120", "Header Says Latin").encode()
    cp1252 = corpus.decision_html("PCD 9121", "Header Says UTF-8").encode("cp1252")
    for data, header in (
        (utf8, "text/html; charset=ISO-8859-1"),
        (cp1252, 'text/html; charset="utf-8"; x=y'),
        (cp1252, "text/html; charset=utf-16"),
    ):
        doc = parse_document(data, "page", content_type=header)
        assert "coordinators – £1,250,000 in 2022/23 –" in doc.text and "coordinators’" in doc.text


# -- big inputs, made at test time ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-big")
    corpus.write(corpus.BIG, out)
    return out


def test_20mb_of_nested_tags_is_read_as_flat_text(big: Path) -> None:
    data = (big / "nested_tags_20mb.html").read_bytes()
    assert len(data) >= 20 * 1024 * 1024
    doc = parse_document(data, "nested_tags_20mb.html")  # once: extract_path would parse it again
    assert "markup too deep or broken: read as flat text" in doc.warnings
    record = extract_document(doc)
    assert record["reference_code"] == "PCD 9401"
    amounts = record["amounts"]
    assert isinstance(amounts, list)
    assert [Decimal(str(a["value"])) for a in amounts if isinstance(a, dict)] == [
        M125,
        M125,
        Decimal(7_000_000),
    ]


def test_2000_pages_stop_at_the_page_cap(big: Path) -> None:
    data = (big / "pages_2000.pdf").read_bytes()
    doc = parse_document(data, "pages_2000.pdf", pdf_max_pages=40)
    assert doc.pages == 2000
    assert "read 40 of 2000 pages (pdf_max_pages)" in doc.warnings
    assert "spending line 40 is £40,000" in doc.text and "sheet 41:" not in doc.text
    assert max(b.page or 0 for b in doc.blocks) == 40


def test_2000_pages_with_the_default_cap(big: Path) -> None:
    record = extract_path(big / "pages_2000.pdf")
    amounts = record["amounts"]
    assert isinstance(amounts, list)
    values = [Decimal(str(a["value"])) for a in amounts if isinstance(a, dict)]
    assert values[0] == M125 and len(values) == 1 + 499 and values[-1] == Decimal(500_000)


def test_zip_bomb_stream_is_read_for_its_text(big: Path) -> None:
    data = (big / "bomb_64mb.pdf").read_bytes()
    assert len(data) < 200_000  # a few hundred KB that inflate to 64 MB
    check(ok("bomb_64mb.pdf", "PCD 9301", M125, contains=FORM), big / "bomb_64mb.pdf")


def test_zip_bomb_over_the_time_cap_gives_parse_timeout(big: Path) -> None:
    with pytest.raises(PipelineError) as info:
        parse_document((big / "bomb_64mb.pdf").read_bytes(), "bomb.pdf", pdf_timeout=0.0)
    assert info.value.reason == "parse_timeout"


# -- the build: a real raw store full of hostile bodies ----------------------------------------------------


@dataclass
class Fixture:
    """What was put in the store, and what each hostile body must become."""

    good: dict[str, str] = field(default_factory=dict)  # decision page URL → code, must come out whole
    page_errors: dict[str, str] = field(default_factory=dict)  # page URL → reason
    page_ok: dict[str, tuple[str, tuple[Decimal, ...]]] = field(default_factory=dict)  # URL → code, amounts
    pdf_errors: dict[str, str] = field(default_factory=dict)  # PDF URL → reason
    pdf_ok: dict[str, str] = field(default_factory=dict)  # PDF URL → its page's code


BASE = "http://127.0.0.1:8000"
PAGE_TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain", ".pdf": "application/pdf"}


def _put(
    store: Store,
    url: str,
    data: bytes,
    *,
    role: str,
    content_type: str,
    parent: str | None = None,
    code: str | None = None,
) -> None:
    sha = store.put_blob(data)
    assert sha == hashlib.sha256(data).hexdigest()
    with store.transaction():
        store.record_body(
            url=url,
            sha256=sha,
            size=len(data),
            content_type=content_type,
            status=200,
            role=role,
            etag=None,
            last_modified=None,
            parent_url=parent,
            reference_code=code,
            now=WHEN,
        )


def fill_store(root: Path, pages: list[Case], pdfs: list[Case]) -> Fixture:
    """Two good decisions with good PDFs; each hostile page as a decision page; each hostile PDF as the
    signed PDF of a decision page of its own."""
    fx = Fixture()
    with Store(root, fsync=False) as store:
        for n in (1, 2):
            code, url, pdf = (
                f"PCD 950{n}",
                f"{BASE}/pcd-950{n}-good",
                f"{BASE}/sites/default/files/pcd_950{n}.pdf",
            )
            html = corpus.decision_html(code, "Good Decision", pdf=pdf).encode()
            _put(store, url, html, role="decision", content_type=PAGE_TYPES[".html"])
            _put(store, pdf, corpus.form_pdf(), role="document", content_type="application/pdf", parent=url)
            fx.good[url] = code
        for case in pages:
            suffix = Path(case.name).suffix
            url = f"{BASE}/hostile/{case.name.replace('.', '-')}"
            ctype = "text/html" if suffix == ".html" else PAGE_TYPES[suffix]
            _put(store, url, (CORPUS / case.name).read_bytes(), role="decision", content_type=ctype)
            if case.reason:
                fx.page_errors[url] = case.reason
            else:
                assert case.code is not None
                fx.page_ok[url] = (case.code, case.amounts)
        for i, case in enumerate(pdfs):
            code, url = f"PCD {9600 + i}", f"{BASE}/pcd-{9600 + i}-carrier"
            pdf = f"{BASE}/sites/default/files/{case.name}"
            _put(
                store,
                url,
                corpus.decision_html(code, "Carrier", pdf=pdf).encode(),
                role="decision",
                content_type=PAGE_TYPES[".html"],
            )
            _put(
                store,
                pdf,
                (CORPUS / case.name).read_bytes(),
                role="document",
                content_type="application/pdf",
                parent=url,
            )
            fx.good[url] = code
            if case.reason:
                fx.pdf_errors[pdf] = case.reason
            else:
                fx.pdf_ok[pdf] = code
    return fx


PAGE_CASES = [c for c in ALL if not c.name.endswith(".pdf")]
PDF_CASES = [c for c in ALL if c.name.endswith(".pdf")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Fixture, Path, Path]:
    root = tmp_path_factory.mktemp("hostile-store")
    fx = fill_store(root / "store", PAGE_CASES, PDF_CASES)
    return fx, root / "store", root / "out"


def test_build_records_every_hostile_body_and_keeps_the_good_ones(built: tuple[Fixture, Path, Path]) -> None:
    fx, store_dir, _ = built
    with Store(store_dir, fsync=False) as store:
        rows = build_rows(store, Settings())
    errors = {(e.url, e.reason) for e in rows.errors if e.stage in ("parse", "extract")}
    assert errors == {*fx.page_errors.items(), *fx.pdf_errors.items()}
    assert all(e.message for e in rows.errors)
    by_url = {d.url: d for d in rows.decisions}
    for url, code in fx.good.items():
        assert by_url[url].reference_code == code
    for url, (code, amounts) in fx.page_ok.items():
        d = by_url[url]
        assert d.reference_code == code
        got = sorted(a.value for a in rows.amounts if a.decision_id == d.decision_id)
        assert got == sorted(amounts), url
    assert not set(fx.page_errors) & set(by_url), "an unreadable page made a decision row"
    pdf_of = {d.pdf_url: d for d in rows.decisions if d.pdf_sha256}
    assert set(fx.pdf_ok) <= set(pdf_of)
    for url in fx.pdf_errors:
        assert url not in pdf_of
    status = {d.url: (d.parse_status, d.parse_reason) for d in rows.documents}
    for url, reason in {**fx.page_errors, **fx.pdf_errors}.items():
        assert status[url] == ("needs_ocr" if reason == "needs_ocr" else "error", reason)


def test_build_dataset_writes_the_errors_table(built: tuple[Fixture, Path, Path]) -> None:
    fx, store_dir, out = built
    rows, counts = build_dataset(store_dir, out, Settings())
    table = pq.read_table(out / "errors.parquet").to_pylist()
    assert counts["errors"] == len(table) == len(rows.errors)
    assert {(r["url"], r["reason"]) for r in table if r["stage"] in ("parse", "extract")} == {
        *fx.page_errors.items(),
        *fx.pdf_errors.items(),
    }
    codes = {r["reference_code"] for r in pq.read_table(out / "decisions.parquet").to_pylist()}
    assert set(fx.good.values()) <= codes


@pytest.mark.parametrize("case", _params([c for c in ALL if c.reason]))
def test_strict_build_raises_the_reason(case: Case, tmp_path: Path) -> None:
    is_pdf = case.name.endswith(".pdf")
    fill_store(tmp_path, [] if is_pdf else [case], [case] if is_pdf else [])
    with Store(tmp_path, fsync=False) as store, pytest.raises(PipelineError) as info:
        build_rows(store, Settings().with_(strict=True))
    assert info.value.reason == case.reason


def test_lenient_build_of_a_capped_pdf_keeps_its_page_count(tmp_path: Path, big: Path) -> None:
    code, url, pdf = "PCD 9700", f"{BASE}/pcd-9700-long", f"{BASE}/sites/default/files/pages_2000.pdf"
    with Store(tmp_path, fsync=False) as store:
        _put(
            store,
            url,
            corpus.decision_html(code, "Long Appendix", pdf=pdf).encode(),
            role="decision",
            content_type=PAGE_TYPES[".html"],
        )
        _put(
            store,
            pdf,
            (big / "pages_2000.pdf").read_bytes(),
            role="document",
            content_type="application/pdf",
            parent=url,
        )
        rows = build_rows(store, Settings().with_(pdf_max_pages=25, strict=True))
    assert [d.reference_code for d in rows.decisions] == [code]
    assert [(d.pages, d.parse_status) for d in rows.documents if d.url == pdf] == [(2000, "ok")]
    assert rows.errors == []
