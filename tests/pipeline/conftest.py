"""Fixtures for the crawl-stack tests: small synthetic archives written into ``tmp_path`` in the shape of
``samples/site/`` (a ``manifest.json`` and the files it names), served over real loopback sockets by
:mod:`pipeline.serve`.

The pages are written here, modelled on the archive's eras (FORMAT.md), never copied from it: listing
pages with a "Showing a-b of N results found" line and entries ("Page type: Decision", "Date signed:",
"Reference code:"), decision pages of three eras under their different URL patterns, and small fake
PDFs (the crawler never parses a PDF). ``bench/crawl_bench.py`` loads :func:`build_site` from this file
when ``samples/site`` is missing.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from pipeline.serve import FaultPlan, SampleServer, serve
from pipeline.settings import LISTING_PATH, Settings, load

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_SITE = ROOT / "samples" / "site"

# URL patterns of the archive's eras (FORMAT.md), {n} the decision number, {slug} its title slug
URL_PATTERNS = (
    "/pcd-{n}-{slug}",
    "/programmes-strategies/mayors-office-policing-and-crime-mopac/mopac-governance-and-decision-making/"
    "mopac-decisions/pcd-{n}-{slug}",
    "/what-we-do/mayors-office-policing-and-crime-mopac/governance-and-decision-making/mopac-decisions-{n}",
    "/programmes-strategies/mayors-office-policing-and-crime/governance-and-decision-making/"
    "mopac-decisions-0/{slug}-{n}",
)
TOPICS = (
    "Vehicle fleet renewal",
    "Custody healthcare contract",
    "Violence reduction grants",
    "Estate disposal at Elm Street",
    "Body worn video extension",
    "Victim support services",
    "Forensic laboratory capacity",
    "Youth diversion programme",
)


@dataclass(frozen=True)
class Decision:
    number: int
    title: str
    url: str  # path on the site
    code: str | None  # "PCD 105"; None: an entry with no reference code (identity falls back to the URL)
    signed: date | None
    pdfs: tuple[str, ...]  # paths of the documents the page links


@dataclass
class Site:
    """A site mirror on disk: ``manifest.json`` plus files; edit it while it is being served."""

    root: Path
    decisions: list[Decision] = field(default_factory=list)
    listing_paths: list[str] = field(default_factory=list)
    manifest: dict[str, dict[str, object]] = field(default_factory=dict)
    files: int = 0  # files written so far: names the next one

    def put(self, key: str, body: bytes, content_type: str, *, status: int = 200, save: bool = True) -> None:
        """Serve ``body`` at ``key`` (path and query); file names come from a counter, never the key."""
        spec = self.manifest.get(key)
        if spec and spec.get("file"):
            name = str(spec["file"])
        else:
            self.files += 1
            name = f"files/{self.files:05d}.bin"
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.manifest[key] = {"file": name, "content_type": content_type, "status": status}
        if save:
            self.save()

    def change(self, key: str, body: bytes) -> None:
        """New bytes at ``key`` (with a later mtime, so Last-Modified moves too)."""
        path = self.root / str(self.manifest[key]["file"])
        old = path.stat().st_mtime
        path.write_bytes(body)
        os.utime(path, (old + 5, old + 5))

    def save(self) -> None:
        (self.root / "manifest.json").write_text(json.dumps(self.manifest, indent=1, sort_keys=True))

    def rewrite_decision(
        self, index: int, *, era: int = 0, extra_links: tuple[tuple[str, str], ...] = ()
    ) -> None:
        """New bytes for decision ``index``'s page, with ``extra_links`` ((href, text), ...) added."""
        d = self.decisions[index]
        self.change(d.url, decision_html(d, era=era, extra_links=extra_links))

    def add_to_listing(self, page: int, extra: list[Decision], *, per_page: int = 5) -> None:
        """Listing page ``page`` shows ``extra`` entries after its own (its results line unchanged)."""
        own = self.decisions[page * per_page : (page + 1) * per_page]
        first = page * per_page + 1
        body = listing_html([*own, *extra], first, len(self.decisions), last=first + len(own) - 1)
        self.change(self.listing_paths[page], body)

    def put_pdf(self, key: str, label: str) -> None:
        self.put(key, fake_pdf(label), "application/pdf")

    @staticmethod
    def listing_key(page: int) -> str:
        return listing_key(page)

    def body(self, key: str) -> bytes:
        return (self.root / str(self.manifest[key]["file"])).read_bytes()

    @property
    def page_paths(self) -> list[str]:
        return [d.url for d in self.decisions]

    @property
    def pdf_paths(self) -> list[str]:
        return [p for d in self.decisions for p in d.pdfs]


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def listing_key(page: int) -> str:
    return f"{LISTING_PATH}?page={page}"


def decision_html(d: Decision, *, era: int, extra_links: tuple[tuple[str, str], ...] = ()) -> bytes:
    title = html.escape(f"{d.code} {d.title}" if d.code else d.title)
    signed = d.signed.strftime("%d %B %Y") if d.signed else ""
    if era == 0:  # 2013-2020: labels with values on the next line
        head = (
            f"<h1>{title}</h1><p>Reference code:</p><p>{d.code or ''}</p><p>Date signed:</p><p>{signed}</p>"
            "<p>Authorisation name:</p><p>Deputy Mayor for Policing and Crime</p>"
        )
    elif era == 1:  # 2018-2022: "Key information", empty date
        head = (
            f"<h1>{title}</h1><h2>Key information</h2><ul><li>Reference code: {d.code or ''}</li>"
            "<li>Date signed:</li><li>Decision by: Deputy Mayor, Policing and Crime</li></ul>"
        )
    else:  # 2022+: navigation first, title repeated under "Key information"
        head = (
            '<nav><a href="/">Home</a> <a href="/about">About us</a></nav>'
            f"<h1>{title}</h1><h2>Key information</h2><p>{title}</p>"
            f"<p>Reference code: {d.code or ''}</p><p>Decision by: Deputy Mayor (Past staff)</p>"
        )
    body = (
        "<h2>Executive summary</h2><p>The Deputy Mayor is asked to approve spending of £"
        f"{d.number * 1000:,} on {html.escape(d.title.lower())} over two financial years.</p>"
    )
    names = [f"Appendix {i}" if i else html.escape(d.code or d.title) + " signed" for i in range(len(d.pdfs))]
    links = "".join(f'<p><a href="{p}">{name}</a></p>' for p, name in zip(d.pdfs, names, strict=True))
    links += "".join(f'<p><a href="{href}">{html.escape(text)}</a></p>' for href, text in extra_links)
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><main>{head}{body}"
        f"<h2>Signed decision document</h2>{links}</main></body></html>"
    ).encode()


def listing_html(entries: list[Decision], first: int, total: int, *, last: int | None = None) -> bytes:
    items = []
    for d in entries:
        heading = html.escape(f"{d.code} {d.title}" if d.code else d.title)
        signed = d.signed.strftime("%d %B %Y") if d.signed else ""
        items.append(
            f'<li><h3><a href="{d.url}">{heading}</a></h3><p>Page type: Decision</p>'
            f"<ul><li>Date signed: {signed}</li><li>Reference code: {d.code or ''}</li></ul>"
            f"<p>Approval concerning {html.escape(d.title.lower())}.</p></li>"
        )
    last = first + len(entries) - 1 if last is None else last
    return (
        "<!doctype html><html><head><title>MOPAC decisions</title></head><body><main>"
        f"<h1>MOPAC decisions</h1><p>Showing {first}-{last} of {total} results found</p>"
        f"<ul>{''.join(items)}</ul></main></body></html>"
    ).encode()


def fake_pdf(label: str, size: int = 2048) -> bytes:
    head = f"%PDF-1.4\n% {label}\n".encode()
    return (
        head + (label.encode() * (size // max(len(label), 1) + 1))[: max(size - len(head), 0)] + b"\n%%EOF\n"
    )


def build_site(
    root: Path,
    *,
    decisions: int = 12,
    per_page: int = 5,
    robots: str = "User-agent: *\nDisallow: /search\n",
    today: date | None = None,
    recent: int = 0,
    pdf_bytes: int = 2048,
) -> Site:
    """A synthetic archive: ``decisions`` entries, ``per_page`` per listing page, 1-2 PDFs each.

    Entries are dated years ago (settled) except the last ``recent`` ones (no date: never settled by
    date); every fifth has no reference code; URL patterns rotate through the eras.
    """
    root.mkdir(parents=True, exist_ok=True)
    site = Site(root)
    today = today or date.today()
    for i in range(decisions):
        n = 101 + i
        title = f"{TOPICS[i % len(TOPICS)]} {2015 + i % 9}"
        url = URL_PATTERNS[i % len(URL_PATTERNS)].format(n=n, slug=_slug(title))
        pdfs = tuple(
            f"/sites/default/files/{2016 + i % 8}-0{1 + i % 9}/pcd_{n}_{k}.pdf" for k in range(1 + i % 2)
        )
        code = None if i % 5 == 4 else f"PCD {n}"
        signed = None if i >= decisions - recent else today - timedelta(days=400 + 30 * i)
        site.decisions.append(Decision(n, title, url, code, signed, pdfs))
    pages = max(1, -(-decisions // per_page))
    for page in range(pages):
        chunk = site.decisions[page * per_page : (page + 1) * per_page]
        site.listing_paths.append(listing_key(page))
        site.put(
            listing_key(page), listing_html(chunk, page * per_page + 1, decisions), "text/html; charset=utf-8"
        )
    for i, d in enumerate(site.decisions):
        site.put(d.url, decision_html(d, era=i % 3), "text/html; charset=utf-8", save=False)
        for pdf in d.pdfs:
            site.put(pdf, fake_pdf(f"{d.code or d.title} {pdf}", pdf_bytes), "application/pdf", save=False)
    if robots:
        site.put("/robots.txt", robots.encode(), "text/plain; charset=utf-8", save=False)
    site.save()
    return site


def fast_settings(base_url: str, **overrides: object) -> Settings:
    """Settings for loopback tests: no rate limit, tiny backoff, short timeouts, no fsync."""
    values: dict[str, object] = {
        "base_url": base_url,
        "rate": 0.0,
        "backoff_base": 0.001,
        "backoff_jitter": 0.001,
        "backoff_max": 0.05,
        "retries": 3,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "request_timeout": 20.0,
        "fsync": False,
    }
    values.update(overrides)
    return load({}, **values)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """``make_site(name, **build_site options)``: another synthetic archive under ``tmp_path``."""

    def make(name: str = "site", **options: Any) -> Site:
        return build_site(tmp_path / name, **options)

    return make


@pytest.fixture
def fast() -> Callable[..., Settings]:
    """``fast(base_url, **overrides)``: :func:`fast_settings` for tests that cannot import conftest."""
    return fast_settings


@pytest.fixture
def site(make_site: Callable[..., Site]) -> Site:
    return make_site()


@pytest.fixture
def server(site: Site) -> Iterator[SampleServer]:
    with serve(site.root) as running:
        yield running


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[SampleServer]:
    """A second loopback server standing for a host off the allow-list; it records any hit."""
    root = tmp_path / "elsewhere"
    root.mkdir()
    (root / "page.html").write_text("<html><body><p>Elsewhere</p></body></html>")
    (root / "manifest.json").write_text(
        json.dumps({"/page.html": {"file": "page.html", "content_type": "text/html"}})
    )
    with serve(root, faults=FaultPlan()) as running:
        yield running
