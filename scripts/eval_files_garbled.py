#!/usr/bin/env python3
"""Grade repair of whole files read with the wrong encoding: code, Markdown, logs, not only
news sentences.

usage: scripts/eval_files_garbled.py [--bin target/release/wenxi] [FILE...]

Each FILE (UTF-8 text holding some Chinese) is garbled whole, the way a program that guessed
the wrong encoding shows it, with Python's codecs (errors="replace"): its UTF-8 bytes read as
GBK, as GBK with `?` for unreadable bytes, and as windows-1252; or its GBK bytes read as
windows-1252 (files GBK cannot encode are skipped for that kind). ASCII stays as it was.
`wenxi repair` then reads each garbled file. Prints, per kind, the lines that held non-ASCII
text and how many came back exactly, the files that came back whole, and the lines that
were not garbled but came back changed (should be 0).

Without FILEs: every `*.rs` and `*.md` file with four Chinese characters in a row among the
crate sources cargo has fetched (${CARGO_HOME:-~/.cargo}/registry/src; without
`unicode-width`'s generated tables, a wall of every script, and `data/` folders), and
`corpus/*.txt`: the files of the README's figures.
"""
import argparse, glob, os, re, subprocess, sys, tempfile

KINDS = ["utf8-as-gbk", "utf8-as-gbk-qmark", "utf8-as-cp1252", "gbk-as-cp1252"]

def garble(text, kind):
    if kind == "gbk-as-cp1252":
        try:
            b = text.encode("gbk")
        except UnicodeEncodeError:
            return None
        return b.decode("cp1252", errors="replace")
    b = text.encode("utf-8")
    if kind == "utf8-as-cp1252":
        return b.decode("cp1252", errors="replace")
    g = b.decode("gbk", errors="replace")
    return g.replace("\ufffd", "?") if kind == "utf8-as-gbk-qmark" else g

HAN4 = re.compile("[\u4e00-\u9fff]{4}")

def default_files():
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    out = []
    for root, _, names in os.walk(os.path.join(home, "registry", "src")):
        if "/data" in root or "unicode-width" in root:
            continue
        for n in names:
            if n.endswith((".rs", ".md")):
                p = os.path.join(root, n)
                try:
                    if HAN4.search(open(p, encoding="utf-8").read()):
                        out.append(p)
                except (UnicodeDecodeError, OSError):
                    pass
    return sorted(out) + sorted(glob.glob("corpus/*.txt"))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/wenxi")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    if not a.files:
        a.files = default_files()
        print(f"{len(a.files)} files")
    for kind in KINDS:
        lines = ok = files = whole = touched = 0
        for path in a.files:
            text = open(path, encoding="utf-8").read()
            g = garble(text, kind)
            if g is None or g == text:
                continue
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
                f.write(g)
                tmp = f.name
            try:
                out = subprocess.run([a.bin, "repair", tmp], capture_output=True, check=True)
            finally:
                os.unlink(tmp)
            got = out.stdout.decode("utf-8")
            files += 1
            whole += got == text
            want_l, got_l, g_l = text.split("\n"), got.split("\n"), g.split("\n")
            if len(want_l) != len(got_l):
                lines += sum(1 for w in want_l if not w.isascii())
                continue
            for w, r, x in zip(want_l, got_l, g_l):
                if w.isascii():
                    touched += r != w
                else:
                    lines += 1
                    ok += r == w
        print(f"{kind:18} files {whole}/{files} whole, lines with non-ASCII {ok}/{lines} exact"
              f" ({ok / max(lines, 1):.3f}), ASCII lines changed {touched}")

if __name__ == "__main__":
    main()
