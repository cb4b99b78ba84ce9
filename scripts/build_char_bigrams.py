#!/usr/bin/env python3
"""Build the character bigram table that repair uses to infer characters whose bytes were lost.

usage: scripts/build_char_bigrams.py FILE... > data/repair/char_bigrams.txt

FILEs are char-BIO NER corpora (one `<char> <tag>` per line, blank line between sentences);
only their characters are used. The shipped table is built from the *train* splits of
../shared/data/ner (MSRA, CLUENER, Weibo, Resume), never from a dev split:

    python3 scripts/build_char_bigrams.py ../shared/data/ner/*/train.txt > data/repair/char_bigrams.txt

Output: a header line, then `<chars>\t<count>` lines: every char (unigram counts) and every
pair of adjacent chars seen at least MIN_COUNT times. `^` and `$` stand for the start and the
end of a sentence. Full-width digits and letters are folded to ASCII first, as repair folds
them when it looks pairs up.
"""
import collections, sys

from charbio import sentences

MIN_COUNT = 2

def fold(c):
    o = ord(c)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    return c

def main():
    uni, bi = collections.Counter(), collections.Counter()
    for path in sys.argv[1:]:
        for s in sentences(path):
            s = "^" + "".join(fold(c) for c in s) + "$"
            uni.update(s)
            bi.update(s[i:i + 2] for i in range(len(s) - 1))
    out = sys.stdout
    out.write("# char bigram counts for repair; built by scripts/build_char_bigrams.py\n")
    for k, c in sorted(uni.items()):
        out.write(f"{k}\t{c}\n")
    for k, c in sorted(bi.items()):
        if c >= MIN_COUNT:
            out.write(f"{k}\t{c}\n")

if __name__ == "__main__":
    main()
