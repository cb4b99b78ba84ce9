#!/usr/bin/env bash
# Throughput and peak memory of `wenxi analyze` on a large corpus of real text.
#
#   scripts/bench_corpus.sh [CORPUS_DIR]          # default target/bench-corpus
#   BENCH_MB=5 scripts/bench_corpus.sh            # a small corpus, to try the script
#
# Builds a corpus of at least BENCH_MB megabytes (default 200) from the sentences of
# ../shared/data/ner/*/train.txt (char-BIO files), grouped into documents of 2-10 KB: mostly
# UTF-8 files, some GBK, Big5 and UTF-16LE-with-BOM files, and JSON Lines files with a few
# corrupted lines. The sentences are repeated, shuffled differently each time, until the
# size is reached. Then times `wenxi analyze` with 1 and 2 threads (GNU time: peak RSS) and
# bare jieba-rs `cut` over the same documents (examples/jieba_cut.rs), and prints MB/s.
# The corpus is rebuilt only when its size or BENCH_MB changed.
set -euo pipefail

cd "$(dirname "$0")/.."
CORPUS=${1:-target/bench-corpus}
MB=${BENCH_MB:-200}
NER=${BENCH_NER:-../shared/data/ner}
WORK=target/bench-out
TIME=/usr/bin/time

[ -x "$TIME" ] || { echo "bench: needs GNU time at $TIME" >&2; exit 2; }
ls "$NER"/*/train.txt >/dev/null || { echo "bench: no $NER/*/train.txt" >&2; exit 2; }

cargo build --release --quiet --bin wenxi --example jieba_cut

if [ "$(cat "$CORPUS/.bench_mb" 2>/dev/null)" != "$MB" ]; then
    rm -rf "$CORPUS"
    mkdir -p "$CORPUS"
    python3 - "$CORPUS" "$MB" "$NER" <<'PY'
import glob, json, os, random, sys

out, mb, ner = sys.argv[1], int(sys.argv[2]), sys.argv[3]
target = mb * 1_000_000
sentences = []
for path in sorted(glob.glob(os.path.join(ner, "*", "train.txt"))):
    chars = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if not fields:
                if chars:
                    sentences.append("".join(chars))
                    chars = []
            else:
                chars.append(fields[0])
    if chars:
        sentences.append("".join(chars))
if not sentences:
    sys.exit("bench: no sentences")

# Every 20th document goes to a legacy encoding; every 50 documents also make a JSON Lines
# file, one in ten of its lines corrupted.
legacy = [("gbk", "gbk"), ("big5", "big5"), ("utf16", "utf-16")]
written, n, rnd, jsonl = 0, 0, random.Random(42), []

def emit(name, data):
    global written
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    written += len(data)

round_ = 0
while written < target:
    order = sentences[:]
    rnd.shuffle(order)
    i = 0
    while i < len(order) and written < target:
        size = rnd.randint(2_000, 10_000)
        doc, nbytes = [], 0
        while i < len(order) and nbytes < size:
            doc.append(order[i])
            nbytes += len(order[i].encode("utf-8")) + 1
            i += 1
        text = "\n".join(doc) + "\n"
        d = f"r{round_:03d}/d{n:07d}"
        os.makedirs(os.path.join(out, f"r{round_:03d}"), exist_ok=True)
        if n % 20 == 7:
            kind, codec = legacy[(n // 20) % 3]
            data = text.encode(codec, errors="replace")
            if codec == "utf-16":
                data = text.encode("utf-16-le")
                data = b"\xff\xfe" + data
            emit(f"{d}.{kind}.txt", data)
        elif n % 5 == 3:
            line = json.dumps({"id": f"d{n}", "text": text}, ensure_ascii=False)
            if len(jsonl) % 10 == 9:
                line = line[: len(line) // 2]  # a corrupted line
            jsonl.append(line)
            if len(jsonl) == 50:
                emit(f"{d}.jsonl", ("\n".join(jsonl) + "\n").encode("utf-8"))
                jsonl = []
        else:
            emit(f"{d}.txt", text.encode("utf-8"))
        n += 1
    round_ += 1
if jsonl:
    emit(f"r{round_:03d}-last.jsonl", ("\n".join(jsonl) + "\n").encode("utf-8"))
print(f"bench: corpus of {written / 1e6:.1f} MB in {n} documents, {round_} round(s)")
PY
    echo "$MB" > "$CORPUS/.bench_mb"
fi

BYTES=$(find "$CORPUS" -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END {print s}')
FILES=$(find "$CORPUS" -type f ! -name '.*' | wc -l)
echo "bench: $CORPUS: $((BYTES / 1000000)) MB in $FILES files (BENCH_MB=$MB)"
rm -rf "$WORK"
mkdir -p "$WORK"

# run NAME COMMAND...: time it; print seconds, MB/s and peak RSS; record seconds.
run() {
    local name=$1
    shift
    local log="$WORK/$name.time"
    local start end
    start=$(date +%s.%N)
    "$TIME" -v -o "$log" "$@" > "$WORK/$name.stdout" 2> "$WORK/$name.stderr" || {
        local rc=$?
        # wenxi exits 1 when some inputs failed (the corrupted JSON Lines records).
        [ "$rc" = 1 ] || { echo "bench: $name failed ($rc)" >&2; cat "$WORK/$name.stderr" >&2; exit 1; }
    }
    end=$(date +%s.%N)
    local secs rss
    secs=$(echo "$end $start" | awk '{printf "%.2f", $1 - $2}')
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
    echo "$secs" > "$WORK/$name.secs"
    echo "$name: ${secs} s, $(echo "$BYTES $secs" | awk '{printf "%.2f", $1 / 1e6 / $2}') MB/s, peak RSS ${rss} MB"
}

run wenxi-1 target/release/wenxi analyze "$CORPUS" --out "$WORK/out1" \
    --jsonl-out "$WORK/out1.jsonl" --threads 1 --quiet
run wenxi-2 target/release/wenxi analyze "$CORPUS" --out "$WORK/out2" \
    --jsonl-out "$WORK/out2.jsonl" --threads 2 --quiet
run jieba target/release/examples/jieba_cut "$CORPUS"

cmp -s "$WORK/out1.jsonl" "$WORK/out2.jsonl" || echo "bench: WARNING: 1- and 2-thread outputs differ"
cat "$WORK/jieba.stdout"
grep -o '"failed": *[0-9]*' "$WORK/out1/corpus.json" | head -1 | sed 's/^/wenxi: /'
s1=$(cat "$WORK/wenxi-1.secs")
s2=$(cat "$WORK/wenxi-2.secs")
sj=$(cat "$WORK/jieba.secs")
awk -v a="$s1" -v b="$s2" -v j="$sj" 'BEGIN {
    printf "2-thread/1-thread speed-up: %.2fx\n", a / b
    printf "wenxi (1 thread) speed / bare jieba cut: %.3f (jieba is %.1fx faster)\n", j / a, a / j
}'
