"""make samples: render the invented decisions of ``decisions_data.py`` into the sample archive.

Writes ``samples/site/`` (listing pages, decision pages per era, signed PDFs, ``robots.txt`` and the
``manifest.json`` the sample server reads) and ``samples/truth/`` (what each page says, for
``bench/accuracy.py``), byte for byte the same on every run: reportlab's invariant mode, fixed dates,
sorted keys, no clock. Truth comes from the data, never from running the extractors. The HTML is
rendered by ``_render_html.py``, the PDFs by ``_render_pdf.py``.

    .venv/bin/python samples/build_samples.py [--site DIR] [--truth DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# The modules beside this script, not in a package: importable once HERE is on sys.path.
from _render_html import (  # noqa: E402
    LISTING_PATH,
    PAGE_SIZE,
    decision_html,
    listing_html,
    pdf_path,
    pieces,
    plain,
    slug,
)
from _render_pdf import FONT_PATH, appendix_pdf, pdf_bytes, setup_reportlab, signature_date  # noqa: E402
from decisions_data import (  # noqa: E402
    DECISIONS,
    Bullets,
    Decision,
    Milestones,
    Rec,
    Table,
)

# Names the tests read from this script (tests/test_samples.py, tests/parse/test_pdf.py).
__all__ = ["DECISIONS", "FONT_PATH", "Table", "build", "main", "pdf_path", "signature_date"]

HTML_TYPE = "text/html; charset=utf-8"
PDF_TYPE = "application/pdf"


# -- truth ---------------------------------------------------------------------------------------------------
def amounts_in(text: str) -> list[dict[str, str | bool]]:
    """Truth amounts of one text, in order."""
    out: list[dict[str, str | bool]] = []
    for piece, m in pieces(text):
        if m is not None and m.group("money"):
            item: dict[str, str | bool] = {"text": piece, "value": m.group("value"), "table": False}
            if "€" in piece:
                item["currency"] = "EUR"
            elif "$" in piece:
                item["currency"] = "USD"
            out.append(item)
    return out


def codes_in(text: str) -> list[str]:
    return [m.group("code") for _, m in pieces(text) if m is not None and m.group("code")]


def table_value(cell: str) -> str | None:
    """Pounds for a ``£000`` table figure: ``"(4,200)"`` → ``"-4200000"``; None for a blank cell.

    >>> table_value("(4,200)"), table_value("-450"), table_value("1,300"), table_value("")
    ('-4200000', '-450000', '1300000', None)
    """
    raw = cell.strip().replace(",", "")
    if not raw:
        return None
    negative = raw.startswith(("-", "(")) and raw != "0"
    number = Decimal(raw.strip("()-")) * 1000
    return format(-number if negative else number, "f")


def rec_text(r: Rec) -> str:
    """A recommendation with its sub-items, as the truth counts it."""
    return " ".join(plain(t) for t in (r.text, *r.sub))


def listing_order() -> list[Decision]:
    """Newest first, with some neighbours swapped: the real listing is not in strict code order."""
    ordered = sorted(DECISIONS, key=lambda d: (d.published or d.signed, d.code), reverse=True)
    for i in range(3, len(ordered) - 1, 9):
        ordered[i], ordered[i + 1] = ordered[i + 1], ordered[i]
    return ordered


# -- truth ---------------------------------------------------------------------------------------------------
def shown_blocks(d: Decision) -> Iterator[str | Table | Bullets | Milestones]:
    """The decision's own content in page order (sections are not on "refer to PDF" pages)."""
    yield from d.summary
    if d.rec_style != "sentence":
        yield d.intro
    for r in d.recs:
        yield r.text
        yield from r.sub
    if d.layout != "refer_pdf":
        for s in d.sections:
            yield from s.blocks


def decision_truth(d: Decision) -> dict[str, object]:
    amounts: list[dict[str, str | bool]] = []
    refs: list[str] = []
    milestones: list[str] = []
    for b in shown_blocks(d):
        if isinstance(b, Table):
            for row in b.rows:
                for cell in row[1:]:
                    value = table_value(cell)
                    if value is not None:
                        amounts.append({"text": cell, "value": value, "table": True})
        elif isinstance(b, Bullets):
            for i in b.items:
                amounts += amounts_in(i)
                refs += codes_in(i)
        elif isinstance(b, Milestones):
            amounts += amounts_in(b.intro)
            milestones += [plain(i) for i in b.items]
        else:
            amounts += amounts_in(b)
            refs += codes_in(b)
    assert not amounts_in(d.title) and not codes_in(d.title), (
        "titles are shown several times: keep them plain"
    )
    unique = [c for i, c in enumerate(refs) if c not in refs[:i] and c != d.code]
    return {
        "reference_code": d.code,
        "title": d.title,
        "decision_maker": d.maker,
        "recommendations": [rec_text(r) for r in d.recs],
        "amounts": amounts,
        "milestones": milestones,
        "references": unique,
        "notes": f"sample archive, era {d.era}, layout {d.layout}, recommendations {d.rec_style}",
    }


# -- the site ------------------------------------------------------------------------------------------------
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /user/login\nAllow: /\n"


def build(site: Path, truth: Path) -> dict[str, dict[str, object]]:
    """Render everything into ``site`` and ``truth`` (both emptied first); returns the manifest."""
    setup_reportlab()
    for folder in (site, truth):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    manifest: dict[str, dict[str, object]] = {}
    index = ["slug\tkind\tpath"]

    def put(url: str, rel: str, data: bytes | str, content_type: str) -> None:
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        manifest[url] = {"file": rel, "content_type": content_type, "status": 200}

    def put_truth(name: str, kind: str, url: str, record: dict[str, object]) -> None:
        text = json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        (truth / f"{name}.truth.json").write_text(text, encoding="utf-8")
        index.append(f"{name}\t{kind}\t{url}")

    put("/robots.txt", "robots.txt", ROBOTS, "text/plain; charset=utf-8")
    order = listing_order()
    total = len(order)
    pages = -(-total // PAGE_SIZE)
    for n in range(pages):
        entries = order[n * PAGE_SIZE : (n + 1) * PAGE_SIZE]
        url = f"{LISTING_PATH}?page={n}"
        put(url, f"listing/page-{n}.html", listing_html(n, entries, total, pages), HTML_TYPE)
        put_truth(f"listing-page-{n}", "listing", url, {
            "kind": "listing", "total_results": total, "first": n * PAGE_SIZE + 1,
            "last": n * PAGE_SIZE + len(entries),
            "entries": [{"reference_code": d.code, "title": d.title} for d in entries],
        })  # fmt: skip
    manifest["/node/15722"] = dict(manifest[f"{LISTING_PATH}?page=0"])  # the first page's other address
    for d in sorted(DECISIONS, key=slug):
        put(d.path, f"decisions/{slug(d)}.html", decision_html(d), HTML_TYPE)
        put_truth(slug(d), "decision", d.path, decision_truth(d))
        data = pdf_bytes(d)
        if data is None:
            manifest[pdf_path(d)] = {"content_type": HTML_TYPE, "status": 404}
        else:
            put(pdf_path(d), pdf_path(d).lstrip("/"), data, PDF_TYPE)
        if d.appendix:
            url = f"{pdf_path(d).rsplit('/', 1)[0]}/{d.appendix.file}"
            put(url, url.lstrip("/"), appendix_pdf(d.appendix.lines, d.appendix.link_text), PDF_TYPE)
    text = json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    (site / "manifest.json").write_text(text, encoding="utf-8")
    (truth / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, default=HERE / "site")
    parser.add_argument("--truth", type=Path, default=HERE / "truth")
    args = parser.parse_args(argv)
    manifest = build(args.site, args.truth)
    files = sum(1 for e in manifest.values() if e.get("file"))
    sys.stderr.write(f"wrote {len(manifest)} manifest entries ({files} files) to {args.site}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
