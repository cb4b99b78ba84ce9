#!/usr/bin/env python3
"""Write the char and word embeddings of Baidu's LAC (Apache-2.0) as text, and cluster them.

LAC's Python package (https://pypi.org/project/LAC/, version 2.1.2, an sdist) carries its
trained lexical-analysis network; its input layer holds a 128-dim vector for each of 8,223
chars and 50,000 words. This script reads them (a PaddlePaddle tensor file, parsed here
without Paddle) and writes:

* OUT_DIR/chars.vec: a char, a tab and its 128 numbers per line (for
  `scripts/train_lstm_ner.py --init-emb`);
* with --clusters FILE: the table `data/ner/clusters.txt` the entity model's cluster
  features read: each char with its k-means cluster among 32, 128 and 512, then each word
  with its cluster among 128, 512 and 2,048 (cosine geometry: unit vectors; scikit-learn,
  seed 0).

usage (the sdist from PyPI, sha256 22fcde0d5082d2044205ea6f6a7a9cd1f0d63e7b21b2dd5c9c73f27e7c0a3ef1;
`pip download` would try to build it, so fetch the file itself):
    curl -sO https://files.pythonhosted.org/packages/c3/88/966e99c95cac93730a7f3cdf92a17e2a0e924bea61b9a86ae7995feaa4fe/LAC-2.1.2.tar.gz
    tar xzf LAC-2.1.2.tar.gz
    python3 scripts/lac_embeddings.py LAC-2.1.2/LAC/lac_model target/lac --clusters data/ner/clusters.txt

Needs numpy (and scikit-learn for --clusters).
"""
import argparse
import os
import struct

import numpy as np


def read_tensor(path):
    """A PaddlePaddle LoDTensor file of float32 (no LoD): the array, shaped as stored."""
    raw = open(path, "rb").read()
    off = 4 + 8 + 4  # version, LoD level (0), tensor version
    (n,) = struct.unpack("<i", raw[off:off + 4])
    off += 4
    desc, off = raw[off:off + n], off + n
    # TensorDesc protobuf: field 1 data type (5 = float32), field 2 repeated dims (varints)
    assert desc[0] == 0x08 and desc[1] == 5, "not a float32 tensor"
    dims, i = [], 2
    while i < len(desc):
        assert desc[i] == 0x10
        i, v, shift = i + 1, 0, 0
        while True:
            b = desc[i]
            v |= (b & 0x7F) << shift
            i, shift = i + 1, shift + 7
            if b < 0x80:
                break
        dims.append(v)
    return np.frombuffer(raw[off:], dtype="<f4").reshape(dims)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model_dir", help="LAC's lac_model folder (model/ and conf/ inside)")
    ap.add_argument("out_dir")
    ap.add_argument("--clusters", metavar="FILE", help="also write the cluster table here")
    a = ap.parse_args()
    emb = read_tensor(os.path.join(a.model_dir, "model", "word_emb"))
    with open(os.path.join(a.model_dir, "conf", "word.dic"), encoding="utf-8") as f:
        words = [line.rstrip("\n").split("\t", 1)[1] for line in f]
    assert len(words) == emb.shape[0], (len(words), emb.shape)
    chars = [i for i, w in enumerate(words) if len(w) == 1 and w.strip()]
    multi = [i for i, w in enumerate(words) if len(w) > 1 and w != "OOV" and "\t" not in w]
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, "chars.vec"), "w", encoding="utf-8") as f:
        for i in chars:
            f.write(words[i] + "\t" + " ".join(f"{x:.5f}" for x in emb[i]) + "\n")
    print(f"{len(chars)} chars, {len(multi)} words, {emb.shape[1]} dims")
    if not a.clusters:
        return
    from sklearn.cluster import KMeans, MiniBatchKMeans
    unit = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    with open(a.clusters, "w", encoding="utf-8") as f:
        for pool, ks in ((chars, (32, 128, 512)), (multi, (128, 512, 2048))):
            x = unit[pool]
            labels = []
            for k in ks:
                if len(pool) < 10000:
                    km = KMeans(n_clusters=k, random_state=0, n_init=3)
                else:
                    km = MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=4096)
                labels.append(km.fit_predict(x))
            for j, i in enumerate(pool):
                f.write(words[i] + "\t" + "\t".join(str(l[j]) for l in labels) + "\n")


if __name__ == "__main__":
    main()
