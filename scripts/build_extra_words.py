#!/usr/bin/env python3
"""Build the table of words that jieba's dictionary lacks, which repair's language model adds
to it (`data/repair/extra_words.txt`).

usage: scripts/build_extra_words.py JIEBA_DICT WORDFREQ_TSV > data/repair/extra_words.txt

    python3 scripts/build_extra_words.py data/jieba/dict.txt \\
        ../shared/data/lexicon/wordfreq/zh_large.tsv > data/repair/extra_words.txt

WORDFREQ_TSV is the Chinese word list of the `wordfreq` package (`word`, `frequency` as a share
of tokens, `zipf`), whose sources are more recent than jieba's dictionary (`微信`, `过好`).
Output: a header, then `<word> <count>` lines: every word of two or more Han chars that the
dictionary lacks, its share of tokens scaled to the dictionary's total count, rounded, kept
when at least MIN_COUNT.
"""
import re, sys

MIN_COUNT = 3
HAN = re.compile(r"[\u4e00-\u9fff]{2,}")

def main():
    jieba_path, wordfreq_path = sys.argv[1:3]
    known, total = set(), 0
    with open(jieba_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2:
                known.add(parts[0])
                total += int(parts[1])
    out = sys.stdout
    out.write("# words jieba's dictionary lacks, from wordfreq (CC BY-SA 4.0); built by scripts/build_extra_words.py\n")
    with open(wordfreq_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            word, share, _ = line.rstrip("\n").split("\t")
            if word in known or not HAN.fullmatch(word):
                continue
            count = round(float(share) * total)
            if count >= MIN_COUNT:
                out.write(f"{word} {count}\n")

if __name__ == "__main__":
    main()
