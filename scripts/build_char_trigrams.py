#!/usr/bin/env python3
"""Build the character trigram table that repair uses, with the pair table, to infer
characters whose bytes were lost.

usage: scripts/build_char_trigrams.py FILE... > data/repair/char_trigrams.txt

FILEs are char-BIO NER corpora, as for scripts/build_char_bigrams.py; the shipped table is
built from the same *train* splits, never from a dev split:

    python3 scripts/build_char_trigrams.py ../shared/data/ner/*/train.txt > data/repair/char_trigrams.txt

Output: a header line, then `<chars>\t<count>` lines for every run of three adjacent chars
seen at least MIN_COUNT times (`^` and `$` stand for the start and the end of a sentence;
full-width digits and letters folded to ASCII).
"""
import collections, sys

from charbio import sentences
from build_char_bigrams import fold

MIN_COUNT = 3

def main():
    tri = collections.Counter()
    for path in sys.argv[1:]:
        for s in sentences(path):
            s = "^" + "".join(fold(c) for c in s) + "$"
            tri.update(s[i:i + 3] for i in range(len(s) - 2))
    out = sys.stdout
    out.write("# char trigram counts for repair; built by scripts/build_char_trigrams.py\n")
    for k, c in sorted(tri.items()):
        if c >= MIN_COUNT:
            out.write(f"{k}\t{c}\n")

if __name__ == "__main__":
    main()
