#!/usr/bin/env python3
"""Build the table of the marks that end a line, by the last mark inside the line, that repair
uses to infer a mark whose bytes were lost at the end of a line.

usage: scripts/build_line_ends.py FILE... > data/repair/line_ends.txt

FILEs are char-BIO NER corpora (one `<char> <tag>` per line, blank line between sentences).
The shipped table is built from the *train* splits of ../shared/data/ner (MSRA, CLUENER,
Weibo, Resume), never from a dev split:

    python3 scripts/build_line_ends.py ../shared/data/ner/*/train.txt > data/repair/line_ends.txt

Output: a header line, then `<class>\t<mark>\t<count>` lines: how many sentences of `<class>`
end with `<mark>`. A class is the last mark before the end, `-` (no mark inside), `，`, `、`,
`；`, `：`, or `。` (for `。`, `！`, `？`; ASCII `,;:!?` count as their full-width forms), then
the length before the end mark: `s` (at most 15 chars), `m` (at most 40), `l` (longer).
Marks: `。，、；：！？`; sentences ending otherwise are left out.
"""
import collections, sys

from charbio import sentences

ENDS = "。，、；：！？"
ASCII = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}

def mark_class(c):
    """The class of `c` as a mark inside a line, None when it is no mark."""
    c = ASCII.get(c, c)
    if c in "。！？":
        return "。"
    if c in "，、；：":
        return c
    return None

SHORT, LONG = 15, 40

def length_class(n):
    """`s`, `m` or `l` for a line of `n` chars before its end mark."""
    return "s" if n <= SHORT else ("m" if n <= LONG else "l")

def main():
    counts = collections.Counter()
    for path in sys.argv[1:]:
        for s in sentences(path):
            if len(s) < 2 or s[-1] not in ENDS:
                continue
            cls = "-"
            for c in reversed(s[:-1]):
                k = mark_class(c)
                if k:
                    cls = k
                    break
            counts[(cls + length_class(len(s) - 1), s[-1])] += 1
    out = sys.stdout
    out.write("# line-end marks by the last mark inside the line; built by scripts/build_line_ends.py\n")
    for (cls, end), n in sorted(counts.items()):
        out.write(f"{cls}\t{end}\t{n}\n")

if __name__ == "__main__":
    main()
