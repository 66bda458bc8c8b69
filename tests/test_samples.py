"""The sample archive (samples/site, samples/truth): what build_samples.py writes, in the shape others use.

Checks the committed tree, not a fresh render: the manifest shape every server of the site reads, the
links and PDFs the crawler follows, the variants the issue asks for, and that regenerating gives the
same bytes (so a hand edit of samples/site shows up here).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from protego import Protego

from pipeline.parse.html import parse_html

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "samples" / "site"
TRUTH = ROOT / "samples" / "truth"
LISTING = (
    "/programmes-strategies/mayors-office-policing-and-crime-mopac/"
    "mopac-governance-and-decision-making/mopac-decisions"
)
CONTENT_TYPES = {"text/html; charset=utf-8", "application/pdf", "text/plain; charset=utf-8"}


@pytest.fixture(scope="module")
def builder() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "samples"))
    try:
        import build_samples

        yield build_samples
    finally:
        sys.path.remove(str(ROOT / "samples"))


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def index() -> list[tuple[str, str, str]]:
    lines = (TRUTH / "index.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "slug\tkind\tpath"
    return [(s, k, p) for s, k, p in (line.split("\t") for line in lines[1:])]


def page_text(manifest: dict[str, dict[str, object]], path: str) -> str:
    return parse_html((SITE / str(manifest[path]["file"])).read_bytes(), path).text


def decision_paths(index: list[tuple[str, str, str]]) -> list[str]:
    return [p for _, kind, p in index if kind == "decision"]


# -- the manifest --------------------------------------------------------------------------------------------
def test_manifest_shape(manifest: dict[str, dict[str, object]]) -> None:
    assert manifest, "empty manifest"
    for key, entry in manifest.items():
        assert key.startswith("/"), key
        assert set(entry) <= {"file", "content_type", "status"}, key
        assert entry["content_type"] in CONTENT_TYPES, key
        status = entry.get("status", 200)
        assert isinstance(status, int), key
        if "file" in entry:
            assert (SITE / str(entry["file"])).is_file(), key
        else:
            assert status == 404, f"{key}: only a 404 entry may have no file"


def test_every_file_is_in_the_manifest(manifest: dict[str, dict[str, object]]) -> None:
    files = {str(e["file"]) for e in manifest.values() if "file" in e}
    on_disk = {str(p.relative_to(SITE)) for p in SITE.rglob("*") if p.is_file()} - {"manifest.json"}
    assert on_disk == files


def test_robots_allows_all_but_admin(manifest: dict[str, dict[str, object]]) -> None:
    robots = Protego.parse((SITE / str(manifest["/robots.txt"]["file"])).read_text(encoding="utf-8"))
    assert robots.can_fetch(f"http://127.0.0.1{LISTING}?page=0", "mopac-decisions")
    assert not robots.can_fetch("http://127.0.0.1/admin/content", "mopac-decisions")


def test_links_are_root_relative_and_resolve(manifest: dict[str, dict[str, object]]) -> None:
    for key, entry in manifest.items():
        if entry["content_type"] != "text/html; charset=utf-8" or "file" not in entry:
            continue
        for link in parse_html((SITE / str(entry["file"])).read_bytes(), key).links:
            if link.href.startswith(("javascript:", "#")):
                continue  # the hostile page's link (on purpose) and in-page anchors
            assert link.href.startswith("/") and not link.href.startswith("//"), (key, link.href)


# -- decision pages and their PDFs ---------------------------------------------------------------------------
def test_at_least_fifty_decision_pages(index: list[tuple[str, str, str]]) -> None:
    assert len(decision_paths(index)) >= 50


def test_every_decision_page_links_a_pdf_in_the_manifest(
    manifest: dict[str, dict[str, object]], index: list[tuple[str, str, str]]
) -> None:
    for path in decision_paths(index):
        doc = parse_html((SITE / str(manifest[path]["file"])).read_bytes(), path)
        signed_at = doc.text.rindex("Signed decision document")
        pdfs = [lk.href for lk in doc.links if lk.href.endswith(".pdf") and lk.start >= signed_at]
        assert len(pdfs) == 1, path
        assert pdfs[0].startswith("/sites/default/files/"), pdfs[0]
        assert pdfs[0] in manifest, f"{path} links {pdfs[0]}, which the manifest lacks"


# (era, a label or shape only that era's pages show)
ERA_MARKERS = [
    ("A", r"^Authorisation name:$"),
    ("A", r"^Please refer to PDF below for details\.$"),
    ("B", r"^Reference code: PCD \d+$"),
    ("C", r"\(Past staff\)"),
    ("C", r"^Recommendation:$"),
]


@pytest.mark.parametrize(("era", "marker"), ERA_MARKERS, ids=[f"{e}:{m}" for e, m in ERA_MARKERS])
def test_every_era_is_present(
    era: str, marker: str, builder: ModuleType, manifest: dict[str, dict[str, object]]
) -> None:
    pages = [d for d in builder.DECISIONS if d.era == era]
    assert len(pages) >= 10
    assert any(re.search(marker, page_text(manifest, d.path), re.MULTILINE) for d in pages)


# (what the issue asks for, the decision's code, a line its page shows)
VARIANTS = [
    ("oldest DMPCD code", "DMPCD 2014 88", "DMPCD 2014 88"),
    ("empty Reference code:", "PCD 298", "Reference code:\n\nDate signed:"),
    ("one line without labels", "PCD 372", "PCD 372 11 April 2018 Sophie Linden"),
    ("no title, code only in the signed-document line", "PCD 806", "Signed decision document\n\nPCD 806 "),
    ("numbered recommendations", "PCD 1735", "  1. Approve the procurement"),
    ("bulleted recommendations", "PCD 52", "  • Approve funding"),
    ("dash on its own line", "PCD 853", "-\n\nApprove the disposal"),
    ("every item numbered 1.", "PCD 897", "  1. Note that a joint procurement"),
    ("one sentence", "PCD 784", "The DMPC is asked to approve expenditure"),
    ("£000 table with a negative row", "PCD 1549", "-300"),
    ("bracketed negative row", "PCD 1549", "(450)"),
    ("milestones carried over", "PCD 1003", "milestones will be carried over"),
    ("Part 2 note", "PCD 1521", "Exempt Appendix 2"),
    ("cross-reference without a space", "PCD 976", "PCD697"),
    ("CEOD reference", "PCD 1466", "CEOD 24-2023"),
    ("listing code differs from the page", "PCD 1403", "Reference code: PCD 1403"),
]


@pytest.mark.parametrize(("what", "code", "shown"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_variant_is_rendered(
    what: str, code: str, shown: str, builder: ModuleType, manifest: dict[str, dict[str, object]]
) -> None:
    decision = next(d for d in builder.DECISIONS if d.code == code)
    assert shown in page_text(manifest, decision.path), what


def test_hostile_page_is_escaped(builder: ModuleType, manifest: dict[str, dict[str, object]]) -> None:
    decision = next(d for d in builder.DECISIONS if "<script>" in d.title)
    raw = (SITE / str(manifest[decision.path]["file"])).read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<img src=x" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "&gt;&lt;img src=x onerror=alert(1)&gt;" in raw
    assert 'href="javascript:alert(1)"' in raw
    text = page_text(manifest, decision.path)
    assert "<script>alert(1)</script>" in text and '"><img src=x onerror=alert(1)>' in text


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_signed_pdfs_open_and_carry_the_form(
    builder: ModuleType, manifest: dict[str, dict[str, object]]
) -> None:
    signed = [d for d in builder.DECISIONS if d.pdf.kind == "signed"]
    assert len(signed) >= 50
    for d in signed:
        path = SITE / str(manifest[builder.pdf_path(d)]["file"])
        with pdfplumber.open(path) as pdf:
            assert pdf.pages, d.code
        # the text through pdfium (fast); pdfplumber reads the same layer, checked on the split tables below
        doc = pdfium.PdfDocument(path)
        try:
            text = "\n".join(page.get_textpage().get_text_range() for page in doc)
        finally:
            doc.close()
        assert d.code in text, d.code
        assert "The above request has my approval." in text, d.code
        assert f"Date {builder.signature_date(d)}" in text, d.code
        assert "PART I – NON-CONFIDENTIAL FACTS AND ADVICE" in text, d.code


def test_split_table_continues_overleaf(builder: ModuleType, manifest: dict[str, dict[str, object]]) -> None:
    def split_table(d: Any) -> Any:
        blocks = (b for s in d.sections for b in s.blocks)
        return next((b for b in blocks if isinstance(b, builder.Table) and b.split), None)

    split = [d for d in builder.DECISIONS if split_table(d) is not None]
    assert split
    for d in split:
        table = split_table(d)
        with pdfplumber.open(SITE / str(manifest[builder.pdf_path(d)]["file"])) as pdf:
            pages = [p.extract_text() or "" for p in pdf.pages]
        first_row, last_row = table.rows[0][0], table.rows[-1][0]
        on = (
            [i for i, t in enumerate(pages) if first_row in t],
            [i for i, t in enumerate(pages) if last_row in t],
        )
        assert on[0] and on[1] and on[0][0] < on[1][-1], f"{d.code}: the table does not run overleaf"


@pytest.mark.parametrize("kind", ["image", "corrupt"])
def test_unreadable_pdfs(kind: str, builder: ModuleType, manifest: dict[str, dict[str, object]]) -> None:
    decision = next(d for d in builder.DECISIONS if d.pdf.kind == kind)
    path = SITE / str(manifest[builder.pdf_path(decision)]["file"])
    if kind == "image":
        with pdfplumber.open(path) as pdf:
            assert pdf.pages and all(p.images for p in pdf.pages)
            assert not "".join(p.extract_text() or "" for p in pdf.pages).strip()
    else:
        with pytest.raises(Exception), pdfplumber.open(path) as pdf:  # noqa: B017 (pdfminer raises various types)
            "".join(p.extract_text() or "" for p in pdf.pages)


def test_missing_pdf_is_a_404(builder: ModuleType, manifest: dict[str, dict[str, object]]) -> None:
    decision = next(d for d in builder.DECISIONS if d.pdf.kind == "missing")
    assert manifest[builder.pdf_path(decision)] == {"content_type": "text/html; charset=utf-8", "status": 404}


def test_appendix_pdf_is_linked_and_readable(
    builder: ModuleType, manifest: dict[str, dict[str, object]]
) -> None:
    decision = next(d for d in builder.DECISIONS if d.appendix)
    doc = parse_html((SITE / str(manifest[decision.path]["file"])).read_bytes(), decision.path)
    href = next(lk.href for lk in doc.links if lk.href.endswith(decision.appendix.file))
    assert decision.appendix.lines[-1] in _pdf_text(SITE / str(manifest[href]["file"]))


# -- listing pages -------------------------------------------------------------------------------------------
def test_listing_pages(manifest: dict[str, dict[str, object]], index: list[tuple[str, str, str]]) -> None:
    decisions = set(decision_paths(index))
    listed: list[str] = []
    n = 0
    while f"{LISTING}?page={n}" in manifest:
        doc = parse_html((SITE / str(manifest[f"{LISTING}?page={n}"]["file"])).read_bytes(), "listing")
        m = re.search(r"Showing (\d+)-(\d+) of (\d+) results found", doc.text)
        assert m, n
        first, last, total = map(int, m.groups())
        assert (first, total) == (n * 20 + 1, len(decisions))
        entries = doc.text.count("Page type: Decision")
        assert entries == last - first + 1 and entries <= 20
        listed += [lk.href for lk in doc.links if lk.href in decisions]
        n += 1
    assert n >= 3 and len(listed) >= 60
    assert sorted(listed) == sorted(decisions), "every decision page is listed exactly once"
    assert manifest["/node/15722"]["file"] == manifest[f"{LISTING}?page=0"]["file"]


# -- truth ---------------------------------------------------------------------------------------------------
def test_truth_matches_the_index(
    manifest: dict[str, dict[str, object]], index: list[tuple[str, str, str]]
) -> None:
    assert {p.name for p in TRUTH.glob("*.truth.json")} == {f"{s}.truth.json" for s, _, _ in index}
    for slug, kind, path in index:
        assert "file" in manifest[path], path
        truth = json.loads((TRUTH / f"{slug}.truth.json").read_text(encoding="utf-8"))
        if kind == "listing":
            assert truth["kind"] == "listing" and len(truth["entries"]) == truth["last"] - truth["first"] + 1
            continue
        assert {"reference_code", "title", "decision_maker", "recommendations", "amounts", "milestones",
                "references"} <= set(truth)  # fmt: skip
        for amount in truth["amounts"]:
            assert re.fullmatch(r"-?\d+(\.\d+)?", amount["value"]), (slug, amount)
        text = page_text(manifest, path)
        for amount in truth["amounts"]:
            assert amount["text"] in text, (slug, amount["text"])


# -- reproducible --------------------------------------------------------------------------------------------
def test_regeneration_is_byte_identical(builder: ModuleType, tmp_path: Path) -> None:
    if not builder.FONT_PATH.is_file():
        pytest.skip(
            f"{builder.FONT_PATH} missing: the committed PDFs were drawn with it (apt fonts-dejavu-core)"
        )
    builder.build(tmp_path / "site", tmp_path / "truth")
    for committed, fresh in ((SITE, tmp_path / "site"), (TRUTH, tmp_path / "truth")):
        a = {str(p.relative_to(committed)): p.read_bytes() for p in committed.rglob("*") if p.is_file()}
        b = {str(p.relative_to(fresh)): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}
        assert sorted(a) == sorted(b)
        changed = [name for name in a if a[name] != b[name]]
        assert not changed, f"regenerating changes {changed[:5]}: run samples/build_samples.py and commit"
