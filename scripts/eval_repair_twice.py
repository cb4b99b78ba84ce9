#!/usr/bin/env python3
"""Repair whole garbled sentences once and twice: how many come back exactly, and how many a
second repair changes again (should be 0).

usage: scripts/eval_repair_twice.py [--bin target/release/wenxi] [--n 3000] [--seed 7] FILE...

FILEs are char-BIO NER files. Each case is one whole sentence, its UTF-8 bytes read with
Python's codecs (errors="replace") as GBK, as windows-1252, or as GBK with `?` for unreadable
bytes, in turn.
"""
import argparse, json, random, subprocess

from charbio import sentences
from eval_files_garbled import garble

def repair(binary, texts):
    inp = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
    out = subprocess.run([binary, "repair", "--jsonl"], input=inp.encode(),
                         capture_output=True, check=True).stdout.decode()
    return [json.loads(l)["text"] for l in out.splitlines()]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/wenxi")
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    pool = [s for p in a.files for s in sentences(p)]
    rng = random.Random(a.seed)
    clean, garbled = [], []
    for i in range(a.n):
        s = rng.choice(pool)
        clean.append(s)
        garbled.append(garble(s, ["utf8-as-gbk", "utf8-as-cp1252", "utf8-as-gbk-qmark"][i % 3]))
    once = repair(a.bin, garbled)
    twice = repair(a.bin, once)
    exact = sum(o == c for o, c in zip(once, clean))
    again = [(o, t) for o, t in zip(once, twice) if o != t]
    print(f"{a.n} sentences: {exact} exact after one repair ({exact / a.n:.3f}), "
          f"{len(again)} changed by a second")
    for o, t in again[:10]:
        print(f"  {o!r}\n  -> {t!r}")

if __name__ == "__main__":
    main()
