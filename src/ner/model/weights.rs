//! The weights of a trained model, compact: a table from feature id to the weights of the
//! labels the feature has one for, as 16-bit integers.
//!
//! Training gives the sums of the weights over all instances. One step of the stored
//! integers ([`Weights::scale`]) is the largest emission sum over 32,767, so every emission
//! weight fits in an `i16`; weights that round to 0 (or fall under the pruning threshold)
//! are not stored, and a feature without any weight is not stored either. Transition
//! weights use the same step, as `i32`.

use rustc_hash::FxHashMap;

use super::viterbi::{Lattice, best_path};

/// A feature's entry: where its weights start in [`Weights::values`] (high bits) and which
/// labels have one (the low 16 bits, bit `y` for label `y`).
type Entry = u64;

/// Quantised weights of a model over `labels` labels (at most 16).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Weights {
    /// Number of labels.
    pub labels: usize,
    /// The averaged weight of one step of the stored integers.
    pub scale: f64,
    /// `(labels + 1)²` transition weights (see [`Lattice`]).
    pub transitions: Vec<i32>,
    /// Feature id → entry.
    table: FxHashMap<u64, Entry>,
    /// The weights of all features, each feature's in label order.
    values: Vec<i16>,
}

/// A feature's weights, for saving: id, label mask, weights.
pub(crate) type Row<'a> = (u64, u16, &'a [i16]);

impl Weights {
    /// Quantise the sums of training: `emissions` has `labels` sums per feature of `ids`,
    /// `transitions` has `(labels + 1)²`; both are sums over `instances` instances.
    /// Averaged weights under `prune` in magnitude are dropped.
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
        let quantise = |s: i64| -> i64 {
            if (s.unsigned_abs() as f64) < floor {
                0
            } else {
                (s as f64 / step).round() as i64
            }
        };
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_unstable_by_key(|&f| ids[f]);
        let mut table = FxHashMap::default();
        let mut values = Vec::new();
        for f in order {
            let mut mask = 0u64;
            let start = values.len() as u64;
            for (y, &s) in emissions[f * labels..(f + 1) * labels].iter().enumerate() {
                let q = quantise(s);
                if q != 0 {
                    mask |= 1 << y;
                    values.push(q.clamp(-i64::from(i16::MAX), i64::from(i16::MAX)) as i16);
                }
            }
            if mask != 0 {
                table.insert(ids[f], start << 16 | mask);
            }
        }
        let transitions = transitions
            .iter()
            .map(|&s| {
                (s as f64 / step)
                    .round()
                    .clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32
            })
            .collect();
        Weights {
            labels,
            scale: step / f64::from(instances.max(1)),
            transitions,
            table,
            values,
        }
    }

    /// Weights read back from saved rows (see [`Weights::rows`]).
    pub fn from_rows<'a>(
        labels: usize,
        scale: f64,
        transitions: Vec<i32>,
        rows: impl Iterator<Item = Row<'a>>,
    ) -> Weights {
        let mut table = FxHashMap::default();
        let mut values = Vec::new();
        for (id, mask, w) in rows {
            table.insert(id, (values.len() as u64) << 16 | u64::from(mask));
            values.extend_from_slice(w);
        }
        Weights {
            labels,
            scale,
            transitions,
            table,
            values,
        }
    }

    /// The features' rows, by id.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = self
            .table
            .iter()
            .map(|(&id, &e)| {
                let mask = (e & 0xffff) as u16;
                let start = (e >> 16) as usize;
                (
                    id,
                    mask,
                    &self.values[start..start + mask.count_ones() as usize],
                )
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// Number of features with a weight.
    pub fn features(&self) -> usize {
        self.table.len()
    }

    /// Number of stored emission weights.
    pub fn values(&self) -> usize {
        self.values.len()
    }

    /// Add the weights of feature `id` to `scores` (one per label).
    #[inline]
    pub fn add(&self, id: u64, scores: &mut [i64]) {
        if let Some(&e) = self.table.get(&id) {
            let mut mask = e & 0xffff;
            let mut at = (e >> 16) as usize;
            while mask != 0 {
                scores[mask.trailing_zeros() as usize] += i64::from(self.values[at]);
                at += 1;
                mask &= mask - 1;
            }
        }
    }

    /// The best labels given the emission scores (`labels` per char).
    pub fn decode(&self, emissions: &[i64]) -> Vec<u8> {
        let transitions: Vec<i64> = self.transitions.iter().map(|&t| i64::from(t)).collect();
        let (mut back, mut out) = (Vec::new(), Vec::new());
        let lattice = Lattice {
            labels: self.labels,
            emissions,
            transitions: &transitions,
        };
        best_path(lattice, &mut back, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantise_prune_and_rows_round_trip() {
        // Two labels, three features; sums over 10 instances.
        let ids = [30, 10, 20];
        let emissions = [32_767 * 4, -1, 0, 0, 8, -40_000];
        let w = Weights::from_sums(2, &ids, &emissions, &[4, 0, 0, 0, 0, 0, 0, 0, 9], 10, 0.0);
        // One step is 4 sums: -1 rounds to 0 (dropped); feature 10 has no weight left.
        assert_eq!(w.features(), 2);
        assert_eq!(w.values(), 3);
        assert!((w.scale - 0.4).abs() < 1e-12);
        let mut s = [0i64; 2];
        w.add(30, &mut s);
        assert_eq!(s, [32_767, 0]);
        w.add(20, &mut s);
        assert_eq!(s, [32_769, -10_000]);
        w.add(10, &mut s);
        assert_eq!(s, [32_769, -10_000]);
        assert_eq!(w.transitions[0], 1);
        let rows = w.rows();
        assert_eq!(rows[0], (20, 0b11, &[2i16, -10_000][..]));
        let back = Weights::from_rows(2, w.scale, w.transitions.clone(), rows.into_iter());
        assert_eq!(back, w);
        // Pruning at an average of 1 drops the sums under 10.
        let p = Weights::from_sums(2, &ids, &emissions, &[0; 9], 10, 1.0);
        assert_eq!(p.values(), 2);
    }
}
