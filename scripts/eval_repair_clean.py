#!/usr/bin/env python3
"""Clean text must never change: run `wenxi repair --jsonl` over every sentence of NER
corpora (char-BIO files, e.g. ../shared/data/ner/msra/dev.txt) and count changed sentences.

usage: scripts/eval_repair_clean.py [--bin target/release/wenxi] [--traditional] FILE...
Exit code 1 when any sentence changed (each one is printed).

--traditional converts each sentence to traditional characters first (OpenCC's `s2t`, from
the Python package `opencc-python-reimplemented`: `pip install opencc-python-reimplemented`),
so that clean traditional text is checked too.
"""
import argparse, json, subprocess, sys

from charbio import sentences

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/wenxi")
    ap.add_argument("--traditional", action="store_true")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    convert = lambda s: s
    if a.traditional:
        from opencc import OpenCC
        convert = OpenCC("s2t").convert
    bad = 0
    for path in a.files:
        sents = [convert(s) for s in sentences(path)]
        inp = "".join(json.dumps({"id": i, "text": s}, ensure_ascii=False) + "\n" for i, s in enumerate(sents))
        out = subprocess.run([a.bin, "repair", "--jsonl"], input=inp.encode(), capture_output=True, check=True)
        changed = 0
        for line in out.stdout.decode().splitlines():
            o = json.loads(line)
            if o["text"] != sents[o["id"]] or any(not r.get("unrepaired") for r in o["repairs"]):
                changed += 1
                print(f"{path}: sentence {o['id']} changed: {sents[o['id']]!r} -> {o['text']!r}")
        print(f"{path}: {len(sents)} sentences, {changed} changed")
        bad += changed
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
