//! Sets of chars asked of every char of a text: one bit per char of the Basic Multilingual
//! Plane, so that a test is a shift and a mask (a scan of a string, or a hash, cost more in
//! the places that ask: token merging, entity features).

/// A set of chars.
#[derive(Debug, Clone)]
pub(crate) struct CharSet {
    /// One bit per char below U+10000.
    bits: Box<[u64; 1024]>,
    /// The chars beyond it (few or none).
    beyond: Vec<char>,
}

impl CharSet {
    /// The set of `chars`.
    pub(crate) fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut set = CharSet {
            bits: Box::new([0; 1024]),
            beyond: Vec::new(),
        };
        for c in chars {
            let k = c as usize;
            if k < 0x1_0000 {
                set.bits[k / 64] |= 1 << (k % 64);
            } else if !set.beyond.contains(&c) {
                set.beyond.push(c);
            }
        }
        set
    }

    /// Whether `c` is in the set.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let k = c as usize;
        if k < 0x1_0000 {
            self.bits[k / 64] & 1 << (k % 64) != 0
        } else {
            self.beyond.contains(&c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_it_was_given_and_nothing_else() {
        let given = "阿a\u{ffff}\u{0}𠀀";
        let set = CharSet::new(given.chars());
        for c in (0..0x1_0000).filter_map(char::from_u32).chain(['𠀀', '𠀁']) {
            assert_eq!(set.contains(c), given.contains(c), "{c:?}");
        }
    }
}
