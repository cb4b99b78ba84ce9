//! The input of a sequence model: a sentence's chars, their normalised forms, and jieba's
//! words over the normalised text.

use crate::segment::Segmenter;
use crate::segment::merge::is_han;

/// A word of jieba's segmentation of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// First char of the word (offset into the sentence).
    pub start: usize,
    /// One past the word's last char.
    pub end: usize,
    /// jieba's part-of-speech tag.
    pub pos: String,
}

/// A sentence prepared for tagging. Built once per sentence and given to every
/// [`super::EntityModel`]: a model reads what it needs (chars, normalised chars, words).
#[derive(Debug, Clone)]
pub struct Sentence {
    chars: Vec<char>,
    norm: Vec<char>,
    words: Vec<Word>,
}

impl Sentence {
    /// Prepare `chars` for tagging: normalise them ([`normalize_char`]) and segment the
    /// normalised text with `segmenter`.
    pub fn new(chars: &[char], segmenter: &Segmenter) -> Self {
        let norm: Vec<char> = chars.iter().map(|&c| normalize_char(c)).collect();
        let text: String = norm.iter().collect();
        let words = segmenter
            .segment(&text)
            .into_iter()
            .map(|t| Word {
                start: t.span.start,
                end: t.span.end,
                pos: t.pos,
            })
            .collect();
        Sentence {
            chars: chars.to_vec(),
            norm,
            words,
        }
    }

    /// The chars as given.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The normalised chars, one per char.
    pub fn norm(&self) -> &[char] {
        &self.norm
    }

    /// jieba's words, covering the sentence in order.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// Number of chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the sentence has no char.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

/// Full-width ASCII forms (U+FF01–U+FF5E: `０`, `Ａ`, `（`, …) become ASCII, and the
/// ideographic space a space. Training data writes digits and Latin letters full-width, real
/// text mostly in ASCII; features see one form. The mapping is char for char, so offsets
/// do not move.
pub fn normalize_char(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// A coarse class of a (normalised) char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharClass {
    /// A Han character.
    Han,
    /// An ASCII digit.
    Digit,
    /// An ASCII letter.
    Latin,
    /// Punctuation or a symbol.
    Punct,
    /// Whitespace.
    Space,
    /// Anything else (other scripts, emoji, …).
    Other,
}

impl CharClass {
    /// The class of `c`.
    pub fn of(c: char) -> CharClass {
        if is_han(c) {
            CharClass::Han
        } else if c.is_ascii_digit() {
            CharClass::Digit
        } else if c.is_ascii_alphabetic() {
            CharClass::Latin
        } else if c.is_whitespace() {
            CharClass::Space
        } else if c.is_ascii_punctuation()
            || matches!(c as u32, 0x2010..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFFEF | 0xB7)
        {
            CharClass::Punct
        } else {
            CharClass::Other
        }
    }

    /// One letter for feature names.
    pub fn letter(self) -> char {
        match self {
            CharClass::Han => 'H',
            CharClass::Digit => 'D',
            CharClass::Latin => 'L',
            CharClass::Punct => 'P',
            CharClass::Space => 'S',
            CharClass::Other => 'O',
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_full_width() {
        let s: String = "ＡＢｃ１２３（　）中".chars().map(normalize_char).collect();
        assert_eq!(s, "ABc123( )中");
    }

    #[test]
    fn words_cover_the_sentence() {
        let chars: Vec<char> = "１９９７年江泽民访问美国。".chars().collect();
        let s = Sentence::new(&chars, &Segmenter::new());
        assert_eq!(s.len(), chars.len());
        let mut at = 0;
        for w in s.words() {
            assert_eq!(w.start, at);
            at = w.end;
        }
        assert_eq!(at, chars.len());
        assert!(s.words().iter().any(|w| w.pos.starts_with("nr")));
    }
}
