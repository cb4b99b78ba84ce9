#!/usr/bin/env python3
"""Run the README's Spark recipe with Spark in local mode and check that the merged corpus
summary equals one `wenxi analyze` over the same files.

usage: scripts/check_spark_recipe.py [--bin target/release/wenxi] [--partitions 4] DIR

DIR holds the input files (any encodings). Needs pyspark (`pip install pyspark`) and a Java
runtime. Exit code 0 when the two corpus.json files are equal.
"""
import argparse, base64, filecmp, hashlib, os, shutil, subprocess, sys, tempfile

SHARD = r'''
import base64, os, subprocess, sys, tempfile
out, wenxi = sys.argv[1], sys.argv[2]
shard = tempfile.mkdtemp(prefix="wenxi-")
os.mkdir(os.path.join(shard, "in"))
for line in sys.stdin:
    name, data = line.rstrip("\n").split("\t", 1)
    with open(os.path.join(shard, "in", name), "wb") as f:
        f.write(base64.b64decode(data))
name = os.path.basename(shard)
partial = f"{out}/{name}.partial.json"
rc = subprocess.run([wenxi, "analyze", "in", "--out", f"{out}/{name}",
                     "--partial", partial, "--quiet"], cwd=shard).returncode
if rc not in (0, 1):
    sys.exit(rc)
print(partial)
'''

def shard_name(path):
    return hashlib.sha1(path.encode()).hexdigest()[:16] + "_" + os.path.basename(path)

def to_line(item):
    path, data = item
    return shard_name(path) + "\t" + base64.b64encode(data).decode("ascii")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/wenxi")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("dir")
    a = ap.parse_args()
    wenxi = os.path.abspath(a.bin)
    work = tempfile.mkdtemp(prefix="wenxi-spark-")
    out = os.path.join(work, "out")
    os.mkdir(out)
    shard_py = os.path.join(work, "shard.py")
    with open(shard_py, "w") as f:
        f.write(SHARD)

    from pyspark import SparkContext
    sc = SparkContext("local[2]", "wenxi-recipe")
    sc.setLogLevel("ERROR")
    try:
        # small local inputs come as one partition whatever minPartitions says: spread them
        rdd = (sc.binaryFiles("file://" + os.path.abspath(a.dir), minPartitions=a.partitions)
               .repartition(a.partitions))
        paths = rdd.keys().collect()
        partials = (rdd.map(to_line)
                    .pipe(f"{sys.executable} {shard_py} {out} {wenxi}",
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, checkCode=True)
                    .collect())
    finally:
        sc.stop()
    merged = os.path.join(work, "merged")
    rc = subprocess.run([wenxi, "merge", *partials, "--out", merged]).returncode
    print(f"{len(paths)} files, {len(partials)} partials, merge exit code {rc}")

    # one run over the same files under the same names (and the same relative path, `in`)
    ref = os.path.join(work, "ref")
    os.makedirs(os.path.join(ref, "in"))
    for p in paths:
        shutil.copy(p.removeprefix("file:"), os.path.join(ref, "in", shard_name(p)))
    rc1 = subprocess.run([wenxi, "analyze", "in", "--out", "out", "--quiet"], cwd=ref).returncode
    same = filecmp.cmp(os.path.join(merged, "corpus.json"), os.path.join(ref, "out", "corpus.json"),
                       shallow=False)
    print(f"one run: exit code {rc1}; corpus.json equal: {same}; files in {work}")
    sys.exit(0 if same and rc == rc1 else 1)

if __name__ == "__main__":
    main()
