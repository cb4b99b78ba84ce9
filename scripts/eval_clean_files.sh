#!/usr/bin/env bash
# Count mojibake that `wenxi check` reports in trees of real files that are clean: every
# finding of a mojibake kind is a false alarm (U+FFFD, control and private-use chars are
# real findings and not counted).
#
# usage: scripts/eval_clean_files.sh [DIR...]
# Default: the sources of the crates cargo has fetched (${CARGO_HOME:-~/.cargo}/registry/src:
# code, docs, test data and the dictionaries of jieba-rs and zhconv), this repository's data/,
# and the word lists of ../shared/data. Needs a release build (cargo build --release).
set -uo pipefail
bin=${WENXI_BIN:-target/release/wenxi}
if [ $# -eq 0 ]; then
  set -- "${CARGO_HOME:-$HOME/.cargo}/registry/src" data
  for d in ../shared/data/lexicon ../shared/data/seg; do
    [ -d "$d" ] && set -- "$@" "$d"
  done
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" check "$@" >"$out" 2>/dev/null
echo "checked: $*"
echo "findings by kind (mojibake kinds are false alarms here):"
cut -d: -f4 "$out" | sort | uniq -c | sort -rn
echo "mojibake findings:"
grep -E ': (utf8|gbk|big5)-' "$out" || echo "  none"
