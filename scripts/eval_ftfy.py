#!/usr/bin/env python3
"""Run ftfy over a graded mojibake set, as a baseline for `wenxi repair`.

usage: scripts/eval_ftfy.py CASES.jsonl [--plain] > OUTPUT.jsonl
       python3 ../shared/bench/mojibake/score.py CASES.jsonl OUTPUT.jsonl

Reads the cases' `input` members, runs `ftfy.fix_text` on each and writes one line
`{"id", "text"}` per case, which is what score.py grades (the same as
scripts/eval_mojibake.sh does for wenxi).

Without --plain, ftfy runs with its default settings. With --plain, its fixes that change
clean text on purpose are turned off: full-width to half-width characters
(`fix_character_width`, which turns `，：（）` into ASCII), curly quotes to straight ones
(`uncurl_quotes`) and Latin ligatures (`fix_latin_ligatures`). Everything else, the
encoding fixes included, stays at ftfy's defaults.

Needs `pip install ftfy` (measured with 6.3.1). Not part of the Rust build.
"""
import json
import sys

import ftfy


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    plain = "--plain" in sys.argv[1:]
    if len(args) != 1:
        sys.exit(__doc__)
    if plain:
        config = ftfy.TextFixerConfig(
            fix_character_width=False,
            uncurl_quotes=False,
            fix_latin_ligatures=False,
        )
    else:
        config = ftfy.TextFixerConfig()
    out = sys.stdout
    with open(args[0], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            text = ftfy.fix_text(case["input"], config)
            out.write(json.dumps({"id": case["id"], "text": text}, ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main()
