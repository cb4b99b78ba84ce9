//! Character spans.
//!
//! Every offset in wenxi says what it indexes. A [`CharSpan`] counts Unicode scalar values
//! (Rust `char`s), never bytes, and each place that stores one documents *which* text it
//! indexes: the decoded text (before repair) or the repaired text.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of char (Unicode scalar value) offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CharSpan {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
}

impl CharSpan {
    /// A span from `start` to `end` (char offsets).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        CharSpan { start, end }
    }

    /// Number of chars covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no char.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The slice of `chars` this span covers, as a `String`.
    pub fn slice(&self, chars: &[char]) -> String {
        chars[self.start..self.end].iter().collect()
    }
}

/// Maps char offsets of a string to byte offsets and back.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each char, plus the string's length at the end.
    bytes: Vec<usize>,
}

impl CharIndex {
    /// Index the chars of `text`.
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    /// Number of chars in the indexed text.
    pub fn char_len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Byte offset of char offset `c` (`c` may equal the char length).
    pub fn byte(&self, c: usize) -> usize {
        self.bytes[c]
    }

    /// Char offset of byte offset `b`, which must fall on a char boundary.
    pub fn char_of_byte(&self, b: usize) -> usize {
        self.bytes.binary_search(&b).unwrap_or_else(|i| i)
    }

    /// The `&str` that a char span covers in `text` (the string this index was built from).
    pub fn slice<'a>(&self, text: &'a str, span: CharSpan) -> &'a str {
        &text[self.byte(span.start)..self.byte(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trip() {
        let text = "a中b文";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_len(), 4);
        assert_eq!(idx.byte(1), 1);
        assert_eq!(idx.byte(2), 4);
        assert_eq!(idx.char_of_byte(4), 2);
        assert_eq!(idx.slice(text, CharSpan::new(1, 3)), "中b");
    }
}
