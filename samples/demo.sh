#!/usr/bin/env bash
# make demo: serve samples/site on a free loopback port, run the whole pipeline into OUT, print row
# counts per table, write dashboard.html, stop the server.
set -euo pipefail
# The raw store is a fresh temporary one unless STORE is given: each demo serves on a new port, and a store
# keeps every URL it has seen, so one kept between demos would hold each earlier port's copy too.
out="${1:-out}"; store="${2:-}"
if [ -z "$store" ]; then store=$(mktemp -d); trap_store="$store"; else trap_store=""; fi
bin=.venv/bin
urlfile=$(mktemp)
"$bin/decisions" serve-samples --port 0 >"$urlfile" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$urlfile"; [ -z "$trap_store" ] || rm -rf "$trap_store"' EXIT
for _ in $(seq 1 100); do [ -s "$urlfile" ] && break; sleep 0.1; done
url=$(head -n1 "$urlfile")
[ -n "$url" ] || { echo "error: the sample server did not start" >&2; exit 1; }
echo "sample archive served at $url"
status=0
"$bin/decisions" run --base-url "$url" --store "$store" --out "$out" --rate 0 || status=$?
"$bin/decisions" query --data "$out" "SELECT 'decisions' AS table_name, count(*) AS rows FROM decisions
  UNION ALL SELECT 'documents', count(*) FROM documents UNION ALL SELECT 'amounts', count(*) FROM amounts
  UNION ALL SELECT 'recommendations', count(*) FROM recommendations
  UNION ALL SELECT 'milestones', count(*) FROM milestones UNION ALL SELECT 'references', count(*) FROM \"references\"
  UNION ALL SELECT 'table_lines', count(*) FROM table_lines UNION ALL SELECT 'entities', count(*) FROM entities
  UNION ALL SELECT 'errors', count(*) FROM errors"
"$bin/decisions" dashboard --data "$out" --out dashboard.html && echo "open dashboard.html in a browser"
exit $status
