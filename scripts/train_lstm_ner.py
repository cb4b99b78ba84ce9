#!/usr/bin/env python3
"""Train wenxi's stacked LSTM entity model (PER, LOC, ORG) and write its model file.

The model (`src/ner/model/lstm/`) reads, per char, an embedding of the char, embeddings
of the char pairs on either side and the scores of a base perceptron model, runs a
bidirectional LSTM over them and a CRF layer on top. It is trained here with PyTorch; wenxi
tags with it in Rust (`wenxi tag --model FILE`, `wenxi eval-ner --model FILE`).

Needs PyTorch (`pip install torch`; the CPU is enough) and two files from `wenxi train-ner`:

    wenxi train-ner ../shared/data/ner/msra/train.txt --out target/ner/base.bin \\
        --stack-scores target/ner/stack.tsv
    python3 scripts/train_lstm_ner.py --scores target/ner/stack.tsv \\
        --base target/ner/base.bin --out models/ner-lstm.bin

`--stack-scores` writes every training sentence with the scores of a base model trained on
the other nine tenths of the data, so that the network learns how far to trust the base
model on text it has not seen. The base model itself (trained on all of it) goes into the
model file.

Settings, time and scores are in NER_EXPERIMENTS.md.
"""
import argparse
import json
import os
import random
import struct
import sys
import time
from collections import Counter

try:
    import torch
    import torch.nn as nn
except ImportError:
    sys.exit("train_lstm_ner.py needs PyTorch: pip install torch")

LABELS = 13  # O, then B/I/E/S of PER, LOC, ORG
BOS, EOS, NOCHAR = 0x110000, 0x110001, 0x110002
NEG = -1e4


def norm(c):
    """The unit a char is looked up as: full-width forms folded, digits as 0, lower case."""
    o = ord(c)
    if 0xFF01 <= o <= 0xFF5E:
        c = chr(o - 0xFEE0)
    if c.isdigit():
        return "0"
    return c.lower()


def read_scores(path):
    """Sentences of (unit, gold label, scores) from a `--stack-scores` file."""
    out, cur = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                if cur:
                    out.append(cur)
                    cur = []
                continue
            try:
                ch, gold, scores = line.split("\t")
                row = [float(x) for x in scores.split()]
                assert len(row) == LABELS and len(ch) == 1
            except (ValueError, AssertionError):
                sys.exit(f"{path}:{n}: not a line of a --stack-scores file: {line[:80]!r}")
            cur.append((norm(ch), int(gold), row))
    if cur:
        out.append(cur)
    return out


def part(label):
    return None if label == 0 else ("BIES"[(label - 1) % 4], (label - 1) // 4)


def allowed(a, b):
    """Whether label b may follow label a under BIOES (None: the sentence's edge)."""
    pa = part(a) if a is not None else None
    pb = part(b) if b is not None else None
    if pa is not None and pa[0] in "BI":
        return pb is not None and pb[0] in "IE" and pb[1] == pa[1]
    return pb is None or pb[0] in "BS"


def read_vectors(path):
    """Pretrained char vectors: lines of a char, a tab and its numbers (see
    scripts/lac_embeddings.py), keyed by the unit the char is looked up as."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            ch, nums = line.rstrip("\n").split("\t")
            out.setdefault(norm(ch), [float(x) for x in nums.split()])
    return out


class Vocab:
    def __init__(self, sentences, min_count, pretrained=()):
        cc, bc = Counter(), Counter()
        for s in sentences:
            units = [u for u, _, _ in s]
            cc.update(units)
            ext = ["<s>"] + units + ["</s>"]
            bc.update(ext[i] + ext[i + 1] for i in range(len(ext) - 1))
        self.chars = [c for c, n in cc.items() if n >= min_count]
        # chars with a pretrained vector are embedded even when training lacks them
        seen = set(self.chars)
        self.chars += sorted(c for c in pretrained if c not in seen)
        self.bigrams = [b for b, n in bc.items() if n >= min_count]
        self.cid = {c: i + 2 for i, c in enumerate(self.chars)}
        self.bid = {b: i + 2 for i, b in enumerate(self.bigrams)}

    def encode(self, s):
        units = [u for u, _, _ in s]
        ext = ["<s>"] + units + ["</s>"]
        c = [self.cid.get(u, 1) for u in units]
        left = [self.bid.get(ext[i] + ext[i + 1], 1) for i in range(len(units))]
        right = [self.bid.get(ext[i + 1] + ext[i + 2], 1) for i in range(len(units))]
        return c, left, right, [g for _, g, _ in s], [x for _, _, x in s]


class Net(nn.Module):
    def __init__(self, vocab, a):
        super().__init__()
        self.ce = nn.Embedding(len(vocab.chars) + 2, a.char_dim)
        self.be = nn.Embedding(len(vocab.bigrams) + 2, a.bigram_dim)
        self.drop = nn.Dropout(a.dropout)
        self.lstm = nn.LSTM(a.char_dim + 2 * a.bigram_dim + LABELS, a.hidden,
                            batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * a.hidden + LABELS, LABELS)
        self.trans = nn.Parameter(torch.zeros(LABELS, LABELS))
        self.start = nn.Parameter(torch.zeros(LABELS))
        self.end = nn.Parameter(torch.zeros(LABELS))
        ok = torch.tensor([[allowed(x, y) for y in range(LABELS)] for x in range(LABELS)])
        self.register_buffer("ok", ok)
        self.register_buffer("ok_start", torch.tensor([allowed(None, y) for y in range(LABELS)]))
        self.register_buffer("ok_end", torch.tensor([allowed(x, None) for x in range(LABELS)]))

    def emissions(self, c, left, right, scores, mask):
        x = self.drop(torch.cat([self.ce(c), self.be(left), self.be(right), scores], -1))
        packed = nn.utils.rnn.pack_padded_sequence(x, mask.sum(1), batch_first=True,
                                                   enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=c.shape[1])
        return self.out(torch.cat([self.drop(h), scores], -1))

    def crf(self):
        return (self.trans.masked_fill(~self.ok, NEG), self.start.masked_fill(~self.ok_start, NEG),
                self.end.masked_fill(~self.ok_end, NEG))

    def nll(self, em, gold, mask):
        """The CRF's negative log-likelihood of the gold paths, summed over the batch."""
        trans, start, end = self.crf()
        n = em.shape[1]
        score = start[gold[:, 0]] + em[:, 0].gather(1, gold[:, :1]).squeeze(1)
        for t in range(1, n):
            step = trans[gold[:, t - 1], gold[:, t]] + em[:, t].gather(1, gold[:, t:t + 1]).squeeze(1)
            score = score + step * mask[:, t]
        last = gold.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        score = score + end[last]
        alpha = start.unsqueeze(0) + em[:, 0]
        for t in range(1, n):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), 1) + em[:, t]
            alpha = torch.where(mask[:, t:t + 1], nxt, alpha)
        return (torch.logsumexp(alpha + end.unsqueeze(0), 1) - score).sum()


def batches(data, size, scale, shuffle):
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        random.shuffle(chunks)
    for chunk in chunks:
        items = [data[i] for i in chunk]
        b, n = len(items), max(len(x[0]) for x in items)
        c, left, right, gold = (torch.zeros(b, n, dtype=torch.long) for _ in range(4))
        scores, mask = torch.zeros(b, n, LABELS), torch.zeros(b, n, dtype=torch.bool)
        for k, (ci, li, ri, gi, si) in enumerate(items):
            m = len(ci)
            c[k, :m], left[k, :m], right[k, :m] = torch.tensor(ci), torch.tensor(li), torch.tensor(ri)
            gold[k, :m], scores[k, :m], mask[k, :m] = torch.tensor(gi), torch.tensor(si) / scale, True
        yield c, left, right, gold, scores, mask


def tensor_bytes(t, quantise):
    """One tensor as the model file stores it (see src/ner/model/lstm/file.rs)."""
    t = t.detach().float()
    if t.dim() == 1:
        t = t.unsqueeze(0)
    rows, cols = t.shape
    out = bytearray(struct.pack("<IIB", rows, cols, 1 if quantise else 0))
    if quantise:
        scale = (t.abs().max(1).values / 127).clamp(min=1e-12)
        q = (t / scale.unsqueeze(1)).round().clamp(-127, 127).to(torch.int8)
        for r in range(rows):
            out += struct.pack("<f", float(scale[r])) + q[r].numpy().tobytes()
    else:
        out += t.contiguous().numpy().astype("<f4").tobytes()
    return bytes(out)


def quantised(net):
    """The tensors stored with 8 bits and a scale per row: the embeddings and the LSTM's
    weights (a quarter of the size, the same scores within 0.2 F1 points)."""
    return [net.ce.weight, net.be.weight] + [getattr(net.lstm, f"weight_{w}_l0{d}")
                                             for d in ("", "_reverse") for w in ("ih", "hh")]


def quantise(net):
    """Round the tensors of `quantised` as the model file stores them, so that the scores of
    --check are those of the file."""
    with torch.no_grad():
        for w in quantised(net):
            scale = (w.abs().max(1).values / 127).clamp(min=1e-12).unsqueeze(1)
            w.copy_((w / scale).round().clamp(-127, 127) * scale)


def write_check(path, net, vocab, sentences, scale):
    out = []
    with torch.no_grad():
        for s in sentences:
            c, left, right, gold, scores, mask = next(batches([vocab.encode(s)], 1, scale, False))
            em = net.emissions(c, left, right, scores, mask)[0]
            out.append({"units": "".join(u for u, _, _ in s), "scores": [x for _, _, x in s],
                        "emissions": em.tolist()})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)


def write_model(path, net, vocab, base, scale, settings):
    def code(c):
        return ord(c) if len(c) == 1 else NOCHAR

    def pair(b):
        if b.startswith("<s>") and len(b) == 4:
            return [BOS, ord(b[3])]
        if b.endswith("</s>") and len(b) == 5:
            return [ord(b[0]), EOS]
        return [ord(b[0]), ord(b[1])] if len(b) == 2 else [NOCHAR, NOCHAR]

    # wenxi folds full-width forms itself before it reads this table
    normalise = [[o, ord(norm(chr(o)))] for o in range(0x110000)
                 if not (0xD800 <= o < 0xE000 or 0xFF01 <= o <= 0xFF5E)
                 and norm(chr(o)) != chr(o) and len(norm(chr(o))) == 1]
    header = {"chars": [code(c) for c in vocab.chars], "bigrams": [pair(b) for b in vocab.bigrams],
              "normalise": normalise, "score_scale": scale, "training": settings}
    sd = net.state_dict()
    tensors = [(sd["ce.weight"], True), (sd["be.weight"], True)]
    for d in ("", "_reverse"):
        tensors += [(sd["lstm.weight_ih_l0" + d], True), (sd["lstm.weight_hh_l0" + d], True),
                    (sd["lstm.bias_ih_l0" + d] + sd["lstm.bias_hh_l0" + d], False)]
    tensors += [(sd["out.weight"], False), (sd["out.bias"], False), (sd["trans"], False),
                (sd["start"], False), (sd["end"], False)]
    blob = b"wenxi-ner-lstm 1\n"
    blob += json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    blob += struct.pack("<Q", len(base)) + base
    blob += b"".join(tensor_bytes(t, q) for t, q in tensors)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(blob)
    os.replace(tmp, path)
    return len(blob)


def split_model(path):
    """(header line, base model bytes, tensor bytes) of a model file."""
    with open(path, "rb") as f:
        blob = f.read()
    magic = b"wenxi-ner-lstm 1\n"
    if not blob.startswith(magic):
        sys.exit(f"{path}: not a wenxi LSTM entity model file")
    nl = blob.index(b"\n", len(magic))
    header = json.loads(blob[len(magic):nl])
    (n,) = struct.unpack_from("<Q", blob, nl + 1)
    at = nl + 9 + n
    return header, blob[nl + 9:at], blob[at:]


def pair_counts(score_files):
    """How often each pair of units (as Vocab counts them) occurs in the scores files."""
    bc = Counter()
    for path in score_files:
        for s in read_scores(path):
            ext = ["<s>"] + [u for u, _, _ in s] + ["</s>"]
            bc.update(ext[i] + ext[i + 1] for i in range(len(ext) - 1))
    return bc


def pair_text(p):
    """The Vocab string of a pair as the model file's header stores it."""
    a, b = p
    if a == BOS:
        return "<s>" + chr(b)
    if b == EOS:
        return chr(a) + "</s>"
    return "".join(chr(x) for x in p if x < 0x110000)


def cut_rows(blob, keep):
    """A network's tensors with the pair embedding (the second tensor) cut to the rows
    `keep`."""
    out, at = bytearray(), 0
    for n in range(2):
        rows, cols, q = struct.unpack_from("<IIB", blob, at)
        width = (4 + cols) if q else 4 * cols
        body = blob[at + 9:at + 9 + rows * width]
        at += 9 + rows * width
        if n == 1:
            body = b"".join(body[r * width:(r + 1) * width] for r in keep)
            rows = len(keep)
        out += struct.pack("<IIB", rows, cols, q) + body
    return bytes(out) + blob[at:]


def join(paths, out, min_pair_count=0, score_files=()):
    parts = [split_model(p) for p in paths]
    header, base, _ = parts[0]
    for p, (h, b, _) in zip(paths, parts):
        same = all(h[k] == header[k] for k in ("chars", "bigrams", "normalise", "score_scale"))
        if not same or b != base:
            sys.exit(f"{p}: not trained on the same scores and base model as {paths[0]}")
    if min_pair_count:
        # pairs seen fewer times share the unknown pair's row (row 1; row 0 is padding)
        counts = pair_counts(score_files)
        kept = [i for i, p in enumerate(header["bigrams"]) if counts[pair_text(p)] >= min_pair_count]
        print(f"{len(kept)} of {len(header['bigrams'])} pairs kept (seen {min_pair_count} times or more)")
        rows = [0, 1] + [i + 2 for i in kept]
        header = dict(header, bigrams=[header["bigrams"][i] for i in kept])
        parts = [(h, b, cut_rows(t, rows)) for h, b, t in parts]
    header = dict(header, training={"ensemble": [h["training"] for h, _, _ in parts]})
    if min_pair_count:
        header["training"]["min_pair_count"] = min_pair_count
    blob = b"wenxi-ner-lstm 1\n" + json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    blob += b"\n" + struct.pack("<Q", len(base)) + base + b"".join(t for _, _, t in parts)
    with open(out + ".tmp", "wb") as f:
        f.write(blob)
    os.replace(out + ".tmp", out)
    print(f"{len(paths)} networks in {out} ({len(blob) / 1e6:.1f} MB)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scores", nargs="+", help="files from wenxi train-ner --stack-scores")
    ap.add_argument("--base", help="the base model wenxi train-ner wrote with them")
    ap.add_argument("--join", nargs="+", metavar="MODEL", help="instead of training, join model files "
                    "trained on the same scores (other --seed) into one ensemble, written to --out")
    ap.add_argument("--min-pair-count", type=int, default=0, help="with --join: embed only the "
                    "pairs seen this many times in --scores (the others share the unknown pair's row), "
                    "for a smaller file")
    ap.add_argument("--out", required=True, help="where to write the model")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--hidden", type=int, default=150, help="LSTM state size per direction")
    ap.add_argument("--char-dim", type=int, default=100)
    ap.add_argument("--bigram-dim", type=int, default=50)
    ap.add_argument("--min-count", type=int, default=2, help="chars and pairs seen fewer times share one embedding")
    ap.add_argument("--batch", type=int, default=32, help="sentences per update")
    ap.add_argument("--lr", type=float, default=2e-3, help="Adam's step, divided by 1 + 0.1 × epoch")
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--init-emb", metavar="FILE", help="start the char embeddings from these "
                    "pretrained vectors (scripts/lac_embeddings.py); --char-dim is theirs")
    ap.add_argument("--check", help="also write the network's scores of the first 3 sentences "
                    "to this JSON file (for wenxi's tests: its LSTM must give the same)")
    a = ap.parse_args()
    if a.join:
        if a.min_pair_count and not a.scores:
            ap.error("--min-pair-count needs the --scores the networks were trained on")
        join(a.join, a.out, a.min_pair_count, a.scores or ())
        return
    if not (a.scores and a.base):
        ap.error("--scores and --base are needed to train")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    started = time.time()
    sentences = [s for path in a.scores for s in read_scores(path)]
    vectors = read_vectors(a.init_emb) if a.init_emb else {}
    vocab = Vocab(sentences, a.min_count, vectors)
    sample = torch.tensor([x for s in sentences[:5000] for _, _, x in s])
    scale = float(sample.std())
    data = [vocab.encode(s) for s in sentences]
    if vectors:
        a.char_dim = len(next(iter(vectors.values())))
    net = Net(vocab, a)
    if vectors:
        # pretrained rows scaled to the spread of the default initialisation (N(0, 1))
        m = torch.tensor(list(vectors.values()))
        k = 1.0 / float(m.std())
        with torch.no_grad():
            for c, v in vectors.items():
                net.ce.weight[vocab.cid[c]] = torch.tensor(v) * k
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    print(f"{len(sentences)} sentences, {sum(map(len, sentences))} chars, {len(vocab.chars)} chars "
          f"and {len(vocab.bigrams)} pairs embedded, {sum(p.numel() for p in net.parameters())} "
          f"parameters, score scale {scale:.3f}", flush=True)
    with open(a.base, "rb") as f:
        base = f.read()
    for epoch in range(a.epochs):
        t0, total = time.time(), 0.0
        for g in opt.param_groups:
            g["lr"] = a.lr / (1 + 0.1 * epoch)
        for c, left, right, gold, scores, mask in batches(data, a.batch, scale, True):
            loss = net.nll(net.emissions(c, left, right, scores, mask), gold, mask)
            opt.zero_grad()
            (loss / c.shape[0]).backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
        print(f"epoch {epoch + 1}: loss {total / len(data):.3f} per sentence, {time.time() - t0:.0f} s",
              flush=True)
    net.eval()
    quantise(net)
    if a.check:
        write_check(a.check, net, vocab, sentences[:3], scale)
    # the settings, with file names only: a model file names no folder of the machine
    settings = {k: v for k, v in vars(a).items() if k not in ("out", "threads", "check", "join")}
    settings["scores"] = [os.path.basename(p) for p in a.scores]
    settings["base"] = os.path.basename(a.base)
    settings["seconds"] = round(time.time() - started)
    size = write_model(a.out, net, vocab, base, scale, settings)
    print(f"model in {a.out} ({size / 1e6:.1f} MB), {time.time() - started:.0f} s in all")


if __name__ == "__main__":
    main()
