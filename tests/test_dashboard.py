"""The dashboard page, opened in headless Chromium and driven over the DevTools protocol.

A small dataset is written with the real writer (:func:`pipeline.write.write_dataset`): five decisions
over three financial years, restatements and components that must not be added, a citation graph, and a
decision whose scraped title, summary and links are hostile. The page is checked the way a reader sees it:
the numbers drawn, the table, the search box, what the hostile text became, and every request it made.

The DevTools client is a few lines of stdlib (HTTP upgrade + RFC 6455 frames), so no websocket package
is needed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pipeline.dashboard import build_dashboard, collect, embed_json, format_pence, render_html
from pipeline.errors import BuildError
from pipeline.write import write_dataset
from schemas.tables import AmountRow, DecisionRow, EntityRow, ErrorRow, ReferenceRow
from schemas.values import pence, stable_id

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("DECISIONS_CHROMIUM", "/usr/bin/chromium")
WHEN = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
CRAWLED = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
BASE = "http://127.0.0.1:8765"

HOSTILE_TITLE = (
    '<script>window.__xss = "script"; alert(1)</script>"><img src=x onerror="window.__xss = \'img\'">'
)
HOSTILE_SUMMARY = "</script><svg onload=\"window.__xss = 'svg'\"></svg>{{JS}} & \u2028 done"
HOSTILE_URL = "javascript:window.__xss = 'link'"


# -- the dataset ------------------------------------------------------------------------------------
def decision(
    did: str,
    *,
    title: str,
    era: str | None,
    signed: date | None,
    url: str | None = None,
    pdf: str | None = None,
    summary: str | None = None,
    code_type: str = "PCD",
) -> DecisionRow:
    number = int(did.rsplit("-", 1)[1])
    return DecisionRow(
        decision_id=did,
        reference_code=did.upper().replace("-", " "),
        code_type=code_type,
        code_number=number,
        code_source="key_info",
        title=title,
        title_source="html",
        decision_maker="Sophie Linden",
        decision_maker_role="Deputy Mayor",
        date_signed=signed,
        date_signed_source="html" if signed else None,
        date_published=None,
        summary=summary,
        url=url or f"{BASE}/{did}",
        pdf_url=pdf,
        era=era,
        part2=False,
        n_recommendations=1,
        n_amounts=0,
        headline_value=None,
        headline_value_pence=None,
        html_sha256="ab" * 32,
        pdf_sha256=None,
        first_seen=WHEN,
        last_seen=WHEN,
        conflicts=[],
        flags=[],
        confidence=1.0,
    )


def amount(
    did: str,
    ordinal: int,
    value: str,
    *,
    role: str = "headline",
    duplicate_of: str | None = None,
    currency: str = "GBP",
) -> AmountRow:
    v = Decimal(value)
    return AmountRow(
        amount_id=f"{did}-a{ordinal}",
        decision_id=did,
        ordinal=ordinal,
        source="html",
        page=None,
        start=ordinal,
        end=ordinal + 5,
        text=f"£{value}",
        value=v,
        value_pence=pence(v),
        currency=currency,
        table=False,
        scale=1,
        qualifier="exact",
        vat=None,
        period=None,
        financial_year=None,
        quarter=None,
        range_with_id=None,
        role=role,
        duplicate_of_id=duplicate_of,
        confidence=1.0,
        reason=None,
    )


def ref(src: str, dst: str, relation: str) -> ReferenceRow:
    code = dst.upper().replace("-", " ")
    return ReferenceRow(
        reference_id=stable_id(src, dst),
        decision_id=src,
        cited_code=code,
        cited_decision_id=dst,
        cited_url=None,
        relation=relation,
        raw=code,
        source="html",
        start=0,
        end=len(code),
        confidence=1.0,
    )


def org(did: str, name: str, start: int) -> EntityRow:
    return EntityRow(
        entity_id=stable_id(did, name, start),
        decision_id=did,
        label="ORG",
        text=name,
        normalised=name,
        role=None,
        source="html",
        start=start,
        end=start + len(name),
        confidence=1.0,
    )


MPS = "Metropolitan Police Service"
ROWS: dict[str, list[object]] = {
    "decisions": [
        decision(
            "pcd-1",
            title="Custody healthcare contract",
            era="2013-2020",
            signed=date(2019, 5, 1),
            pdf=f"{BASE}/files/pcd-1.pdf",
            summary="Healthcare in custody suites.",
        ),
        decision(
            "pcd-2",
            title=HOSTILE_TITLE,
            era="2022+",
            signed=date(2023, 1, 15),
            url=HOSTILE_URL,
            pdf="javascript:alert(2)",
            summary=HOSTILE_SUMMARY,
        ),
        decision(
            "pcd-3",
            title="Vehicle fleet renewal",
            era="2022+",
            signed=date(2023, 2, 1),
            pdf=f"{BASE}/files/pcd-3.pdf",
        ),
        decision("pcd-5", title="Violence reduction grants", era="2022+", signed=date(2023, 6, 1)),
        decision(
            "dmpcd-2015-132",
            title="Estate disposal at Elm Street",
            era="2013-2020",
            signed=None,
            code_type="DMPCD",
        ),
    ],
    "amounts": [
        amount("pcd-1", 1, "1183000.00"),
        amount("pcd-1", 2, "1183000.00", duplicate_of="pcd-1-a1"),  # restated in the summary: not again
        amount("pcd-1", 3, "200000.00", role="component"),  # part of the headline: not again
        amount("pcd-2", 1, "450000.50"),
        amount("pcd-2", 2, "50000.00"),
        amount("pcd-2", 3, "99.00", role="previous_approval"),
        amount("pcd-3", 1, "3000000.00"),
        amount("pcd-3", 2, "5000.00", currency="EUR"),  # not pounds: left out of the sums
        amount("pcd-5", 1, "12345678.90"),
    ],
    "references": [
        ref("pcd-3", "pcd-1", "varies"),
        ref("pcd-3", "pcd-2", "cites"),
        ref("pcd-5", "pcd-1", "cites"),
        ref("pcd-5", "pcd-3", "extends"),
        ref("pcd-5", "pcd-999", "cites"),
        ref("pcd-5", "pcd-5", "cites"),  # a page naming its own code
    ],
    "entities": [
        org("pcd-1", MPS, 10),
        org("pcd-3", MPS, 10),
        org("pcd-5", MPS, 10),
        org("pcd-5", MPS, 90),
        org("pcd-5", "Home Office", 40),
    ],
    "errors": [
        ErrorRow(
            error_id="e1",
            stage="parse",
            reason="needs_ocr",
            message="scan",
            url=f"{BASE}/files/x.pdf",
            decision_id=None,
            sha256=None,
            status=None,
            when=CRAWLED,
        ),
    ],
}
# by financial year signed: 2019/20 pcd-1; 2022/23 pcd-2 + pcd-3; 2023/24 pcd-5
BY_YEAR = {"2019/20": 118_300_000, "2022/23": 50_000_050 + 300_000_000, "2023/24": 1_234_567_890}
TOTAL = sum(BY_YEAR.values())


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dashboard") / "data"
    write_dataset(out, ROWS, base_url=BASE, built_at=WHEN)
    return out


# -- without a browser: the figures and the page's bytes --------------------------------------------
def test_money_is_counted_once_by_financial_year_signed(data: Path) -> None:
    payload = collect(data)
    assert {r["fy"]: r["pence"] for r in payload["by_year"]} == BY_YEAR  # type: ignore[attr-defined]
    money = payload["money"]
    assert isinstance(money, dict)
    assert money["approved_pence"] == TOTAL == 1_702_867_940
    assert money["counted_amounts"] == 5 and money["duplicates_skipped"] == 1 and money["non_gbp"] == 1


def test_rankings_and_citation_graph(data: Path) -> None:
    payload = collect(data)
    largest = payload["largest"]
    cited = payload["most_cited"]
    parties = payload["counterparties"]
    relations = payload["relations"]
    assert isinstance(largest, list) and isinstance(cited, list) and isinstance(parties, list)
    assert isinstance(relations, list)
    assert [r["id"] for r in largest] == ["pcd-5", "pcd-3", "pcd-1", "pcd-2"]
    assert [(r["id"], r["cited_by"], r["in_dataset"]) for r in cited] == [
        ("pcd-1", 2, True),
        ("pcd-2", 1, True),
        ("pcd-3", 1, True),
        ("pcd-999", 1, False),
    ]
    assert [(c["name"], c["decisions"], c["mentions"], c["pence"]) for c in parties] == [
        (MPS, 3, 4, 118_300_000 + 300_000_000 + 1_234_567_890),
        ("Home Office", 1, 1, 1_234_567_890),
    ]
    assert [(r["from"], r["relation"], r["to"]) for r in relations] == [
        ("pcd-3", "varies", "pcd-1"),
        ("pcd-5", "extends", "pcd-3"),
    ]


def test_freshness_comes_from_the_parquet_metadata(data: Path) -> None:
    meta = collect(data)["meta"]
    assert isinstance(meta, dict)
    assert meta["built_at"] == WHEN.isoformat() and meta["schema_version"]
    assert meta["last_crawl"] == "2026-11-01T12:00:00+00:00"
    assert meta["row_counts"]["decisions"] == 5


def test_the_page_is_self_contained_and_the_data_cannot_break_out(data: Path, tmp_path: Path) -> None:
    summary = build_dashboard(data, tmp_path / "d.html")
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert summary.decisions == 5 and summary.approved_pence == TOTAL and summary.bytes == len(page.encode())
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)  # nothing fetched from anywhere
    assert page.count("<script") == 2 and page.count("</script>") == 2  # ours only: data cannot close one
    assert "<img" not in page and "\u2028" not in page
    data_json = page.split('id="dashboard-data">', 1)[1].split("</script>", 1)[0]
    titles = {d["id"]: d["title"] for d in json.loads(data_json)["decisions"]}
    assert titles["pcd-2"] == HOSTILE_TITLE
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1)
    js = page.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp.group(1)


def test_placeholders_inside_the_data_are_left_alone() -> None:
    page = render_html({"x": "{{JS}} {{DATA}} {{CSP}}"})
    assert '"x": "{{JS}} {{DATA}} {{CSP}}"' in page


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "£0.00"),
        (1, "£0.01"),
        (100_000, "£1,000.00"),
        (-12_345, "-£123.45"),
        (1_515_800_000_000, "£15,158,000,000.00"),
    ],
)
def test_format_pence(value: int, expected: str) -> None:
    assert format_pence(value) == expected


def test_embed_json_escapes_every_character_that_could_end_the_script() -> None:
    text = embed_json(["</script>", "<!--", "&amp;", "\u2028\u2029"])
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == ["</script>", "<!--", "&amp;", "\u2028\u2029"]


def test_no_dataset_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no dataset here"):
        build_dashboard(tmp_path, tmp_path / "d.html")


# -- in the browser ---------------------------------------------------------------------------------
class DevTools:
    """A minimal Chrome DevTools Protocol client over one websocket (stdlib only, RFC 6455 client side)."""

    def __init__(self, ws_url: str) -> None:
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", ws_url)
        assert m, ws_url
        self.sock = socket.create_connection((m[1], int(m[2])), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET {m[3]} HTTP/1.1\r\nHost: {m[1]}:{m[2]}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            assert chunk, "DevTools closed the connection during the handshake"
            head += chunk
        assert head.startswith(b"HTTP/1.1 101"), head
        self.next_id = 0
        self.events: list[dict[str, object]] = []

    def close(self) -> None:
        self.sock.close()

    def _recv_exact(self, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            assert chunk, "DevTools connection closed"
            buf += chunk
        return buf

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _recv_message(self) -> dict[str, object]:
        parts: list[bytes] = []
        while True:
            b0, b1 = self._recv_exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._recv_exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._recv_exact(8))[0]
            payload = self._recv_exact(n)  # server frames are never masked
            opcode = b0 & 0x0F
            if opcode == 0x9:  # ping
                self._send_frame(0xA, payload)
                continue
            assert opcode != 0x8, "DevTools closed the websocket"
            if opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if b0 & 0x80:
                    message = json.loads(b"".join(parts))
                    assert isinstance(message, dict)
                    return message

    def send(self, method: str, **params: object) -> dict[str, object]:
        self.next_id += 1
        call_id = self.next_id
        self._send_frame(0x1, json.dumps({"id": call_id, "method": method, "params": params}).encode())
        while True:
            message = self._recv_message()
            if message.get("id") == call_id:
                assert "error" not in message, (method, message["error"])
                result = message.get("result", {})
                assert isinstance(result, dict)
                return result
            self.events.append(message)

    def wait_for(self, method: str, deadline_s: float = 30) -> dict[str, object]:
        """Read messages until an event ``method`` arrives (a hang guard, not a timing assertion)."""
        end = time.monotonic() + deadline_s
        for event in self.events:
            if event.get("method") == method:
                return event
        while time.monotonic() < end:
            message = self._recv_message()
            self.events.append(message)
            if message.get("method") == method:
                return message
        raise AssertionError(f"no {method} event from Chromium")

    def params(self, method: str) -> list[Any]:
        """Parameters of every ``method`` event received so far (protocol JSON, typed by Chromium)."""
        return [e.get("params") for e in self.events if e.get("method") == method]

    def evaluate(self, expression: str) -> object:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        value = result["result"]
        assert isinstance(value, dict)
        return value.get("value")


@contextlib.contextmanager
def chromium(profile: Path) -> Iterator[DevTools]:
    """Headless Chromium on a loopback DevTools port; yields a client attached to its blank page."""
    proc = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-sync",
            "--disable-component-update",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "--window-size=1280,1600",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client: DevTools | None = None
    try:
        port_file = profile / "DevToolsActivePort"
        end = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            assert proc.poll() is None, f"chromium exited with {proc.returncode}"
            assert time.monotonic() < end, "chromium did not open its DevTools port"
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/json/list")
        targets = json.loads(conn.getresponse().read())
        conn.close()
        page = next(t for t in targets if t["type"] == "page")
        client = DevTools(page["webSocketDebuggerUrl"])
        yield client
    finally:
        if client is not None:
            client.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser_page(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DevTools, Path]]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (make system-deps) "
            "or set DECISIONS_CHROMIUM"
        )
    tmp = tmp_path_factory.mktemp("browser")
    page = tmp / "dashboard.html"
    build_dashboard(data, page)
    with chromium(tmp / "profile") as tab:
        tab.send("Network.enable")
        tab.send("Page.enable")
        tab.send("Runtime.enable")
        tab.send("Log.enable")
        # Any dialog or marker would come from injected markup: record them instead of blocking.
        tab.send(
            "Page.addScriptToEvaluateOnNewDocument",
            source="window.__dialogs = [];"
            " window.alert = function (m) { window.__dialogs.push(String(m)); };",
        )
        tab.events.clear()
        tab.send("Page.navigate", url=page.as_uri())
        tab.wait_for("Page.loadEventFired")
        assert tab.evaluate("document.body.getAttribute('data-ready')") == "1", (
            "the page's script did not finish"
        )
        yield tab, page


@pytest.mark.browser
def test_charts_show_the_exact_numbers(browser_page: tuple[DevTools, Path]) -> None:
    tab, _ = browser_page
    tips = tab.evaluate(
        "Array.from(document.querySelectorAll('#chart-years g.bar > title'), t => t.textContent)"
    )
    assert tips == [
        "2019/20: £1,183,000.00 (1 decision, 1 amount)",
        "2022/23: £3,500,000.50 (2 decisions, 3 amounts)",
        "2023/24: £12,345,678.90 (1 decision, 1 amount)",
    ]
    heights = tab.evaluate(
        "Array.from(document.querySelectorAll('#chart-years g.bar rect'), r => r.getBBox().height)"
    )
    assert isinstance(heights, list) and heights[2] == max(heights) and heights[0] < heights[1] < heights[2]
    assert tab.evaluate("document.querySelector('#total-approved .v').textContent") == "£17,028,679.40"
    largest = tab.evaluate(
        "Array.from(document.querySelectorAll('#chart-largest g.bar > title'), t => t.textContent)"
    )
    assert isinstance(largest, list) and largest[0] == "PCD 5 Violence reduction grants: £12,345,678.90"
    cited = tab.evaluate("document.querySelector('#chart-cited g.bar > title').textContent")
    assert cited == "PCD 1 Custody healthcare contract: cited by 2 decisions"
    party = tab.evaluate("document.querySelector('#chart-counterparties g.bar > title').textContent")
    assert (
        party == f"{MPS}: named in 3 decisions (4 mentions), approved money of those decisions £16,528,678.90"
    )
    relations = tab.evaluate("Array.from(document.querySelectorAll('#relations li'), li => li.textContent)")
    assert relations == [
        "PCD 3 Vehicle fleet renewal varies PCD 1 Custody healthcare contract",
        "PCD 5 Violence reduction grants extends PCD 3 Vehicle fleet renewal",
    ]
    fresh = tab.evaluate("document.querySelector('[data-field=\"Last crawl\"] dd').textContent")
    assert fresh == "2026-11-01T12:00:00+00:00"


@pytest.mark.browser
def test_table_lists_every_decision_with_exact_money_and_sorts(browser_page: tuple[DevTools, Path]) -> None:
    tab, _ = browser_page
    table = (
        "Array.from(document.querySelectorAll('#decisions-table tbody tr'),"
        " tr => [tr.dataset.id, tr.cells[6].textContent])"
    )
    assert tab.evaluate(table) == [  # newest signed first; no date last
        ["pcd-5", "£12,345,678.90"],
        ["pcd-3", "£3,000,000.00"],
        ["pcd-2", "£500,000.50"],
        ["pcd-1", "£1,183,000.00"],
        ["dmpcd-2015-132", ""],
    ]
    tab.evaluate("document.querySelector('#decisions-table th[data-key=\"code\"]').click()")
    order = tab.evaluate(
        "Array.from(document.querySelectorAll('#decisions-table tbody tr'), tr => tr.dataset.id)"
    )
    assert order == ["dmpcd-2015-132", "pcd-1", "pcd-2", "pcd-3", "pcd-5"]
    tab.evaluate("document.querySelector('#decisions-table th[data-key=\"pence\"]').click()")
    order = tab.evaluate(
        "Array.from(document.querySelectorAll('#decisions-table tbody tr'), tr => tr.dataset.id)"
    )
    assert isinstance(order, list) and order[:2] == ["pcd-5", "pcd-3"] and order[-1] == "dmpcd-2015-132"
    links = tab.evaluate("Array.from(document.querySelectorAll('#decisions-table a'), a => a.href)")
    assert isinstance(links, list) and f"{BASE}/files/pcd-1.pdf" in links and f"{BASE}/pcd-1" in links


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("violence", ["pcd-5"]),
        ("2013-2020", ["dmpcd-2015-132", "pcd-1"]),
        ("FLEET pcd", ["pcd-3"]),
        ("custody suites", ["pcd-1"]),  # summary text is searched too
        ("no such words", []),
        ("", ["dmpcd-2015-132", "pcd-1", "pcd-2", "pcd-3", "pcd-5"]),
    ],
)
def test_search_filters_rows(browser_page: tuple[DevTools, Path], query: str, expected: list[str]) -> None:
    tab, _ = browser_page
    shown = tab.evaluate(
        "(() => { const s = document.getElementById('search'); s.value = " + json.dumps(query) + ";"
        " s.dispatchEvent(new Event('input'));"
        " return Array.from(document.querySelectorAll('#decisions-table tbody tr'))"
        ".filter(tr => !tr.hidden && tr.offsetParent !== null).map(tr => tr.dataset.id).sort(); })()"
    )
    assert shown == expected
    assert (
        tab.evaluate("document.getElementById('shown-count').textContent")
        == f"{len(expected)} of 5 decisions"
    )


@pytest.mark.browser
def test_hostile_text_stays_text(browser_page: tuple[DevTools, Path]) -> None:
    tab, _ = browser_page
    tab.evaluate(
        "document.querySelector('#decisions-table tr[data-id=\"pcd-2\"] td').click()"
    )  # detail panel
    assert tab.evaluate("window.__xss === undefined && window.__dialogs.length === 0") is True
    assert tab.evaluate("document.querySelectorAll('img, iframe, object, embed, svg [onload]').length") == 0
    assert tab.evaluate("document.scripts.length") == 2
    title = tab.evaluate(
        "document.querySelector('#decisions-table tr[data-id=\"pcd-2\"]').cells[1].textContent"
    )
    assert title == HOSTILE_TITLE
    assert tab.evaluate("document.querySelector('#detail h3').textContent") == f"PCD 2: {HOSTILE_TITLE}"
    assert HOSTILE_SUMMARY in str(tab.evaluate("document.getElementById('detail').textContent"))
    hrefs = tab.evaluate("Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))")
    assert isinstance(hrefs, list) and hrefs
    assert all(h == "#decisions" or h.startswith(("http://", "https://")) for h in hrefs), hrefs
    cell = tab.evaluate(
        "Array.from(document.querySelector('#decisions-table tr[data-id=\"pcd-2\"]')"
        ".cells[8].querySelectorAll('span.nolink'), s => s.textContent)"
    )
    assert cell == ["page", "PDF"]  # the javascript: links became plain text


@pytest.mark.browser
def test_no_request_leaves_the_page_and_nothing_is_blocked(browser_page: tuple[DevTools, Path]) -> None:
    tab, page = browser_page
    tab.evaluate("document.getElementById('search').value = 'pcd'")  # let pending events arrive
    requested = [p["request"]["url"] for p in tab.params("Network.requestWillBeSent")]
    assert requested == [page.as_uri()]
    problems = [p["entry"]["text"] for p in tab.params("Log.entryAdded") if p["entry"]["level"] == "error"]
    exceptions = tab.params("Runtime.exceptionThrown")
    assert problems == [] and exceptions == []


@pytest.mark.browser
def test_screenshot_artefact(browser_page: tuple[DevTools, Path]) -> None:
    tab, _ = browser_page
    tab.evaluate(
        "(() => { const s = document.getElementById('search'); s.value = '';"
        " s.dispatchEvent(new Event('input')); window.scrollTo(0, 0); })()"
    )
    shot = tab.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    png = base64.b64decode(str(shot["data"]))
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "dashboard.png").write_bytes(png)


# -- a dataset the real pipeline built --------------------------------------------------------------
@pytest.fixture(scope="module")
def pipeline_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample archive crawled and built (samples/site when generated, else the crawl tests' site)."""
    from pipeline.build import build_dataset
    from pipeline.crawl import crawl
    from pipeline.serve import serve
    from pipeline.store import Store
    from samples.golden import SITE
    from tests.pipeline.conftest import build_site, fast_settings

    work = tmp_path_factory.mktemp("pipeline")
    site = SITE if (SITE / "manifest.json").exists() else build_site(work / "site").root
    with serve(site) as server:
        settings = fast_settings(server.url)
        with Store(work / "store", fsync=False) as store:
            crawl(settings, store, progress=False)
        build_dataset(work / "store", work / "out", settings)
    return work / "out", work / "store"


def _sql_by_year(data: Path) -> list[str]:
    """Approved money per financial year signed, computed independently with DuckDB from the Parquet."""
    from pipeline.query import connect

    con = connect(data)
    try:
        rows = con.execute(
            """WITH headline_groups AS (
                   SELECT DISTINCT coalesce(duplicate_of_id, amount_id) AS amount_id
                   FROM amounts WHERE role = 'headline'),
               a AS (
                   SELECT a.value_pence, d.decision_id,
                          CASE WHEN d.date_signed IS NULL THEN NULL
                               WHEN month(d.date_signed) >= 4 THEN year(d.date_signed)
                               ELSE year(d.date_signed) - 1 END AS y
                   FROM amounts a LEFT JOIN decisions d USING (decision_id)
                   WHERE a.amount_id IN (SELECT amount_id FROM headline_groups)
                     AND a.duplicate_of_id IS NULL AND a.currency = 'GBP')
               SELECT coalesce(printf('%d/%02d', y, (y + 1) % 100), 'unknown') AS fy, sum(value_pence),
                      count(DISTINCT decision_id), count(*)
               FROM a GROUP BY 1 ORDER BY fy = 'unknown', fy"""
        ).fetchall()
    finally:
        con.close()

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return [
        f"{fy}: {format_pence(int(p))} ({plural(n, 'decision')}, {plural(k, 'amount')})"
        for fy, p, n, k in rows
    ]


@pytest.mark.browser
def test_a_dataset_built_by_the_pipeline_renders_with_the_same_numbers_as_sql(
    pipeline_built: tuple[Path, Path], tmp_path: Path
) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    import pyarrow.parquet as pq

    from pipeline.report import build_report

    data, store = pipeline_built
    n = pq.read_metadata(data / "decisions.parquet").num_rows
    assert n > 0
    page = tmp_path / "dashboard.html"
    summary = build_dashboard(data, page)
    with chromium(tmp_path / "profile") as tab:
        tab.send("Network.enable")
        tab.send("Page.enable")
        tab.send("Log.enable")
        tab.send("Runtime.enable")
        tab.events.clear()
        tab.send("Page.navigate", url=page.as_uri())
        tab.wait_for("Page.loadEventFired")
        assert tab.evaluate("document.body.getAttribute('data-ready')") == "1"
        assert tab.evaluate("document.querySelectorAll('#decisions-table tbody tr').length") == n
        tips = tab.evaluate(
            "Array.from(document.querySelectorAll('#chart-years g.bar > title'), t => t.textContent)"
        )
        assert tips == _sql_by_year(data) and tips
        total = tab.evaluate("document.querySelector('#total-approved .v').textContent")
        assert total == format_pence(summary.approved_pence)
        assert [p["request"]["url"] for p in tab.params("Network.requestWillBeSent")] == [page.as_uri()]
        assert [p for p in tab.params("Log.entryAdded") if p["entry"]["level"] == "error"] == []
        assert tab.params("Runtime.exceptionThrown") == []
    report = build_report(store, data)
    assert report["coverage"]["listed_not_fetched"] == [] and report["runs"][0]["counts"]["fetched"] > 0
