//! Feature ids: a fixed 64-bit hash of a feature's template and content.
//!
//! The hash is written out here rather than taken from a crate so that it can never change
//! under a model file: a model stores the ids of its features, and the same feature must get
//! the same id in every build. Each piece of content is folded in with a rotate, xor and
//! multiply (the FxHash step); the result is finished with splitmix64's mixer so that all
//! bits of the id depend on all bits of the content.

/// A feature id under construction: start with [`FeatureHash::new`], add the content, and
/// [`finish`](FeatureHash::finish). Nothing is allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FeatureHash(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl FeatureHash {
    /// A feature of template `template`.
    pub fn new(template: u8) -> Self {
        FeatureHash(0).add(u64::from(template) + 1)
    }

    /// Fold in one value.
    #[inline]
    pub fn add(self, x: u64) -> Self {
        FeatureHash((self.0.rotate_left(5) ^ x).wrapping_mul(K))
    }

    /// Fold in a char.
    #[inline]
    pub fn char(self, c: char) -> Self {
        self.add(u64::from(c))
    }

    /// Fold in a string: its chars, then its length (so that concatenations of different
    /// strings differ).
    pub fn str(self, s: &str) -> Self {
        let mut h = self;
        let mut n = 0;
        for c in s.chars() {
            h = h.char(c);
            n += 1;
        }
        h.add(n | 1 << 32)
    }

    /// Fold in a sequence of chars, as [`FeatureHash::str`] folds the same chars.
    pub fn chars(self, cs: &[char]) -> Self {
        cs.iter()
            .fold(self, |h, &c| h.char(c))
            .add(cs.len() as u64 | 1 << 32)
    }

    /// The id.
    #[inline]
    pub fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A deterministic pseudo-random sequence (splitmix64), for shuffling training sentences.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix(u64);

impl SplitMix {
    /// The sequence of `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        FeatureHash(self.0).finish()
    }

    /// A value in `0..n` (`n > 0`), by multiply-shift (the bias is below 2⁻³²).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Shuffle `items` (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable() {
        // These values are part of the model file format: a change breaks every model.
        assert_eq!(FeatureHash::new(0).finish(), 16_810_910_109_777_637_952);
        assert_eq!(
            FeatureHash::new(3).str("北京").char('x').finish(),
            15_122_520_579_693_404_354
        );
    }

    #[test]
    fn content_and_template_both_count() {
        let a = FeatureHash::new(1).str("ab").finish();
        assert_eq!(a, FeatureHash::new(1).chars(&['a', 'b']).finish());
        assert_ne!(a, FeatureHash::new(2).str("ab").finish());
        assert_ne!(a, FeatureHash::new(1).str("ba").finish());
        // "a"+"bc" and "ab"+"c" differ.
        assert_ne!(
            FeatureHash::new(1).str("a").str("bc").finish(),
            FeatureHash::new(1).str("ab").str("c").finish()
        );
    }

    #[test]
    fn shuffle_is_a_fixed_permutation() {
        let mut v: Vec<u32> = (0..10).collect();
        SplitMix::new(1).shuffle(&mut v);
        let mut w: Vec<u32> = (0..10).collect();
        SplitMix::new(1).shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..10).collect::<Vec<_>>());
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
    }
}
