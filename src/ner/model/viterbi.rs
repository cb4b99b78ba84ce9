//! The best label sequence of a first-order chain (Viterbi search), over the label pairs a
//! scheme allows.

/// Which labels may follow which, over `labels` labels and the sentence boundary (index
/// `labels`): at the start, the boundary precedes the first label; at the end, the last
/// label precedes the boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Allowed {
    labels: usize,
    /// `(labels + 1)²` flags, `a * (labels + 1) + b` for `b` after `a`.
    pairs: Vec<bool>,
    /// For each label, the labels that may precede it.
    before: Vec<Vec<usize>>,
}

impl Allowed {
    /// The pairs `(a, b)` for which `ok(a, b)` holds.
    pub fn new(labels: usize, ok: impl Fn(usize, usize) -> bool) -> Self {
        let s = labels + 1;
        let pairs: Vec<bool> = (0..s * s).map(|k| ok(k / s, k % s)).collect();
        let before = (0..labels)
            .map(|b| (0..labels).filter(|&a| pairs[a * s + b]).collect())
            .collect();
        Allowed {
            labels,
            pairs,
            before,
        }
    }

    /// Whether `b` may follow `a` (either may be the boundary).
    pub fn ok(&self, a: usize, b: usize) -> bool {
        self.pairs[a * (self.labels + 1) + b]
    }
}

/// The scores of a chain over `labels` labels.
///
/// `emissions[i * labels + y]` is the score of label `y` at position `i`;
/// `transitions[a * (labels + 1) + b]` the score of label `b` right after label `a`, where
/// the index `labels` stands for the sentence boundary: row `labels` holds the scores of
/// the first label, column `labels` those of the last.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lattice<'a> {
    /// Number of labels.
    pub labels: usize,
    /// Per position and label.
    pub emissions: &'a [i64],
    /// `(labels + 1)²` transition scores, boundary last.
    pub transitions: &'a [i64],
    /// The label pairs paths may use.
    pub allowed: &'a Allowed,
}

/// Below any score of an allowed path.
const NONE: i64 = i64::MIN / 4;

/// Write into `out` the label sequence of highest total score (emissions plus transitions,
/// boundaries included) among those that use only allowed pairs. Ties go to the lower
/// label. `back` is scratch space.
pub(crate) fn best_path(lattice: Lattice<'_>, back: &mut Vec<u8>, out: &mut Vec<u8>) {
    let l = lattice.labels;
    let stride = l + 1;
    let n = lattice.emissions.len() / l.max(1);
    out.clear();
    if n == 0 || l == 0 {
        return;
    }
    let em = lattice.emissions;
    let tr = lattice.transitions;
    let allowed = lattice.allowed;
    back.clear();
    back.resize(n * l, 0);
    let mut score: Vec<i64> = (0..l)
        .map(|y| {
            if allowed.ok(l, y) {
                tr[l * stride + y] + em[y]
            } else {
                NONE
            }
        })
        .collect();
    let mut next = vec![0i64; l];
    // Per label, the labels that may precede it with the transition's score, in one flat
    // list (`ranges[y]` is label y's part), so the inner loop reads one array in order.
    let mut flat: Vec<(u8, i64)> = Vec::with_capacity(l * l);
    let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(l);
    for (y, before) in allowed.before.iter().enumerate() {
        let start = flat.len();
        flat.extend(before.iter().map(|&x| (x as u8, tr[x * stride + y])));
        ranges.push((start, flat.len()));
    }
    for i in 1..n {
        let e = &em[i * l..(i + 1) * l];
        let b = &mut back[i * l..(i + 1) * l];
        for (y, &(from, to)) in ranges.iter().enumerate() {
            let mut best = NONE;
            let mut arg = 0u8;
            for &(x, t) in &flat[from..to] {
                let v = score[usize::from(x)] + t;
                // Without a branch: which is better is not predictable.
                let better = v > best;
                best = if better { v } else { best };
                arg = if better { x } else { arg };
            }
            next[y] = if best == NONE { NONE } else { best + e[y] };
            b[y] = arg;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut last = 0;
    let mut best = i64::MIN;
    for (y, &s) in score.iter().enumerate() {
        if !allowed.ok(y, l) {
            continue;
        }
        let v = s + tr[y * stride + l];
        if v > best {
            best = v;
            last = y;
        }
    }
    out.resize(n, 0);
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i * l + usize::from(out[i])];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The total score of a path.
    fn score(lat: Lattice<'_>, path: &[u8]) -> i64 {
        let l = lat.labels;
        let s = l + 1;
        let mut prev = l;
        let mut total = 0;
        for (i, &y) in path.iter().enumerate() {
            let y = usize::from(y);
            total += lat.transitions[prev * s + y] + lat.emissions[i * l + y];
            prev = y;
        }
        total + lat.transitions[prev * s + l]
    }

    #[test]
    fn hand_made_lattice() {
        // Two labels. Emissions alone prefer 0 1 0; the transition 1 → 0 costs 10, so the
        // best path stays on 1 after it starts.
        let emissions = [3, 0, 0, 2, 1, 0];
        #[rustfmt::skip]
        let transitions = [
            0, 0, 0,
            -10, 0, 0,
            0, 0, 0,
        ];
        let all = Allowed::new(2, |_, _| true);
        let lat = Lattice {
            labels: 2,
            emissions: &emissions,
            transitions: &transitions,
            allowed: &all,
        };
        let (mut back, mut out) = (Vec::new(), Vec::new());
        best_path(lat, &mut back, &mut out);
        assert_eq!(out, [0, 1, 1]);
        assert_eq!(score(lat, &out), 5);
        // Label 1 may not follow label 0: the best path is then all 0 (1 1 1 scores 2).
        let late = Allowed::new(2, |a, b| !(a == 0 && b == 1));
        best_path(
            Lattice {
                allowed: &late,
                ..lat
            },
            &mut back,
            &mut out,
        );
        assert_eq!(out, [0, 0, 0]);
    }

    #[test]
    fn matches_brute_force() {
        // Pseudo-random lattices of 3 labels, every path of up to 5 positions tried; label 2
        // may not follow label 0, nor end a sentence.
        let allowed = Allowed::new(3, |a, b| (a, b) != (0, 2) && (a, b) != (2, 3));
        let ok = |path: &[u8]| {
            let mut prev = 3;
            for &y in path {
                if !allowed.ok(prev, usize::from(y)) {
                    return false;
                }
                prev = usize::from(y);
            }
            allowed.ok(prev, 3)
        };
        let mut x: u64 = 7;
        let mut rnd = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % 21) as i64 - 10
        };
        for n in 1..=5 {
            for _ in 0..20 {
                let emissions: Vec<i64> = (0..n * 3).map(|_| rnd()).collect();
                let transitions: Vec<i64> = (0..16).map(|_| rnd()).collect();
                let lat = Lattice {
                    labels: 3,
                    emissions: &emissions,
                    transitions: &transitions,
                    allowed: &allowed,
                };
                let (mut back, mut out) = (Vec::new(), Vec::new());
                best_path(lat, &mut back, &mut out);
                assert!(ok(&out), "{out:?}");
                let mut best = i64::MIN;
                for code in 0..3usize.pow(n) {
                    let path: Vec<u8> = (0..n).map(|i| (code / 3usize.pow(i) % 3) as u8).collect();
                    if ok(&path) {
                        best = best.max(score(lat, &path));
                    }
                }
                assert_eq!(score(lat, &out), best);
            }
        }
    }

    #[test]
    fn empty_sentence() {
        let (mut back, mut out) = (Vec::new(), vec![1]);
        let lat = Lattice {
            labels: 2,
            emissions: &[],
            transitions: &[0; 9],
            allowed: &Allowed::new(2, |_, _| true),
        };
        best_path(lat, &mut back, &mut out);
        assert!(out.is_empty());
    }
}
