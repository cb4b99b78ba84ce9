//! TextRank keywords (Mihalcea & Tarau, 2004), as jieba computes them.
//!
//! * **Candidates**: the document's candidate terms (see [`super::filter`]) whose jieba tag
//!   is a noun, verb, name or Latin word ([`TEXTRANK_POS`]).
//! * **Graph**: one vertex per distinct candidate; each candidate is linked to the next
//!   [`WINDOW`]` - 1` candidates in the sequence of candidates (non-candidates are skipped
//!   over, not counted), the edge weight being the number of such co-occurrences. Edges are
//!   undirected; a word is not linked to itself.
//! * **Ranking**: weighted PageRank, `r(v) = (1 - d) + d · Σ w(u,v) / W(u) · r(u)` over the
//!   neighbours `u` of `v`, with `W(u)` the total weight of `u`'s edges and damping
//!   `d = `[`DAMPING`], iterated from `r = 1` (all vertices updated from the previous
//!   vector) until no rank moves by more than [`TOLERANCE`] or after [`MAX_ITERATIONS`].
//!
//! Vertices are numbered by first occurrence and neighbours kept sorted, so every sum is
//! taken in the same order and the result is the same on every run.

use rustc_hash::FxHashMap as HashMap;

use super::Keyword;
use super::rank::top_keywords;

/// jieba tags of TextRank candidates: jieba's default (`ns`, `n`, `vn`, `v`) plus the other
/// noun and name tags (people `nr`, `nrt`, `nrfg`; organisations `nt`; other proper nouns
/// `nz`; abbreviations `j`, e.g. `央视`) and Latin words (`eng`).
pub const TEXTRANK_POS: &[&str] = &[
    "n", "ns", "nr", "nrt", "nrfg", "nt", "nz", "vn", "v", "j", "eng",
];

/// Co-occurrence window, in candidates: a candidate is linked to the next `WINDOW - 1`.
pub const WINDOW: usize = 5;
/// PageRank damping factor.
pub const DAMPING: f64 = 0.85;
/// Iteration cap.
pub const MAX_ITERATIONS: usize = 100;
/// Convergence threshold on the largest change of a rank in one iteration.
pub const TOLERANCE: f64 = 1e-9;

/// Whether jieba tag `pos` may be a TextRank candidate.
pub fn textrank_pos(pos: &str) -> bool {
    TEXTRANK_POS.contains(&pos)
}

/// The TextRank score of each distinct word of `candidates` (in text order), in order of
/// first occurrence.
pub fn scores<'a>(candidates: &[&'a str]) -> Vec<(&'a str, f64)> {
    let mut ids: HashMap<&str, usize> = HashMap::default();
    let mut words: Vec<&str> = Vec::new();
    let seq: Vec<usize> = candidates
        .iter()
        .map(|&w| {
            *ids.entry(w).or_insert_with(|| {
                words.push(w);
                words.len() - 1
            })
        })
        .collect();
    // every co-occurrence as a pair, sorted: equal pairs are then runs, counted in order
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(seq.len() * (WINDOW - 1));
    for (i, &u) in seq.iter().enumerate() {
        for &v in seq.iter().skip(i + 1).take(WINDOW - 1) {
            if u != v {
                pairs.push((u.min(v), u.max(v)));
            }
        }
    }
    pairs.sort_unstable();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); words.len()];
    for run in pairs.chunk_by(|a, b| a == b) {
        let (u, v) = run[0];
        let w = run.len() as f64;
        adj[u].push((v, w));
        adj[v].push((u, w));
    }
    for list in &mut adj {
        list.sort_by_key(|&(v, _)| v);
    }
    let ranks = pagerank(&adj);
    words.into_iter().zip(ranks).collect()
}

/// Weighted PageRank over an undirected graph given as sorted adjacency lists.
fn pagerank(adj: &[Vec<(usize, f64)>]) -> Vec<f64> {
    let out: Vec<f64> = adj
        .iter()
        .map(|l| l.iter().map(|&(_, w)| w).sum())
        .collect();
    // flat lists of (neighbour, w / W(neighbour)), in the same order as `adj`: the sums
    // below are the same, bit for bit, as summing `w / W(u) * r(u)` over `adj`
    let mut start = Vec::with_capacity(adj.len() + 1);
    let mut links: Vec<(usize, f64)> = Vec::new();
    for l in adj {
        start.push(links.len());
        links.extend(l.iter().map(|&(u, w)| (u, w / out[u])));
    }
    start.push(links.len());
    let mut rank = vec![1.0; adj.len()];
    let mut next = vec![0.0; adj.len()];
    for _ in 0..MAX_ITERATIONS {
        let mut delta: f64 = 0.0;
        for (v, r) in next.iter_mut().enumerate() {
            let s: f64 = links[start[v]..start[v + 1]]
                .iter()
                .map(|&(u, nw)| nw * rank[u])
                .sum();
            *r = (1.0 - DAMPING) + DAMPING * s;
            delta = delta.max((*r - rank[v]).abs());
        }
        std::mem::swap(&mut rank, &mut next);
        if delta <= TOLERANCE {
            break;
        }
    }
    rank
}

/// The `top_n` TextRank keywords of `candidates` (already restricted to [`TEXTRANK_POS`]).
pub fn textrank(candidates: &[&str], top_n: usize) -> Vec<Keyword> {
    top_keywords(scores(candidates), top_n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_ranks_first() {
        // 中心 co-occurs with every other word; the others only with their neighbours.
        let seq = [
            "中心", "甲", "中心", "乙", "中心", "丙", "中心", "丁", "中心", "戊",
        ];
        let k = textrank(&seq, 10);
        assert_eq!(k[0].term, "中心");
        assert_eq!(k[0].weight, 1.0);
        assert!(k[1..].iter().all(|k| k.weight < 1.0));
        assert_eq!(k.len(), 6);
    }

    #[test]
    fn symmetric_graph_gives_equal_ranks_sorted_by_term() {
        let k = textrank(&["乙", "甲"], 10);
        assert_eq!(k.len(), 2);
        assert_eq!((k[0].weight, k[1].weight), (1.0, 1.0));
        assert!(k[0].term < k[1].term);
    }

    #[test]
    fn window_limits_links() {
        // a and f are 5 candidates apart: not linked.
        let s = scores(&["a", "b", "c", "d", "e", "f"]);
        assert_eq!(s.len(), 6);
        let r: HashMap<&str, f64> = s.into_iter().collect();
        // Ends of the chain have fewer links than the middle.
        assert!(r["a"] < r["c"]);
        assert!((r["a"] - r["f"]).abs() < 1e-9, "the chain is symmetric");
    }

    #[test]
    fn ranks_sum_to_vertex_count() {
        // On a graph without isolated vertices, PageRank with (1 - d) teleport keeps the
        // total rank equal to the number of vertices.
        let s = scores(&[
            "量子", "计算", "芯片", "量子", "算法", "计算", "芯片", "量子",
        ]);
        let total: f64 = s.iter().map(|&(_, r)| r).sum();
        assert!((total - s.len() as f64).abs() < 1e-6, "{total}");
    }

    #[test]
    fn isolated_and_empty() {
        assert!(textrank(&[], 5).is_empty());
        let s = scores(&["孤", "孤"]);
        assert_eq!(s, [("孤", 1.0 - DAMPING)]);
    }

    #[test]
    fn pos_filter() {
        assert!(textrank_pos("n") && textrank_pos("eng") && textrank_pos("nrt"));
        assert!(
            !textrank_pos("m") && !textrank_pos("x") && !textrank_pos("uj") && !textrank_pos("d")
        );
    }
}
