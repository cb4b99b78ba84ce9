//! Which tokens are terms: stopwords, punctuation, numbers, whitespace and length.
//!
//! A token is a *candidate term* when all of these hold (each configurable through
//! [`TermsConfig`]):
//!
//! * it is not whitespace;
//! * it holds at least one letter, Han character or digit ([`is_punct`] is false), unless
//!   `drop_punct` is off;
//! * it is at least `min_chars` chars long (Latin words count their letters: `AI` is 2);
//! * it is not a stopword ([`is_stopword`]), unless `stopwords` is off;
//! * it is not a number ([`is_number`]), unless `drop_numbers` is off.
//!
//! Numbers with units are left to the entity recogniser (DATE, MONEY, PERCENT, QUANTITY):
//! jieba keeps digits apart from Han characters (`2015` `年`, `30` `%`), so the number is
//! dropped as a bare number and the unit is too short or a stopword; numeral-plus-measure
//! words that jieba's dictionary holds as one word (`一个`, `三次`, `亿元`) are dropped as
//! numbers too.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use super::TermsConfig;
use crate::resources::STOPWORDS;
use crate::segment::Token;

/// The built-in stopword list ([`crate::resources::STOPWORDS`]), parsed once per process.
/// Lines are trimmed; empty lines are skipped.
pub static STOPWORD_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    STOPWORDS
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
});

/// Whether `word` is on the stopword list. Latin words are looked up as written and in
/// lower case.
pub fn is_stopword(word: &str) -> bool {
    STOPWORD_SET.contains(word)
        || (word.bytes().any(|b| b.is_ascii_uppercase())
            && STOPWORD_SET.contains(word.to_ascii_lowercase().as_str()))
}

/// Whether `word` is punctuation or symbols only: it holds no letter, Han character or
/// digit (`，`, `——`, `「`, `...`, `%`, `→`, U+FFFD).
pub fn is_punct(word: &str) -> bool {
    !word.chars().any(char::is_alphanumeric)
}

/// Chinese numerals, including the financial forms and the traditional ones.
const CN_NUMERALS: &str = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩廿卅";
/// Approximators that make a numeral vague: `十几`, `三十多`, `百余`, `一半`.
const APPROXIMATORS: &str = "几多余半数";
/// Signs and separators inside written numbers: `1.15`, `1,000`, `30%`, `-5`, `3/4`, `5~10`.
const NUMBER_MARKS: &str = ".,．，、%％‰+-−±~～/:：";

/// Whether `c` is a digit in any script (`7`, `７`, `Ⅶ`, `⑦`) or a Chinese numeral.
pub fn is_numeral(c: char) -> bool {
    c.is_numeric() || CN_NUMERALS.contains(c)
}

/// Whether `word` (with jieba tag `pos`) is a number, as [`TermsConfig::drop_numbers`] means
/// it:
///
/// * a bare number: numerals, approximators and number marks only, with at least one
///   numeral (`2019`, `10`, `1.15`, `30%`, `三`, `十几`, `三十多`, `一百万`);
/// * an ordinal: `第` and a bare number (`第一`, `第3`);
/// * a numeral-plus-measure word: tagged `m` or `mq` by jieba and starting with a numeral
///   (`一个`, `三次`, `两家`, `亿元`). Words that jieba tags `m` but that do not start with
///   a numeral (`少年`, `左手`, `首页`) are kept.
pub fn is_number(word: &str, pos: &str) -> bool {
    let core = word
        .strip_prefix('第')
        .filter(|c| !c.is_empty())
        .unwrap_or(word);
    let bare = core.chars().any(is_numeral)
        && core
            .chars()
            .all(|c| is_numeral(c) || APPROXIMATORS.contains(c) || NUMBER_MARKS.contains(c));
    bare || (matches!(pos, "m" | "mq") && core.chars().next().is_some_and(is_numeral))
}

/// The candidate-term test of a [`TermsConfig`].
#[derive(Debug, Clone, Copy)]
pub struct Filter<'a> {
    config: &'a TermsConfig,
}

impl<'a> Filter<'a> {
    /// The filter of `config`.
    pub fn new(config: &'a TermsConfig) -> Self {
        Filter { config }
    }

    /// Whether `token` is a candidate term (see the [module docs](self)).
    pub fn accepts(&self, token: &Token) -> bool {
        let word = token.text.as_str();
        let c = self.config;
        if token.is_space() || word.chars().count() < c.min_chars {
            return false;
        }
        let punct = c.drop_punct && is_punct(word);
        let stop = c.stopwords && is_stopword(word);
        let number = c.drop_numbers && is_number(word, &token.pos);
        !(punct || stop || number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::CharSpan;

    fn tok(text: &str, pos: &str) -> Token {
        Token {
            text: text.to_owned(),
            span: CharSpan::new(0, text.chars().count()),
            pos: pos.to_owned(),
        }
    }

    #[test]
    fn stopwords_parsed_and_trimmed() {
        assert!(STOPWORD_SET.len() > 700);
        assert!(is_stopword("一些"));
        assert!(is_stopword("若果"), "trailing space in the list is trimmed");
        assert!(!is_stopword("模型"));
        assert!(!STOPWORD_SET.contains(""));
    }

    #[test]
    fn punctuation() {
        for p in ["，", "——", "「", "...", "%", "→", "\u{FFFD}", "·"] {
            assert!(is_punct(p), "{p}");
        }
        for w in ["AI", "中", "3", "GPT-3"] {
            assert!(!is_punct(w), "{w}");
        }
    }

    #[test]
    fn numbers() {
        for (w, pos) in [
            ("2019", "m"),
            ("10", "m"),
            ("1.15", "x"),
            ("30%", "x"),
            ("三", "m"),
            ("十几", "m"),
            ("三十多", "m"),
            ("一百万", "m"),
            ("第一", "m"),
            ("第3", "x"),
            ("一个", "m"),
            ("亿元", "m"),
            ("１２", "x"),
        ] {
            assert!(is_number(w, pos), "{w}/{pos}");
        }
        for (w, pos) in [
            ("少年", "m"),
            ("左手", "m"),
            ("A100", "eng"),
            ("GPT-3", "eng"),
            ("第", "m"),
            ("多", "m"),
            ("模型", "n"),
            ("一起", "d"),
        ] {
            assert!(!is_number(w, pos), "{w}/{pos}");
        }
    }

    #[test]
    fn filter_defaults() {
        let config = TermsConfig::default();
        let f = Filter::new(&config);
        assert!(f.accepts(&tok("模型", "n")));
        assert!(f.accepts(&tok("AI", "eng")));
        assert!(f.accepts(&tok("Y Combinator", "eng")));
        assert!(!f.accepts(&tok("车", "n")), "shorter than min_chars");
        assert!(!f.accepts(&tok("我们", "r")), "stopword");
        assert!(!f.accepts(&tok("2019", "m")), "number");
        assert!(!f.accepts(&tok("——", "x")), "punctuation");
        assert!(!f.accepts(&tok("  ", "x")), "whitespace");
        assert!(!f.accepts(&tok("\n\n", "x")), "whitespace");
    }

    #[test]
    fn filter_switches() {
        let config = TermsConfig {
            stopwords: false,
            drop_punct: false,
            drop_numbers: false,
            min_chars: 1,
            top_n: 20,
        };
        let f = Filter::new(&config);
        assert!(f.accepts(&tok("车", "n")));
        assert!(f.accepts(&tok("我们", "r")));
        assert!(f.accepts(&tok("2019", "m")));
        assert!(f.accepts(&tok("——", "x")));
        assert!(!f.accepts(&tok(" ", "x")), "whitespace is never a term");
    }
}
