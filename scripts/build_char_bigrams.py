#!/usr/bin/env python3
"""Build data/lm/char_bigrams.txt: character bigram counts from the NER training corpora.

usage: scripts/build_char_bigrams.py [SHARED_DATA_DIR] > data/lm/char_bigrams.txt

Reads the characters of ../shared/data/ner/{msra,cluener,weibo,resume}/train.txt (char-BIO
files; the dev splits are not read), folds full-width digits and letters to ASCII, and counts
bigrams within sentences, with `^` and `$` for the sentence's start and end. Only bigrams
seen at least MIN_COUNT times are written (`left right count` per line, most frequent
first), then the unigram totals of each left char (`left * total`). The table is a small
derived statistic, not a copy of the corpora.
"""
import collections
import sys

MIN_COUNT = 3


def fold(c):
    o = ord(c)
    if 0xFF01 <= o <= 0xFF5E:
        return chr(o - 0xFEE0)
    return c


def sentences(path):
    chars = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if chars:
                    yield chars
                chars = []
                continue
            chars.append(fold(line.rsplit(" ", 1)[0]))
    if chars:
        yield chars


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    bigrams = collections.Counter()
    for corpus in ["msra", "cluener", "weibo", "resume"]:
        for s in sentences(f"{root}/ner/{corpus}/train.txt"):
            seq = ["^"] + s + ["$"]
            for a, b in zip(seq, seq[1:]):
                if a == " " or b == " ":
                    continue
                bigrams[(a, b)] += 1
    totals = collections.Counter()
    for (a, _), n in bigrams.items():
        totals[a] += n
    out = sys.stdout
    out.write("# char bigrams of the NER training corpora (msra, cluener, weibo, resume), count >= %d\n" % MIN_COUNT)
    for (a, b), n in sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= MIN_COUNT:
            out.write(f"{a} {b} {n}\n")
    for a, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{a} * {n}\n")


if __name__ == "__main__":
    main()
