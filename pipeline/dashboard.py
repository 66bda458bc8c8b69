"""``decisions dashboard``: one self-contained HTML page built from the Parquet tables alone.

The page holds its data as JSON in ``<script type="application/json">`` (``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, so no scraped text can close the element) and a small inline script
(``_dashboard_assets/dashboard.js``) draws the charts as SVG and the table with ``textContent`` only.
Links are made only from ``http(s)`` URLs. A Content-Security-Policy with the hashes of the inline script
and style forbids every other script, style and fetch: the page opens offline from disk and asks the
network for nothing.

Money is counted once: each group of restated amounts (``duplicate_of_id``) counts at its first mention
when any of its mentions is a headline, GBP only (the same rule as ``decisions.headline_value``), summed
as integer pence. Money by financial year is by the year the decision was signed in (April–March), i.e.
when it was approved.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from pipeline.errors import BuildError
from pipeline.query import connect
from pipeline.write import atomic_write_bytes, read_metadata

ASSETS = Path(__file__).with_name("_dashboard_assets")
TOP_N = 15  # bars per ranking chart
# The archive's own office is named on every decision: it is the decision maker's side, not a counterparty.
OWN_BODIES = ("Mayor's Office for Policing and Crime",)
SUMMARY_CHARS = 600  # summary text kept per decision (search and detail panel)
_PLACEHOLDER = re.compile(r"\{\{(CSP|CSS|DATA|JS)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class DashboardSummary:
    """What was written: the file, its size, and the headline figures shown on the page."""

    out: Path
    bytes: int
    decisions: int
    approved_pence: int  # sum of counted amounts (headline, not a duplicate, GBP)
    counted_amounts: int
    built_at: str | None  # dataset build time (Parquet metadata)
    schema_version: str | None


def format_pence(p: int) -> str:
    """Integer pence as exact pounds, the way the page shows them.

    >>> format_pence(118300000), format_pence(-45000000), format_pence(5)
    ('£1,183,000.00', '-£450,000.00', '£0.05')
    """
    sign = "-" if p < 0 else ""
    pounds, rem = divmod(abs(p), 100)
    return f"{sign}£{pounds:,}.{rem:02d}"


def financial_year(signed: date | None) -> str | None:
    """The UK financial year (April–March) a date falls in, as ``YYYY/YY``.

    >>> financial_year(date(2022, 3, 31)), financial_year(date(2022, 4, 1)), financial_year(None)
    ('2021/22', '2022/23', None)
    >>> financial_year(date(1999, 12, 1))
    '1999/00'
    """
    if signed is None:
        return None
    start = signed.year if signed.month >= 4 else signed.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def http_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (a ``javascript:`` link stays text).

    >>> http_url("https://www.london.gov.uk/x"), http_url(" JavaScript:alert(1)"), http_url("//evil")
    ('https://www.london.gov.uk/x', None, None)
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def embed_json(value: object) -> str:
    """JSON safe inside a ``<script>`` element: nothing in it can end the element or start markup.

    >>> embed_json({"t": "</script><b>&\u2028"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _code_key(decision_id: str) -> str:
    """Sort key that orders codes by number: ``pcd-99`` before ``pcd-100``."""
    return re.sub(r"\d+", lambda m: m.group().zfill(8), decision_id)


def _iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
) -> list[dict[str, object]]:
    cursor = con.execute(sql, params) if params else con.execute(sql)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _int(value: object) -> int:
    return int(value) if isinstance(value, int) else 0


def collect(data: Path) -> dict[str, object]:
    """Everything the page shows, as JSON-ready values (money in integer pence)."""
    data = Path(data)
    con = connect(data)
    try:
        return _collect(con, data)
    except duckdb.Error as exc:
        raise BuildError(f"{data}: could not read the dataset for the dashboard ({exc}); rebuild it") from exc
    finally:
        con.close()


def _collect(con: duckdb.DuckDBPyConnection, data: Path) -> dict[str, object]:
    decisions = _rows(
        con,
        """SELECT decision_id, reference_code, code_type, title, decision_maker, date_signed, summary, url,
                  pdf_url, era, n_amounts, n_recommendations
           FROM decisions ORDER BY decision_id""",
    )
    known = {str(d["decision_id"]): d for d in decisions}
    amounts = _rows(
        con,
        """SELECT a.amount_id, a.decision_id, a.value_pence, a.currency, a.role, a.duplicate_of_id
           FROM amounts a ORDER BY a.decision_id, a.source, a.ordinal""",
    )
    # A restated sum is one approval: each group of restatements counts once, at its first mention,
    # when any of its mentions is a headline (the rule of decisions.headline_value).
    headline_groups = {a["duplicate_of_id"] or a["amount_id"] for a in amounts if a["role"] == "headline"}
    counted = [a for a in amounts if a["duplicate_of_id"] is None and a["amount_id"] in headline_groups]
    gbp = [a for a in counted if a["currency"] == "GBP"]
    per_decision: dict[str, int] = defaultdict(int)
    by_year: dict[str, dict[str, object]] = {}
    year_decisions: dict[str, set[str]] = defaultdict(set)
    for a in gbp:
        did = str(a["decision_id"])
        p = _int(a["value_pence"])
        per_decision[did] += p
        signed = known.get(did, {}).get("date_signed")
        fy = financial_year(signed if isinstance(signed, date) else None)
        key = fy or "unknown"
        row = by_year.setdefault(key, {"fy": key, "pence": 0, "amounts": 0})
        row["pence"] = _int(row["pence"]) + p
        row["amounts"] = _int(row["amounts"]) + 1
        year_decisions[key].add(did)
    years = sorted(by_year.values(), key=lambda r: (r["fy"] == "unknown", str(r["fy"])))
    for r in years:
        r["decisions"] = len(year_decisions[str(r["fy"])])

    by_type: dict[tuple[str, str], dict[str, object]] = {}
    for d in decisions:
        group = (str(d["code_type"] or "no code"), str(d["era"] or "unknown era"))
        row = by_type.setdefault(
            group, {"code_type": group[0], "era": group[1], "pence": 0, "decisions": 0, "with_money": 0}
        )
        row["decisions"] = _int(row["decisions"]) + 1
        did = str(d["decision_id"])
        if did in per_decision:
            row["pence"] = _int(row["pence"]) + per_decision[did]
            row["with_money"] = _int(row["with_money"]) + 1

    cited_by: dict[str, set[str]] = defaultdict(set)
    cited_code: dict[str, str] = {}
    references = _rows(
        con,
        """SELECT decision_id, cited_decision_id, cited_code, relation FROM "references"
           ORDER BY decision_id, start, cited_code""",
    )
    relations: list[dict[str, object]] = []
    for r in references:
        src, dst = str(r["decision_id"]), str(r["cited_decision_id"])
        if src == dst:
            continue  # a page naming its own code is not a citation
        cited_by[dst].add(src)
        cited_code[dst] = str(r["cited_code"])
        if r["relation"] != "cites":
            relations.append({"from": src, "relation": str(r["relation"]), "to": dst})

    def label(did: str) -> dict[str, object]:
        d = known.get(did)
        code = d["reference_code"] if d else cited_code.get(did)
        return {
            "id": did,
            "code": code or did,
            "title": d["title"] if d else None,
            "in_dataset": d is not None,
        }

    most_cited = sorted(cited_by, key=lambda k: (-len(cited_by[k]), _code_key(k)))[:TOP_N]
    counterparties = _rows(
        con,
        """SELECT normalised AS name, count(DISTINCT decision_id) AS decisions, count(*) AS mentions,
                  list(DISTINCT decision_id ORDER BY decision_id) AS ids
           FROM entities WHERE label = 'ORG' AND normalised NOT IN (SELECT unnest(?))
           GROUP BY normalised""",
        [list(OWN_BODIES)],
    )
    for c in counterparties:
        ids = c.pop("ids")
        c["pence"] = sum(per_decision.get(str(i), 0) for i in (ids if isinstance(ids, list) else []))
    counterparties.sort(key=lambda c: (-_int(c["decisions"]), -_int(c["pence"]), str(c["name"])))

    meta = read_metadata(data / "decisions.parquet")
    last_crawl = con.execute(
        "SELECT greatest((SELECT max(last_seen) FROM documents), (SELECT max(last_seen) FROM decisions))"
    ).fetchall()[0][0]
    errors = _rows(con, "SELECT reason, count(*) AS n FROM errors GROUP BY reason ORDER BY n DESC, reason")
    row_counts = {name: int(n) for name, n in json.loads(meta.get("row_counts", "{}")).items()}

    table = []
    for d in decisions:
        did = str(d["decision_id"])
        summary = str(d["summary"] or "")
        table.append(
            {
                "id": did,
                "key": _code_key(did),
                "code": d["reference_code"],
                "title": d["title"],
                "date": _iso(d["date_signed"]),
                "maker": d["decision_maker"],
                "type": d["code_type"],
                "era": d["era"],
                "pence": per_decision.get(did),
                "n_amounts": d["n_amounts"],
                "n_recs": d["n_recommendations"],
                "url": d["url"],
                "href": http_url(str(d["url"] or "")),
                "pdf": d["pdf_url"],
                "pdf_href": http_url(str(d["pdf_url"] or "")),
                "cited_by": len(cited_by.get(did, ())),
                "summary": summary[:SUMMARY_CHARS] + ("…" if len(summary) > SUMMARY_CHARS else ""),
            }
        )
    largest = sorted(per_decision, key=lambda k: (-per_decision[k], _code_key(k)))[:TOP_N]
    return {
        "meta": {
            "built_at": meta.get("built_at"),
            "schema_version": meta.get("schema_version"),
            "package_version": meta.get("package_version"),
            "source_base_url": meta.get("source_base_url"),
            "last_crawl": _iso(last_crawl),
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "row_counts": row_counts,
        },
        "money": {
            "approved_pence": sum(per_decision.values()),
            "counted_amounts": len(gbp),
            "all_amounts": len(amounts),
            "duplicates_skipped": sum(1 for a in amounts if a["duplicate_of_id"] is not None),
            "not_headline": sum(
                1 for a in amounts if a["duplicate_of_id"] is None and a["amount_id"] not in headline_groups
            ),
            "non_gbp": len(counted) - len(gbp),
            "decisions_with_money": len(per_decision),
        },
        "by_year": years,
        "by_type": sorted(
            by_type.values(), key=lambda r: (-_int(r["pence"]), str(r["code_type"]), str(r["era"]))
        ),
        "largest": [{**label(k), "pence": per_decision[k]} for k in largest],
        "counterparties": counterparties[:TOP_N],
        "most_cited": [{**label(k), "cited_by": len(cited_by[k])} for k in most_cited],
        "relations": [_relation(r, label(str(r["from"])), label(str(r["to"]))) for r in relations],
        "errors": errors,
        "decisions": table,
    }


def _relation(edge: dict[str, object], src: dict[str, object], dst: dict[str, object]) -> dict[str, object]:
    return {
        **edge,
        "from_code": src["code"],
        "from_title": src["title"],
        "to_code": dst["code"],
        "to_title": dst["title"],
    }


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_html(payload: dict[str, object]) -> str:
    """The page: template + inline CSS + inline JS + the data, under a hash-based CSP."""
    template = (ASSETS / "dashboard.html").read_text(encoding="utf-8")
    css = (ASSETS / "dashboard.css").read_text(encoding="utf-8")
    js = (ASSETS / "dashboard.js").read_text(encoding="utf-8")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    values = {"CSP": csp, "CSS": css, "DATA": embed_json(payload), "JS": js}
    # one pass, so text inside the data that looks like a placeholder is never substituted
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def build_dashboard(data: Path, out: Path) -> DashboardSummary:
    """Read the dataset in ``data`` and write the dashboard page to ``out`` (atomically)."""
    payload = collect(Path(data))
    html = render_html(payload).encode("utf-8")
    out = Path(out)
    try:
        atomic_write_bytes(out, html)
    except OSError as exc:
        raise BuildError(
            f"could not write the dashboard to {out}: {exc}; check free space and permissions"
        ) from exc
    meta = payload["meta"]
    money = payload["money"]
    decisions = payload["decisions"]
    assert isinstance(meta, dict) and isinstance(money, dict) and isinstance(decisions, list)
    return DashboardSummary(
        out=out,
        bytes=len(html),
        decisions=len(decisions),
        approved_pence=int(money["approved_pence"]),
        counted_amounts=int(money["counted_amounts"]),
        built_at=meta.get("built_at"),
        schema_version=meta.get("schema_version"),
    )
