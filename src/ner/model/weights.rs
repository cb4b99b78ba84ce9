//! The weights of a trained model, as 16-bit integers in a hash table keyed by feature id.
//!
//! Training gives the sums of the weights over all instances. One step of the stored
//! integers ([`Weights::scale`]) is the largest emission sum over 32,767, so every emission
//! weight fits in an `i16`; weights that round to 0 (or fall under the pruning threshold)
//! are 0, and a feature whose weights are all 0 is not stored. Transition weights use the
//! same step, as `i32`.
//!
//! Tagging looks up some 50 features per char, so the table is laid out for one memory
//! access per lookup: open addressing with linear probing, at most half full, each slot 32
//! bytes (aligned) holding 48 bits of the feature id and its weights for up to 13 labels.
//! The slot's position comes from the id's low 32 bits and the stored key is the id's high
//! 48 bits: two features whose ids agree on those 48 bits would share weights (the first
//! stored wins). Ids are hashes, so among a million features that happens in about one
//! model in 500.

use super::viterbi::{Allowed, Lattice, best_path};

/// The most labels a model may have (BIOES over three types).
pub(crate) const MAX_LABELS: usize = 13;

/// A feature's weights, one per label (0 past the model's labels).
pub(crate) type Row = [i16; MAX_LABELS];

/// A slot of the table: the id's high 48 bits (0: empty) and the weights.
#[repr(C, align(32))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slot {
    lo: u32,
    hi: u16,
    weights: Row,
}

/// Quantised weights of a model over `labels` labels (at most [`MAX_LABELS`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Weights {
    /// Number of labels.
    pub labels: usize,
    /// The averaged weight of one step of the stored integers.
    pub scale: f64,
    /// `(labels + 1)²` transition weights (see [`Lattice`]).
    pub transitions: Vec<i32>,
    /// The same, widened for the search.
    wide: Vec<i64>,
    /// The ids of the stored features, ascending.
    ids: Vec<u64>,
    slots: Vec<Slot>,
}

/// The stored key of `id`: its high 48 bits, never 0.
#[inline]
fn key(id: u64) -> (u32, u16) {
    let k = (id >> 16).max(1);
    (k as u32, (k >> 32) as u16)
}

impl Weights {
    /// Quantise the sums of training: `emissions` has `labels` sums per feature of `ids`,
    /// `transitions` has `(labels + 1)²`; both are sums over `instances` instances.
    /// Averaged weights under `prune` in magnitude become 0.
    pub fn from_sums(
        labels: usize,
        ids: &[u64],
        emissions: &[i64],
        transitions: &[i64],
        instances: u32,
        prune: f64,
    ) -> Weights {
        let max = emissions
            .iter()
            .map(|s| s.unsigned_abs())
            .max()
            .unwrap_or(0);
        // Sums per step of the integers.
        let step = (max as f64 / f64::from(i16::MAX)).max(1.0);
        let floor = prune * f64::from(instances.max(1));
        let rows = ids.iter().enumerate().map(|(f, &id)| {
            let mut row = [0; MAX_LABELS];
            for (w, &s) in row.iter_mut().zip(&emissions[f * labels..(f + 1) * labels]) {
                if (s.unsigned_abs() as f64) >= floor {
                    *w = (s as f64 / step).round().clamp(-32_767.0, 32_767.0) as i16;
                }
            }
            (id, row)
        });
        let transitions = transitions
            .iter()
            .map(|&s| (s as f64 / step).round().clamp(-1e9, 1e9) as i32)
            .collect();
        let scale = step / f64::from(instances.max(1));
        Weights::from_rows(labels, scale, transitions, rows)
    }

    /// Weights from the rows of their features (rows of zeros are left out).
    pub fn from_rows(
        labels: usize,
        scale: f64,
        transitions: Vec<i32>,
        rows: impl Iterator<Item = (u64, Row)>,
    ) -> Weights {
        let mut rows: Vec<(u64, Row)> = rows.filter(|r| r.1 != [0; MAX_LABELS]).collect();
        // Inserted in id order, the same rows always give the same table.
        rows.sort_unstable_by_key(|r| r.0);
        let mut w = Weights {
            labels,
            scale,
            wide: transitions.iter().map(|&t| i64::from(t)).collect(),
            transitions,
            ids: Vec::with_capacity(rows.len()),
            slots: vec![Slot::default(); (rows.len() * 2).max(16)],
        };
        for (id, row) in rows {
            w.insert(id, row);
        }
        w
    }

    #[inline]
    fn home(&self, id: u64) -> usize {
        (((id & 0xffff_ffff) * self.slots.len() as u64) >> 32) as usize
    }

    fn insert(&mut self, id: u64, row: Row) {
        let (lo, hi) = key(id);
        let mut i = self.home(id);
        loop {
            let s = &mut self.slots[i];
            if s.lo == 0 && s.hi == 0 {
                *s = Slot {
                    lo,
                    hi,
                    weights: row,
                };
                self.ids.push(id);
                return;
            }
            if (s.lo, s.hi) == (lo, hi) {
                // The same feature twice: keep the first.
                return;
            }
            i = if i + 1 == self.slots.len() { 0 } else { i + 1 };
        }
    }

    /// The weights of feature `id`, if it has any.
    #[inline]
    pub fn get(&self, id: u64) -> Option<&Row> {
        let (lo, hi) = key(id);
        let mut i = self.home(id);
        loop {
            let s = &self.slots[i];
            if (s.lo, s.hi) == (lo, hi) {
                return Some(&s.weights);
            }
            if s.lo == 0 && s.hi == 0 {
                return None;
            }
            i = if i + 1 == self.slots.len() { 0 } else { i + 1 };
        }
    }

    /// The stored features' ids and rows, by id.
    pub fn rows(&self) -> impl Iterator<Item = (u64, &Row)> + '_ {
        self.ids
            .iter()
            .filter_map(|&id| self.get(id).map(|row| (id, row)))
    }

    /// Number of features with a weight.
    pub fn features(&self) -> usize {
        self.ids.len()
    }

    /// Number of emission weights other than 0.
    pub fn values(&self) -> usize {
        self.rows()
            .map(|(_, r)| r.iter().filter(|&&w| w != 0).count())
            .sum()
    }

    /// Add the weights of feature `id` to `scores` (one per label).
    #[inline]
    pub fn add(&self, id: u64, scores: &mut [i32; MAX_LABELS]) {
        if let Some(row) = self.get(id) {
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += i32::from(w);
            }
        }
    }

    /// The best labels given the emission scores (one row per char), among the paths of
    /// allowed label pairs.
    pub fn decode(&self, emissions: &[[i32; MAX_LABELS]], allowed: &Allowed) -> Vec<u8> {
        let l = self.labels;
        let em: Vec<i64> = emissions
            .iter()
            .flat_map(|e| e[..l].iter().map(|&x| i64::from(x)))
            .collect();
        let (mut back, mut out) = (Vec::new(), Vec::new());
        let lattice = Lattice {
            labels: l,
            emissions: &em,
            transitions: &self.wide,
            allowed,
        };
        best_path(lattice, &mut back, &mut out);
        out
    }
}

/// Sums the weights of the features of a sentence's chars, given one at a time.
///
/// The lookups go in batches: the home slots of a batch are asked for first, in a loop
/// without branches on what they hold, so that the processor fetches them from memory
/// together rather than one after the other. A batch is looked up only after the next one
/// has been asked for, which gives its slots that long to arrive.
pub(crate) struct Scorer<'a> {
    weights: &'a Weights,
    /// Two halves of [`BATCH`]: one being filled, the other asked for and waiting.
    pending: [(u32, u64); 2 * BATCH],
    /// Where the half being filled starts (0 or [`BATCH`]).
    half: usize,
    /// Lookups in the half being filled.
    len: usize,
    /// Lookups waiting in the other half.
    waiting: usize,
    scores: Vec<[i32; MAX_LABELS]>,
}

/// Ask for the home slots of `batch`'s features (without waiting for them).
#[cfg(target_arch = "x86_64")]
#[inline]
fn prefetch(w: &Weights, batch: &[(u32, u64)]) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    for &(_, id) in batch {
        let slot: *const Slot = &w.slots[w.home(id)];
        // SAFETY: a prefetch only hints at an address (of a slot that exists); it reads
        // nothing the program sees.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(slot.cast::<i8>()) };
    }
}

/// Read the home slots of `batch`'s features, in a loop without branches on what they
/// hold, so that the processor fetches them together.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn prefetch(w: &Weights, batch: &[(u32, u64)]) {
    let mut touched = 0u32;
    for &(_, id) in batch {
        touched = touched.wrapping_add(w.slots[w.home(id)].lo);
    }
    std::hint::black_box(touched);
}

/// Features per batch.
const BATCH: usize = 32;

impl<'a> Scorer<'a> {
    /// Scores of `chars` chars, all 0.
    pub fn new(weights: &'a Weights, chars: usize) -> Self {
        Scorer {
            weights,
            pending: [(0, 0); 2 * BATCH],
            half: 0,
            len: 0,
            waiting: 0,
            scores: vec![[0; MAX_LABELS]; chars],
        }
    }

    /// Add the weights of feature `id` to the scores of char `i`.
    #[inline]
    pub fn add(&mut self, i: usize, id: u64) {
        self.pending[self.half + self.len] = (i as u32, id);
        self.len += 1;
        if self.len == BATCH {
            self.turn();
        }
    }

    /// Ask for the half being filled, look up the waiting half, and fill that one next.
    fn turn(&mut self) {
        let w = self.weights;
        prefetch(w, &self.pending[self.half..self.half + self.len]);
        let other = BATCH - self.half;
        for &(i, id) in &self.pending[other..other + self.waiting] {
            w.add(id, &mut self.scores[i as usize]);
        }
        self.waiting = self.len;
        self.len = 0;
        self.half = other;
    }

    /// The scores, one row per char.
    pub fn finish(mut self) -> Vec<[i32; MAX_LABELS]> {
        // Twice: the last lookups wait in one half after the first turn.
        self.turn();
        self.turn();
        self.scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(w: &[i16]) -> Row {
        let mut r = [0; MAX_LABELS];
        r[..w.len()].copy_from_slice(w);
        r
    }

    #[test]
    fn quantise_prune_and_rows_round_trip() {
        // Two labels, three features; sums over 10 instances.
        let (a, b, c) = (30 << 40, 10 << 40, 20 << 40);
        let ids = [a, b, c];
        let emissions = [32_767 * 4, -1, 0, 0, 8, -40_000];
        let w = Weights::from_sums(2, &ids, &emissions, &[4, 0, 0, 0, 0, 0, 0, 0, 9], 10, 0.0);
        // One step is 4 sums: -1 rounds to 0; feature b has no weight left.
        assert_eq!(w.features(), 2);
        assert_eq!(w.values(), 3);
        assert!((w.scale - 0.4).abs() < 1e-12);
        let mut s = [0; MAX_LABELS];
        w.add(a, &mut s);
        assert_eq!(s[..2], [32_767, 0]);
        let mut scorer = Scorer::new(&w, 2);
        for k in 0..200 {
            scorer.add(k % 2, [a, b, c][k % 3]);
        }
        let rows = scorer.finish();
        // Char 0 gets a, c, b, a, … (20 features), char 1 the rest.
        let expect = |i: usize| {
            (0..200).filter(|k| k % 2 == i).fold([0i32; 2], |mut e, k| {
                let mut r = [0; MAX_LABELS];
                w.add([a, b, c][k % 3], &mut r);
                e[0] += r[0];
                e[1] += r[1];
                e
            })
        };
        assert_eq!(rows[0][..2], expect(0));
        assert_eq!(rows[1][..2], expect(1));
        w.add(c, &mut s);
        assert_eq!(s[..2], [32_769, -10_000]);
        w.add(b, &mut s);
        assert_eq!(s[..2], [32_769, -10_000]);
        assert_eq!(w.transitions[0], 1);
        let rows: Vec<(u64, Row)> = w.rows().map(|(id, r)| (id, *r)).collect();
        assert_eq!(rows[0], (c, row(&[2, -10_000])));
        let back = Weights::from_rows(2, w.scale, w.transitions.clone(), rows.into_iter());
        assert_eq!(back, w);
        // Pruning at an average of 1 drops the sums under 10.
        let p = Weights::from_sums(2, &ids, &emissions, &[0; 9], 10, 1.0);
        assert_eq!(p.values(), 2);
    }

    #[test]
    fn many_features_are_all_found() {
        // Random ids, and ids that share their low 32 bits (and so their home slot).
        let mut rng = crate::ner::model::hash::SplitMix::new(3);
        let mut ids: Vec<u64> = (0..2000).map(|_| rng.next_u64()).collect();
        ids.extend((1..200u64).map(|i| i << 40 | 0x1234_5678));
        let value = |id: u64| (id % 1000) as i16 + 1;
        let rows = ids.iter().map(|&id| (id, row(&[value(id)])));
        let w = Weights::from_rows(1, 1.0, vec![0; 4], rows);
        assert_eq!(w.features(), ids.len());
        for &id in &ids {
            assert_eq!(w.get(id).map(|r| r[0]), Some(value(id)));
        }
        assert!(w.get(rng.next_u64()).is_none());
        assert!(w.get(300 << 40 | 0x1234_5678).is_none());
    }
}
