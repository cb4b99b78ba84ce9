//! Terms and keywords: counts over the repaired text with stopword, punctuation and number
//! filtering, TF-IDF keywords (jieba's IDF table) and TextRank keywords, weights normalised
//! to [0, 1].
//!
//! * [`bound`]: rejoining pieces of a word that the segmenter split and that never occur
//!   alone in the document (`英` `伟达` → `英伟达`);
//! * [`filter`]: which tokens are candidate terms (stopwords, punctuation, numbers, length);
//! * [`count`]: counting them;
//! * [`tfidf`]: TF-IDF keywords;
//! * [`textrank`]: TextRank keywords;
//! * [`rank`]: normalising, rounding and ordering keyword weights.
//!
//! Everything is deterministic: counts are ordered by count then term, keywords by weight
//! (rounded to 4 decimals) then term.
//!
//! ```
//! use wenxi::segment::Segmenter;
//! use wenxi::terms::{TermExtractor, TermsConfig};
//!
//! let text = "量子计算机使用量子比特。量子比特可以叠加，量子计算机因此很快。";
//! let tokens = Segmenter::new().segment(text);
//! let terms = TermExtractor::new(TermsConfig::default()).extract(&tokens);
//! assert_eq!(terms.counts[0].term, "量子");
//! assert_eq!(terms.tfidf[0].weight, 1.0);
//! ```

pub mod bound;
pub mod count;
pub mod filter;
pub mod rank;
pub mod textrank;
pub mod tfidf;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::resources::{IDF, IdfTable};
use crate::segment::Token;
use count::Counts;
use filter::Filter;

/// What counts as a term, and how many to report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermsConfig {
    /// Drop words of the stopword list.
    pub stopwords: bool,
    /// Drop punctuation and symbols.
    pub drop_punct: bool,
    /// Drop bare numbers (`2019`, `10`, `三`), and numbers with units are kept only as entities.
    pub drop_numbers: bool,
    /// Minimum term length in chars.
    pub min_chars: usize,
    /// How many terms and keywords to report.
    pub top_n: usize,
}

impl Default for TermsConfig {
    fn default() -> Self {
        TermsConfig {
            stopwords: true,
            drop_punct: true,
            drop_numbers: true,
            min_chars: 2,
            top_n: 20,
        }
    }
}

/// A term and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    /// The term.
    pub term: String,
    /// Occurrences in the document.
    pub count: usize,
}

/// A keyword and its weight in [0, 1] (the top keyword has weight 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The keyword.
    pub term: String,
    /// Normalised weight.
    pub weight: f64,
}

/// Term counts and keywords of a document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Terms {
    /// Most frequent terms, by count then term.
    pub counts: Vec<TermCount>,
    /// TF-IDF keywords.
    pub tfidf: Vec<Keyword>,
    /// TextRank keywords.
    pub textrank: Vec<Keyword>,
}

/// The term extractor. Build once and share.
#[derive(Debug, Clone, Default)]
pub struct TermExtractor {
    config: TermsConfig,
    /// The IDF table of TF-IDF keywords; jieba's when `None`.
    idf: Option<Arc<IdfTable>>,
}

impl TermExtractor {
    /// An extractor with the built-in stopword list and IDF table.
    pub fn new(config: TermsConfig) -> Self {
        TermExtractor { config, idf: None }
    }

    /// The same extractor, with `table` instead of jieba's IDF table for TF-IDF keywords.
    pub fn with_idf(self, table: Arc<IdfTable>) -> Self {
        TermExtractor {
            idf: Some(table),
            ..self
        }
    }

    /// The candidate terms of a document's tokens, in text order (bound fragments rejoined,
    /// then filtered as for counts: [`filter`]).
    pub fn candidates(&self, tokens: &[Token]) -> Vec<String> {
        let tokens = bound::rejoin(tokens);
        let filter = Filter::new(&self.config);
        tokens
            .iter()
            .filter(|t| filter.accepts(t))
            .map(|t| t.text.clone())
            .collect()
    }

    /// The configuration.
    pub fn config(&self) -> &TermsConfig {
        &self.config
    }

    /// Counts and keywords of a document's tokens.
    ///
    /// Bound fragments are rejoined first ([`bound`]). Counts and TF-IDF use every
    /// candidate term ([`filter`]); TextRank uses the candidates whose tag is in
    /// [`textrank::TEXTRANK_POS`].
    pub fn extract(&self, tokens: &[Token]) -> Terms {
        let tokens = bound::rejoin(tokens);
        let filter = Filter::new(&self.config);
        let candidates: Vec<&Token> = tokens.iter().filter(|t| filter.accepts(t)).collect();
        let counts = Counts::from_terms(candidates.iter().map(|t| t.text.as_str()));
        let ranked: Vec<&str> = candidates
            .iter()
            .filter(|t| textrank::textrank_pos(&t.pos))
            .map(|t| t.text.as_str())
            .collect();
        let top_n = self.config.top_n;
        Terms {
            counts: counts.top(top_n),
            tfidf: tfidf::tfidf_with(self.idf.as_deref().unwrap_or(&IDF), &counts, top_n),
            textrank: textrank::textrank(&ranked, top_n),
        }
    }
}
#[cfg(test)]
mod tests;
