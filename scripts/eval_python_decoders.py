#!/usr/bin/env python3
"""Grade repair on mojibake made by Python's own codecs (errors="replace"), which differ from
the WHATWG decoders of the graded set: Python's GBK does not read 0x80 as `€` and replaces
each byte it cannot read (user-defined pairs included) by one U+FFFD; its windows-1252
replaces the five bytes that code page leaves undefined.

usage: scripts/eval_python_decoders.py [--bin target/release/wenxi] [--n 1000] [--seed 1]
           [--ftfy | --ftfy-plain] [--traditional | --big5] FILE...

FILEs are char-BIO NER files (their sentences are the clean text). For each case a span of
one sentence is encoded as UTF-8 and decoded as GBK or windows-1252 with errors="replace",
or encoded as GBK and decoded as windows-1252.
`utf8-as-gbk-qmark` writes `?` for each U+FFFD, as decoders do that write into a legacy
code page. With --ftfy (--ftfy-plain: its width and punctuation fixes off), ftfy.fix_text is graded
instead of wenxi, on the same cases. With --traditional the sentences are converted to
traditional characters first (OpenCC's `s2t`: `pip install opencc-python-reimplemented`).
With --big5 the kinds are those of Big5: traditional sentences encoded as Big5 and decoded as
windows-1252, ISO-8859-1 or GBK (`big5-as-cp1252`, `big5-as-latin1`, `big5-as-gbk`, the last
with Python's GBK, which reads a pair it does not know as U+FFFD and its second byte alone),
and simplified sentences encoded as GBK and decoded as Big5 (`gbk-as-big5`). Prints the exact-repair rate per kind, and the share of clean sentences left unchanged.
"""
import argparse, json, random, subprocess, sys

from charbio import sentences

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/wenxi")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ftfy", action="store_true")
    ap.add_argument("--ftfy-plain", action="store_true")
    ap.add_argument("--traditional", action="store_true")
    ap.add_argument("--big5", action="store_true")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    if a.big5:
        return big5_cases(a)
    convert = lambda s: s
    if a.traditional:
        from opencc import OpenCC
        convert = OpenCC("s2t").convert
    pool = [convert(s) for p in a.files for s in sentences(p) if 8 <= len(s) <= 200]
    rng = random.Random(a.seed)
    cases = []
    for i in range(a.n):
        s = rng.choice(pool)
        kind = ["utf8-as-gbk", "utf8-as-cp1252", "utf8-as-gbk-qmark", "gbk-as-cp1252", "clean"][i % 5]
        if kind == "clean":
            cases.append({"id": i, "kind": kind, "expected": s, "text": s})
            continue
        n = rng.randint(2, min(40, len(s)))
        st = rng.randint(0, len(s) - n)
        if kind == "gbk-as-cp1252":
            try:
                span = s[st:st + n].encode("gbk")
            except UnicodeEncodeError:
                continue
            garbled = span.decode("cp1252", errors="replace")
        else:
            span = s[st:st + n].encode("utf-8")
            garbled = span.decode("cp1252" if kind == "utf8-as-cp1252" else "gbk", errors="replace")
        if kind == "utf8-as-gbk-qmark":
            garbled = garbled.replace("\ufffd", "?")
        if garbled == s[st:st + n]:
            continue
        cases.append({"id": i, "kind": kind, "expected": s, "text": s[:st] + garbled + s[st + n:]})
    grade(a, cases)

BIG5_KINDS = ["big5-as-cp1252", "big5-as-latin1", "big5-as-gbk", "gbk-as-big5", "clean"]

def big5_cases(a):
    from opencc import OpenCC
    s2t = OpenCC("s2t").convert
    pool = [s for p in a.files for s in sentences(p) if 8 <= len(s) <= 200]
    rng = random.Random(a.seed)
    cases = []
    for i in range(a.n):
        s = rng.choice(pool)
        kind = BIG5_KINDS[i % len(BIG5_KINDS)]
        if kind != "gbk-as-big5":
            s = s2t(s)
        if kind == "clean":
            cases.append({"id": i, "kind": kind, "expected": s, "text": s})
            continue
        n = rng.randint(2, min(40, len(s)))
        st = rng.randint(0, len(s) - n)
        src, dst = {"big5-as-cp1252": ("big5", "cp1252"), "big5-as-latin1": ("big5", "latin-1"),
                    "big5-as-gbk": ("big5", "gbk"), "gbk-as-big5": ("gbk", "big5")}[kind]
        try:
            span = s[st:st + n].encode(src)
        except UnicodeEncodeError:
            continue
        garbled = span.decode(dst, errors="replace")
        if garbled == s[st:st + n]:
            continue
        cases.append({"id": i, "kind": kind, "expected": s, "text": s[:st] + garbled + s[st + n:]})
    grade(a, cases)

def grade(a, cases):
    if a.ftfy or a.ftfy_plain:
        import ftfy
        config = ftfy.TextFixerConfig(
            fix_character_width=False, uncurl_quotes=False, fix_latin_ligatures=False
        ) if a.ftfy_plain else ftfy.TextFixerConfig()
        got = [{"text": ftfy.fix_text(c["text"], config)} for c in cases]
    else:
        inp = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
        out = subprocess.run([a.bin, "repair", "--jsonl"], input=inp.encode(),
                             capture_output=True, check=True)
        got = [json.loads(l) for l in out.stdout.decode().splitlines()]
    stats = {}
    for c, g in zip(cases, got):
        ok = g["text"] == c["expected"]
        t = stats.setdefault(c["kind"], [0, 0])
        t[0] += ok
        t[1] += 1
    for k, (ok, n) in sorted(stats.items()):
        print(f"{k:16} {n:5} {ok / n:.3f}")

if __name__ == "__main__":
    main()
