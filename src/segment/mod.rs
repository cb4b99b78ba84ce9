//! Segmentation: words (jieba-rs, HMM on) and sentences, with char offsets into the
//! repaired text.
//!
//! After jieba, merge rules join pieces that belong together:
//! * names written with a middle dot: `杰夫·辛顿`, `萨姆·阿尔特曼` (see [`merge`]);
//! * Latin product and model names: `GPT-3`, `A100`, `Y Combinator`;
//! * transliterated foreign names that jieba cut into pieces (`阿尔特` + `曼`).

pub mod merge;
pub mod sentence;
pub mod translit;

use std::io::BufRead;

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

use crate::span::CharSpan;
use crate::{Error, Result};

pub use sentence::split_sentences;

/// A word of the repaired text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The word.
    pub text: String,
    /// Char offsets into the repaired text.
    pub span: CharSpan,
    /// Part-of-speech tag (jieba's tag set; `x` for unknown, `eng` for Latin words, `m` for
    /// numbers, `nz` for merged names without a better tag).
    pub pos: String,
}

impl Token {
    /// Whether the token is whitespace only.
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// A word segmenter: jieba-rs with its default dictionary, optional user dictionaries, and
/// wenxi's merge rules. Build once and share (`Send + Sync`).
#[derive(Clone)]
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// A segmenter with jieba's default dictionary.
    pub fn new() -> Self {
        Segmenter {
            jieba: Jieba::new(),
        }
    }

    /// Add a user dictionary in jieba's format (`word [freq] [pos]` per line). `name` is used in
    /// error messages.
    pub fn load_user_dict<R: BufRead>(&mut self, name: &str, reader: &mut R) -> Result<()> {
        self.jieba.load_dict(reader).map_err(|e| Error::Resource {
            name: name.to_owned(),
            message: e.to_string(),
        })
    }

    /// Add one word to the dictionary.
    pub fn add_word(&mut self, word: &str, freq: Option<usize>, pos: Option<&str>) {
        self.jieba.add_word(word, freq, pos);
    }

    /// The underlying jieba instance.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// Cut `text` into tokens (HMM on), apply the merge rules, and return tokens that cover
    /// the text completely, in order, with char offsets into `text`.
    pub fn segment(&self, text: &str) -> Vec<Token> {
        let raw: Vec<Token> = self
            .jieba
            .tag(text, true)
            .into_iter()
            .map(|t| Token {
                text: t.word.to_owned(),
                span: CharSpan::new(t.start, t.end),
                pos: t.tag.to_owned(),
            })
            .collect();
        merge::apply(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        Segmenter::new()
            .segment(text)
            .into_iter()
            .filter(|t| !t.is_space())
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn tokens_cover_text_and_slice() {
        let text = "2015年夏天，马斯克找到了萨姆·阿尔特曼。GPT-3 用了 A100。";
        let chars: Vec<char> = text.chars().collect();
        let toks = Segmenter::new().segment(text);
        let mut pos = 0;
        for t in &toks {
            assert_eq!(t.span.start, pos);
            assert_eq!(t.span.slice(&chars), t.text);
            pos = t.span.end;
        }
        assert_eq!(pos, chars.len());
    }

    #[test]
    fn merges_names_and_products() {
        let w = words("杰夫·辛顿和萨姆·阿尔特曼谈到 GPT-3 和 A100，还有 Y Combinator 的事。");
        for expected in [
            "杰夫·辛顿",
            "萨姆·阿尔特曼",
            "GPT-3",
            "A100",
            "Y Combinator",
        ] {
            assert!(w.iter().any(|x| x == expected), "{expected} not in {w:?}");
        }
    }

    #[test]
    fn name_glued_to_the_next_word_is_split_off() {
        // jieba's unknown-word model glues the name's last char to a function word (`曼在`)
        for (text, name, next) in [
            ("萨姆·阿尔特曼在硅谷创办了公司。", "萨姆·阿尔特曼", "在"),
            ("后来阿尔特曼说，他很忙。", "阿尔特曼", "说"),
        ] {
            let w = words(text);
            let i = w.iter().position(|x| x == name);
            assert!(i.is_some_and(|i| w[i + 1] == next), "{name} in {w:?}");
        }
        // a function char after a name jieba cut well stays a word of its own
        let w = words("马斯克在推特上说");
        assert_eq!(w[..2], ["马斯克", "在"]);
    }

    #[test]
    fn user_dict_word() {
        let mut s = Segmenter::new();
        s.load_user_dict("test", &mut "文析器 100 n\n".as_bytes())
            .unwrap();
        let toks = s.segment("我们用文析器分析");
        assert!(toks.iter().any(|t| t.text == "文析器"));
    }
}
