//! The document as the rules see it: its chars, its tokens, and which token covers each char.

use crate::resources::DICTIONARY;
use crate::segment::Token;

/// A text and its tokens, indexed by char.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    /// The text's chars.
    pub chars: Vec<char>,
    /// The tokens (from the segmenter), in order.
    pub tokens: &'a [Token],
    /// For each char, the index of the token that covers it (`usize::MAX` when none).
    tok_of: Vec<usize>,
}

impl<'a> Doc<'a> {
    /// Index `text` and its tokens. Tokens whose spans fall outside the text are ignored.
    pub fn new(text: &str, tokens: &'a [Token]) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut tok_of = vec![usize::MAX; chars.len()];
        for (i, t) in tokens.iter().enumerate() {
            let end = t.span.end.min(chars.len());
            for slot in tok_of.iter_mut().take(end).skip(t.span.start) {
                *slot = i;
            }
        }
        Doc {
            chars,
            tokens,
            tok_of,
        }
    }

    /// Number of chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The chars `[start, end)` as a string.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// The char at `i`, if any.
    pub fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The index of the token covering char `i`.
    pub fn token_index(&self, i: usize) -> Option<usize> {
        self.tok_of.get(i).copied().filter(|&t| t != usize::MAX)
    }

    /// The token covering char `i`.
    pub fn token_at(&self, i: usize) -> Option<&'a Token> {
        self.token_index(i).map(|t| &self.tokens[t])
    }

    /// Whether a token starts at char `i` (true where no token information exists).
    pub fn tok_start(&self, i: usize) -> bool {
        i >= self.len() || self.token_at(i).is_none_or(|t| t.span.start == i)
    }

    /// Whether a token ends at char `i` (true where no token information exists).
    pub fn tok_end(&self, i: usize) -> bool {
        i == 0 || self.token_at(i - 1).is_none_or(|t| t.span.end == i)
    }

    /// Whether `[start, end)` starts and ends on token boundaries.
    pub fn aligned(&self, start: usize, end: usize) -> bool {
        self.tok_start(start) && self.tok_end(end)
    }

    /// The first index at or after `i` that is not an inline space.
    pub fn skip_space(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_inline_space) {
            i += 1;
        }
        i
    }

    /// The smallest index `j <= i` such that `chars[j..i]` are inline spaces.
    pub fn skip_space_back(&self, mut i: usize) -> usize {
        while i > 0 && is_inline_space(self.chars[i - 1]) {
            i -= 1;
        }
        i
    }

    /// The char before `i`, skipping inline spaces.
    pub fn prev_char(&self, i: usize) -> Option<char> {
        let j = self.skip_space_back(i);
        (j > 0).then(|| self.chars[j - 1])
    }

    /// The char at or after `i`, skipping inline spaces.
    pub fn next_char(&self, i: usize) -> Option<char> {
        self.at(self.skip_space(i))
    }

    /// The length of the longest word of set `set` that the text at `i` (after spaces) starts
    /// with.
    pub fn next_in_set(&self, i: usize, set: &str) -> Option<usize> {
        super::lexicon::LEXICON.longest_prefix(set, &self.chars, self.skip_space(i))
    }

    /// Whether the text just before `i` (before spaces) ends with one of the words of `set`.
    pub fn prev_in_set(&self, i: usize, set: &str) -> bool {
        let j = self.skip_space_back(i);
        super::lexicon::LEXICON.set(set).iter().any(|w| {
            let n = w.chars().count();
            n <= j && super::lexicon::starts_with(&self.chars, j - n, w)
        })
    }

    /// The clause around char `i`: the span between clause punctuation or line breaks.
    pub fn clause(&self, i: usize) -> (usize, usize) {
        let mut s = i.min(self.len());
        while s > 0 && !is_clause_break(self.chars[s - 1]) {
            s -= 1;
        }
        let mut e = i.min(self.len());
        while e < self.len() && !is_clause_break(self.chars[e]) {
            e += 1;
        }
        (s, e)
    }

    /// Whether the clause around `i` contains one of the words of set `set`.
    pub fn clause_has(&self, i: usize, set: &str) -> bool {
        let (s, e) = self.clause(i);
        let clause = self.slice(s, e);
        super::lexicon::LEXICON
            .set(set)
            .iter()
            .any(|w| clause.contains(w.as_str()))
    }
}

/// A space inside a line (ASCII space, tab, ideographic space, no-break space).
pub(crate) fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// Punctuation or a line break that ends a clause.
pub(crate) fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '！' | '!' | '？' | '?' | '：' | ':' | '\n' | '\r'
    ) || matches!(c, '「' | '」' | '“' | '”' | '"' | '（' | '）' | '(' | ')')
}

/// Whether `c` is an ASCII letter or digit.
pub(crate) fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// The dictionary frequency and tag of `word` (0 and `None` when absent).
pub(crate) fn dict(word: &str) -> (u32, Option<&'static str>) {
    (DICTIONARY.freq(word), DICTIONARY.pos(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    #[test]
    fn boundaries_and_spaces() {
        let text = "他在 2019 年到北京。";
        let toks = Segmenter::new().segment(text);
        let doc = Doc::new(text, &toks);
        assert_eq!(doc.len(), text.chars().count());
        assert!(doc.tok_start(0));
        assert_eq!(doc.skip_space(2), 3);
        assert_eq!(doc.skip_space_back(3), 2);
        assert_eq!(doc.prev_char(3), Some('在'));
        assert_eq!(doc.clause(4), (0, text.chars().count() - 1));
    }
}
