(function () {
  "use strict";
  // Every piece of data reaches the page through textContent or setAttribute: never as markup.
  var SVG_NS = "http://www.w3.org/2000/svg";
  var DATA = JSON.parse(document.getElementById("dashboard-data").textContent);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(SVG_NS, tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // Exact pounds from integer pence: "£1,183,000.00".
  function money(p) {
    if (p === null || p === undefined) { return ""; }
    var neg = p < 0, a = Math.abs(p);
    var pounds = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var rem = String(a % 100);
    return (neg ? "-" : "") + "£" + pounds + "." + (rem.length < 2 ? "0" + rem : rem);
  }

  // Short pounds for axis and bar labels: "£1.2m", "£450k", "£950".
  function short(p) {
    var v = p / 100, a = Math.abs(v), s;
    if (a >= 1e9) { s = (v / 1e9).toFixed(a >= 1e10 ? 0 : 1) + "bn"; }
    else if (a >= 1e6) { s = (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + "m"; }
    else if (a >= 1e3) { s = (v / 1e3).toFixed(0) + "k"; }
    else { s = v.toFixed(0); }
    s = s.replace(/\.0(?=[a-z]|$)/, "");
    return (v < 0 ? "-£" + s.slice(1) : "£" + s);
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function safeHref(u) {
    if (typeof u !== "string" || !u) { return null; }
    var parsed;
    try { parsed = new URL(u); } catch (e) { return null; }
    return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : null;
  }

  // A link only for http(s) URLs; anything else (javascript:, data:, relative) is shown as plain text.
  function link(u, text) {
    var href = safeHref(u);
    if (!href) { return el("span", { "class": "nolink", "title": "not an http(s) link" }, text); }
    return el("a", { "href": href, "rel": "noopener noreferrer", "target": "_blank" }, text);
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // ---- charts ----------------------------------------------------------------------------------------
  function emptyNote(container, text) { container.appendChild(el("p", { "class": "empty" }, text)); }

  // A round axis maximum: 1, 2 or 5 times a power of ten, at least ``v``.
  function niceMax(v) {
    if (v <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v))), steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= v) { return steps[i] * p; } }
    return 10 * p;
  }

  function widthOf(container, fallback) { return Math.max(320, Math.round(container.clientWidth || fallback)); }

  // Vertical bars; item: {label, value, shown, tip}.
  function columns(container, items, caption) {
    if (!items.length) { return emptyNote(container, "No data."); }
    var W = widthOf(container, 960), H = 300, left = 64, bottom = 40, top = 22;
    var max = niceMax(Math.max.apply(null, items.map(function (i) { return Math.max(i.value, 0); })));
    var slot = (W - left - 10) / items.length, bw = Math.max(4, Math.min(64, slot * 0.7));
    var root = svgEl("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": caption });
    root.appendChild(svgEl("title", null, caption));
    for (var t = 0; t <= 4; t++) {
      var y = top + (H - top - bottom) * (1 - t / 4);
      root.appendChild(svgEl("line", { x1: left, x2: W, y1: y, y2: y, "class": "axis" }));
      root.appendChild(svgEl("text", { x: left - 6, y: y + 4, "text-anchor": "end", "class": "value" },
        short(Math.round(max * t / 4))));
    }
    items.forEach(function (item, i) {
      var h = (H - top - bottom) * Math.max(item.value, 0) / max;
      var x = left + slot * i + (slot - bw) / 2;
      var g = svgEl("g", { "class": "bar", tabindex: 0, "data-key": item.label });
      g.appendChild(svgEl("title", null, item.tip));
      g.appendChild(svgEl("rect", { x: x, y: H - bottom - h, width: bw, height: Math.max(h, 1) }));
      g.appendChild(svgEl("text", { x: x + bw / 2, y: H - bottom - h - 5, "text-anchor": "middle", "class": "value" },
        item.shown));
      g.appendChild(svgEl("text", { x: x + bw / 2, y: H - bottom + 16, "text-anchor": "middle" }, item.label));
      root.appendChild(g);
    });
    container.appendChild(root);
  }

  // Horizontal bars; item: {label, value, shown, tip, id (optional: click selects the decision)}.
  function bars(container, items, caption) {
    if (!items.length) { return emptyNote(container, "No data."); }
    var W = widthOf(container, 560), row = 24, top = 4;
    var labelW = Math.min(320, Math.round(W * 0.45)), valueW = 70, chars = Math.floor(labelW / 7);
    var H = top + row * items.length + 4;
    var max = Math.max.apply(null, items.map(function (i) { return Math.max(i.value, 0); })) || 1;
    var root = svgEl("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": caption });
    root.appendChild(svgEl("title", null, caption));
    items.forEach(function (item, i) {
      var y = top + row * i;
      var w = (W - labelW - valueW - 8) * Math.max(item.value, 0) / max;
      var g = svgEl("g", { "class": "bar" + (item.id ? " clickable" : ""), tabindex: 0, "data-key": item.label });
      g.appendChild(svgEl("title", null, item.tip));
      var label = item.label.length > chars ? item.label.slice(0, chars - 1) + "…" : item.label;
      g.appendChild(svgEl("text", { x: labelW - 6, y: y + 16, "text-anchor": "end" }, label));
      g.appendChild(svgEl("rect", { x: labelW, y: y + 4, width: Math.max(w, 1), height: row - 8 }));
      g.appendChild(svgEl("text", { x: labelW + Math.max(w, 1) + 5, y: y + 16, "class": "value" }, item.shown));
      if (item.id) { g.addEventListener("click", function () { select(item.id, true); }); }
      root.appendChild(g);
    });
    container.appendChild(root);
  }

  function nameOf(d) { return (d.code || d.id) + (d.title ? " " + d.title : ""); }

  // ---- header, totals, charts ------------------------------------------------------------------------
  function freshness() {
    var m = DATA.meta, box = document.getElementById("freshness");
    [["Dataset built", m.built_at], ["Last crawl", m.last_crawl], ["Schema version", m.schema_version],
     ["Package version", m.package_version], ["Source", m.source_base_url], ["Page generated", m.generated_at]]
      .forEach(function (pair) {
        var div = el("div", { "data-field": pair[0] });
        div.appendChild(el("dt", null, pair[0]));
        div.appendChild(el("dd", null, pair[1] || "unknown"));
        box.appendChild(div);
      });
  }

  function totals() {
    var box = document.getElementById("totals"), m = DATA.money;
    [["approved", money(m.approved_pence), "approved (headline amounts, counted once)"],
     ["decisions", String(DATA.decisions.length), "decisions"],
     ["with-money", String(m.decisions_with_money), "decisions with a headline amount"],
     ["amounts", String(m.counted_amounts) + " of " + m.all_amounts,
      "amounts counted (left out: " + plural(m.duplicates_skipped, "restatement") + ", " + m.not_headline +
      " components, previous approvals or budget lines" + (m.non_gbp ? ", " + m.non_gbp + " not in GBP" : "") + ")"]]
      .forEach(function (s) {
        var div = el("div", { "class": "stat", id: "total-" + s[0] });
        div.appendChild(el("div", { "class": "v" }, s[1]));
        div.appendChild(el("div", { "class": "k" }, s[2]));
        box.appendChild(div);
      });
  }

  function charts() {
    columns(document.getElementById("chart-years"), DATA.by_year.map(function (r) {
      return { label: r.fy, value: r.pence, shown: short(r.pence),
        tip: r.fy + ": " + money(r.pence) + " (" + plural(r.decisions, "decision") + ", " + plural(r.amounts, "amount") + ")" };
    }), "Approved money by financial year signed");
    bars(document.getElementById("chart-types"), DATA.by_type.map(function (r) {
      var label = r.code_type + " · " + r.era;
      return { label: label, value: r.pence, shown: short(r.pence),
        tip: label + ": " + money(r.pence) + " (" + plural(r.decisions, "decision") + ", " + r.with_money + " with money)" };
    }), "Approved money by decision type and era");
    bars(document.getElementById("chart-largest"), DATA.largest.map(function (r) {
      return { label: nameOf(r), value: r.pence, shown: short(r.pence), id: r.id,
        tip: nameOf(r) + ": " + money(r.pence) };
    }), "Largest decisions by approved money");
    bars(document.getElementById("chart-counterparties"), DATA.counterparties.map(function (r) {
      return { label: r.name, value: r.decisions, shown: String(r.decisions),
        tip: r.name + ": named in " + plural(r.decisions, "decision") + " (" + plural(r.mentions, "mention") +
          "), approved money of those decisions " + money(r.pence) };
    }), "Organisations named in the most decisions");
    bars(document.getElementById("chart-cited"), DATA.most_cited.map(function (r) {
      return { label: nameOf(r), value: r.cited_by, shown: String(r.cited_by), id: r.in_dataset ? r.id : null,
        tip: nameOf(r) + ": cited by " + plural(r.cited_by, "decision") + (r.in_dataset ? "" : " (not in the dataset)") };
    }), "Most-cited decisions");
  }

  function relationItem(r, selectable) {
    var li = el("li");
    var from = el("a", { href: "#decisions" }, r.from_code + (r.from_title ? " " + r.from_title : ""));
    from.addEventListener("click", function (ev) { ev.preventDefault(); select(r.from, true); });
    li.appendChild(selectable ? from : el("span", null, r.from_code));
    li.appendChild(el("span", { "class": "rel" }, " " + r.relation.replace("_", " ") + " "));
    li.appendChild(el("span", null, r.to_code + (r.to_title ? " " + r.to_title : "")));
    return li;
  }

  function relations() {
    var box = document.getElementById("relations");
    if (!DATA.relations.length) { return emptyNote(box, "No decision varies, extends or supersedes another."); }
    var ul = el("ul");
    DATA.relations.forEach(function (r) { ul.appendChild(relationItem(r, true)); });
    box.appendChild(ul);
  }

  function errors() {
    var box = document.getElementById("errors");
    if (!DATA.errors.length) { return emptyNote(box, "None."); }
    var ul = el("ul");
    DATA.errors.forEach(function (e) { ul.appendChild(el("li", null, e.reason + ": " + e.n)); });
    box.appendChild(ul);
  }

  // ---- the decisions table ---------------------------------------------------------------------------
  var COLUMNS = [
    { key: "code", label: "Code", sort: function (d) { return d.key; } },
    { key: "title", label: "Title", sort: function (d) { return (d.title || "").toLowerCase(); } },
    { key: "date", label: "Signed", sort: function (d) { return d.date || ""; } },
    { key: "maker", label: "Decision by", sort: function (d) { return (d.maker || "").toLowerCase(); } },
    { key: "type", label: "Type", sort: function (d) { return d.type || ""; } },
    { key: "era", label: "Era", sort: function (d) { return d.era || ""; } },
    { key: "pence", label: "Approved", num: true, sort: function (d) { return d.pence === null ? -Infinity : d.pence; } },
    { key: "cited_by", label: "Cited by", num: true, sort: function (d) { return d.cited_by; } },
    { key: "links", label: "Source", sort: null }
  ];
  var rows = [], byId = {}, sortState = { key: "date", dir: -1 };

  function cell(tr, text, cls) { tr.appendChild(el("td", cls ? { "class": cls } : null, text)); }

  function buildTable() {
    var table = document.getElementById("decisions-table");
    var headRow = el("tr");
    COLUMNS.forEach(function (c) {
      var th = el("th", { scope: "col", "data-key": c.key, "class": c.num ? "num" : "" }, c.label);
      if (c.sort) { th.addEventListener("click", function () { sortBy(c.key); }); }
      headRow.appendChild(th);
    });
    table.tHead.appendChild(headRow);
    var body = table.tBodies[0];
    DATA.decisions.forEach(function (d) {
      var tr = el("tr", { "data-id": d.id });
      cell(tr, d.code || d.id);
      cell(tr, d.title || "");
      cell(tr, d.date || "", "nowrap");
      cell(tr, d.maker || "");
      cell(tr, d.type || "");
      cell(tr, d.era || "");
      cell(tr, money(d.pence), "num");
      cell(tr, String(d.cited_by), "num");
      var td = el("td");
      td.appendChild(link(d.url, "page"));
      if (d.pdf) { td.appendChild(document.createTextNode(" · ")); td.appendChild(link(d.pdf, "PDF")); }
      tr.appendChild(td);
      tr.addEventListener("click", function (ev) {
        if (ev.target && ev.target.tagName === "A") { return; }
        select(d.id, false);
      });
      var hay = [d.id, d.code, d.title, d.maker, d.type, d.era, d.date, d.summary].join(" ").toLowerCase();
      var r = { d: d, tr: tr, hay: hay };
      rows.push(r);
      byId[d.id] = r;
      body.appendChild(tr);
    });
    sortBy("date", -1);
    filter();
  }

  function sortBy(key, dir) {
    var col = COLUMNS.filter(function (c) { return c.key === key; })[0];
    sortState = { key: key, dir: dir || (sortState.key === key ? -sortState.dir : (col.num ? -1 : 1)) };
    var f = col.sort, s = sortState.dir;
    rows.sort(function (a, b) {
      var x = f(a.d), y = f(b.d);
      if (x < y) { return -s; }
      if (x > y) { return s; }
      return a.d.key < b.d.key ? -1 : (a.d.key > b.d.key ? 1 : 0);
    });
    var body = document.getElementById("decisions-table").tBodies[0];
    rows.forEach(function (r) { body.appendChild(r.tr); });
    Array.prototype.forEach.call(document.querySelectorAll("#decisions-table th"), function (th) {
      if (th.getAttribute("data-key") === key) { th.setAttribute("aria-sort", s > 0 ? "ascending" : "descending"); }
      else { th.removeAttribute("aria-sort"); }
    });
  }

  function filter() {
    var terms = document.getElementById("search").value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r) {
      var ok = terms.every(function (t) { return r.hay.indexOf(t) !== -1; });
      r.tr.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.getElementById("shown-count").textContent = shown + " of " + plural(rows.length, "decision");
  }

  function select(id, scroll) {
    var r = byId[id];
    if (!r) { return; }
    rows.forEach(function (x) { x.tr.classList.toggle("selected", x === r); });
    var d = r.d, box = document.getElementById("detail");
    clear(box);
    box.hidden = false;
    box.appendChild(el("h3", null, (d.code || d.id) + (d.title ? ": " + d.title : "")));
    box.appendChild(el("p", null, [d.date ? "Signed " + d.date : "No date signed", d.maker ? "by " + d.maker : "",
      d.pence !== null ? "approved " + money(d.pence) : "no headline amount"].filter(Boolean).join(", ")));
    if (d.summary) { box.appendChild(el("p", null, d.summary)); }
    var links = el("p");
    links.appendChild(link(d.url, "Decision page"));
    if (d.pdf) { links.appendChild(document.createTextNode(" · ")); links.appendChild(link(d.pdf, "Signed PDF")); }
    box.appendChild(links);
    var out = DATA.relations.filter(function (x) { return x.from === id; });
    var inc = DATA.relations.filter(function (x) { return x.to === id; });
    if (out.length || inc.length) {
      var ul = el("ul");
      out.concat(inc).forEach(function (x) { ul.appendChild(relationItem(x, x.from !== id)); });
      box.appendChild(ul);
    }
    box.appendChild(el("p", null, "Cited by " + plural(d.cited_by, "decision") + "."));
    if (scroll) {
      if (r.tr.hidden) { document.getElementById("search").value = ""; filter(); }
      box.scrollIntoView({ block: "nearest" });
    }
  }

  freshness();
  totals();
  charts();
  relations();
  errors();
  buildTable();
  document.getElementById("search").addEventListener("input", filter);
  document.body.setAttribute("data-ready", "1");
})();
