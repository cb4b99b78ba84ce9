#!/usr/bin/env bash
# Grade `wenxi repair --jsonl` on a graded mojibake set with its score.py.
# usage: scripts/eval_mojibake.sh CASES.jsonl [SCORE.py]
# Needs a release build (cargo build --release) and python3.
set -euo pipefail
cases=${1:?usage: scripts/eval_mojibake.sh CASES.jsonl [SCORE.py]}
score=${2:-$(dirname "$cases")/score.py}
bin=${WENXI_BIN:-target/release/wenxi}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" repair --jsonl --field input "$cases" \
  | python3 -c 'import sys, json
for line in sys.stdin:
    o = json.loads(line)
    print(json.dumps({"id": o["id"], "text": o["input"]}, ensure_ascii=False))' >"$out"
python3 "$score" "$cases" "$out"
