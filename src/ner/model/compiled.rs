//! The unit and cluster features of single chars, summed ahead of tagging.
//!
//! A char's unit features ([`super::features`]: the char at offsets −2…+2 of the char being
//! tagged) and its cluster features at the same offsets depend on nothing but the char and
//! the offset. For each char of the cluster table (but ASCII letters and digits, whose units
//! are words and `0`), a loaded model sums the weights of those features once per offset:
//! tagging then adds five precomputed rows for the char in place of up to 20 lookups in the
//! weight table. The scores are the same, to the unit (a test checks it).

use super::clusters::CLUSTERS;
use super::features::{FeatureSet, char_offset_features};
use super::weights::{MAX_LABELS, Weights};

/// Offsets −2…+2.
const OFFSETS: usize = 5;

/// The summed rows of each compiled char, by offset.
#[derive(Debug, Clone, Default)]
pub(crate) struct CharRows {
    /// Index + 1 into `rows` of each char of the Basic Multilingual Plane (0: not compiled).
    index: Vec<u32>,
    rows: Vec<[[i32; MAX_LABELS]; OFFSETS]>,
}

impl CharRows {
    /// The rows of the chars of the cluster table under `weights` and `set`.
    pub(crate) fn new(weights: &Weights, set: FeatureSet) -> Self {
        let mut index = vec![0u32; 0x1_0000];
        let mut rows = Vec::new();
        for c in CLUSTERS.chars() {
            if !compilable(c) {
                continue;
            }
            let mut row = [[0i32; MAX_LABELS]; OFFSETS];
            for (d, r) in row.iter_mut().enumerate() {
                char_offset_features(c, d, set, &mut |id| weights.add(id, r));
            }
            rows.push(row);
            index[c as usize] = rows.len() as u32;
        }
        CharRows { index, rows }
    }

    /// Whether `c`'s unit and cluster features come from these rows.
    #[inline]
    pub(crate) fn has(&self, c: char) -> bool {
        self.index.get(c as usize).is_some_and(|&i| i != 0)
    }

    /// Add the rows of the compiled chars of `norm` to the scores of the chars around them.
    pub(crate) fn add(&self, norm: &[char], scores: &mut [[i32; MAX_LABELS]]) {
        let n = norm.len();
        for (j, &c) in norm.iter().enumerate() {
            let Some(&k) = self.index.get(c as usize) else {
                continue;
            };
            if k == 0 {
                continue;
            }
            let row = &self.rows[k as usize - 1];
            // Char j is at offset d − 2 of char i = j + 2 − d.
            for (d, r) in row.iter().enumerate() {
                let Some(i) = (j + 2).checked_sub(d).filter(|&i| i < n) else {
                    continue;
                };
                for (s, &w) in scores[i].iter_mut().zip(r) {
                    *s += w;
                }
            }
        }
    }
}

/// Chars whose unit is the char itself, in the Basic Multilingual Plane.
fn compilable(c: char) -> bool {
    !c.is_ascii_alphanumeric() && (c as u32) < 0x1_0000
}
