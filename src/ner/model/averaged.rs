//! Perceptron weights with their running sums, for the averaged perceptron.
//!
//! The averaged perceptron predicts with the mean of the weights over all training
//! instances. Summing every weight after every instance would cost the whole table each
//! time; instead each row remembers when it last changed (the lazy timestamp trick): the
//! sum catches up by `weight × instances since` just before a change, and once at the end.
//! Weights change by whole steps, so weights and sums are integers and exact.

/// A table of rows of `width` weights, with running sums.
#[derive(Debug, Clone)]
pub(crate) struct Averaged {
    width: usize,
    weights: Vec<i32>,
    sums: Vec<i64>,
    /// Per row: the instance since which its weights hold.
    stamps: Vec<u32>,
}

impl Averaged {
    /// `rows` rows of `width` zero weights.
    pub fn new(rows: usize, width: usize) -> Self {
        Averaged {
            width,
            weights: vec![0; rows * width],
            sums: vec![0; rows * width],
            stamps: vec![1; rows],
        }
    }

    /// The current weights of row `row`.
    #[inline]
    pub fn row(&self, row: usize) -> &[i32] {
        &self.weights[row * self.width..(row + 1) * self.width]
    }

    /// All current weights, row after row.
    pub fn weights(&self) -> &[i32] {
        &self.weights
    }

    /// Add `delta` to weight `col` of row `row` during instance `now` (counted from 1).
    #[inline]
    pub fn update(&mut self, row: usize, col: usize, delta: i32, now: u32) {
        self.catch_up(row, now);
        self.weights[row * self.width + col] += delta;
    }

    fn catch_up(&mut self, row: usize, now: u32) {
        let since = self.stamps[row];
        if since == now {
            return;
        }
        let span = i64::from(now - since);
        let r = row * self.width..(row + 1) * self.width;
        for (s, &w) in self.sums[r.clone()].iter_mut().zip(&self.weights[r]) {
            *s += i64::from(w) * span;
        }
        self.stamps[row] = now;
    }

    /// The sums of the weights over instances `1..=instances` (the averages times
    /// `instances`), row after row.
    pub fn into_sums(mut self, instances: u32) -> Vec<i64> {
        for row in 0..self.stamps.len() {
            self.catch_up(row, instances + 1);
        }
        self.sums
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_sums_equal_plain_sums() {
        // Updates (instance, row, col, delta) over 6 instances, two rows of two.
        let updates = [
            (1, 0, 0, 1),
            (1, 0, 1, -1),
            (1, 0, 0, 1),
            (3, 1, 1, 2),
            (4, 0, 0, -1),
            (6, 1, 0, 1),
        ];
        let mut lazy = Averaged::new(2, 2);
        let mut plain = [0i32; 4];
        let mut plain_sums = [0i64; 4];
        for now in 1..=6u32 {
            for &(t, r, c, d) in &updates {
                if t == now {
                    lazy.update(r, c, d, now);
                    plain[r * 2 + c] += d;
                }
            }
            for (s, &w) in plain_sums.iter_mut().zip(&plain) {
                *s += i64::from(w);
            }
        }
        assert_eq!(lazy.weights(), plain);
        assert_eq!(lazy.into_sums(6), plain_sums);
        // By hand: weight (0, 0) is 2 after instances 1–3 and 1 after 4–6: 2·3 + 1·3.
        assert_eq!(plain_sums[0], 9);
    }
}
