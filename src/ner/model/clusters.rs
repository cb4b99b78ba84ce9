//! Clusters of chars and words from pretrained embeddings (`data/ner/clusters.txt`).
//!
//! Each line is a char or a word, then its cluster at three granularities (k-means over
//! the embeddings, see `data/ner/README.md`): 32, 128 and 512 clusters for single chars,
//! 128, 512 and 2,048 for words of two or more chars. A char or word the table lacks has
//! the cluster [`NONE`] at every level.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::hash::FeatureHash;

const TABLE: &str = include_str!("../../../data/ner/clusters.txt");

/// The cluster of what the table lacks.
pub(crate) const NONE: u16 = u16::MAX;

/// Number of granularities.
pub(crate) const LEVELS: usize = 3;

/// The table: chars by code, words by the hash of their chars.
pub(crate) struct Clusters {
    chars: FxHashMap<char, [u16; LEVELS]>,
    words: FxHashMap<u64, [u16; LEVELS]>,
}

/// The clusters of the bundled table.
pub(crate) static CLUSTERS: LazyLock<Clusters> = LazyLock::new(|| Clusters::parse(TABLE));

impl Clusters {
    fn parse(table: &str) -> Self {
        let mut chars = FxHashMap::default();
        let mut words = FxHashMap::default();
        for line in table.lines() {
            let mut fields = line.split('\t');
            let Some(item) = fields.next() else { continue };
            let mut levels = [NONE; LEVELS];
            for (l, f) in levels.iter_mut().zip(fields) {
                *l = f.parse().unwrap_or(NONE);
            }
            let mut it = item.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => {
                    chars.insert(c, levels);
                }
                (Some(_), Some(_)) => {
                    let cs: Vec<char> = item.chars().collect();
                    words.insert(word_key(&cs), levels);
                }
                _ => {}
            }
        }
        Clusters { chars, words }
    }

    /// The chars of the table.
    pub(crate) fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.chars.keys().copied()
    }

    /// The clusters of `c`.
    pub(crate) fn char(&self, c: char) -> [u16; LEVELS] {
        self.chars.get(&c).copied().unwrap_or([NONE; LEVELS])
    }

    /// The clusters of the word `cs`.
    pub(crate) fn word(&self, cs: &[char]) -> [u16; LEVELS] {
        self.word_opt(cs).unwrap_or([NONE; LEVELS])
    }

    /// The clusters of the word `cs`, if the table has it.
    pub(crate) fn word_opt(&self, cs: &[char]) -> Option<[u16; LEVELS]> {
        self.words.get(&word_key(cs)).copied()
    }
}

fn word_key(cs: &[char]) -> u64 {
    FeatureHash::new(u8::MAX - 1).chars(cs).finish()
}
