//! Resources embedded in the binary: jieba's dictionary and IDF table (MIT, from the
//! `jieba-rs` 0.11 crate) and a Chinese stopword list. See `data/README.md` for origins.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// jieba's dictionary, `word freq pos` per line.
pub const JIEBA_DICT: &str = include_str!("../data/jieba/dict.txt");
/// jieba's IDF table, `word idf` per line.
pub const JIEBA_IDF: &str = include_str!("../data/jieba/idf.txt");
/// The default Chinese stopword list, one word per line.
pub const STOPWORDS: &str = include_str!("../data/stopwords/cn_stopwords.txt");

/// One dictionary entry.
#[derive(Debug, Clone, Copy)]
pub struct DictEntry {
    /// Frequency count in jieba's dictionary.
    pub freq: u32,
    /// Part-of-speech tag (jieba's tag set).
    pub pos: &'static str,
}

/// jieba's dictionary parsed into a map, plus the total frequency.
#[derive(Debug)]
pub struct Dictionary {
    /// Word → entry.
    pub words: HashMap<&'static str, DictEntry>,
    /// Sum of all frequencies.
    pub total: u64,
    /// Length in chars of the longest word.
    pub max_len: usize,
}

impl Dictionary {
    /// The frequency of `word`, 0 when absent.
    pub fn freq(&self, word: &str) -> u32 {
        self.words.get(word).map_or(0, |e| e.freq)
    }

    /// The part-of-speech tag of `word`, if it is in the dictionary.
    pub fn pos(&self, word: &str) -> Option<&'static str> {
        self.words.get(word).map(|e| e.pos)
    }
}

/// The embedded jieba dictionary, parsed once per process.
pub static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
    let mut words = HashMap::with_capacity_and_hasher(360_000, Default::default());
    let mut total = 0u64;
    let mut max_len = 1;
    for line in JIEBA_DICT.lines() {
        let mut it = line.split(' ');
        let (Some(w), Some(f)) = (it.next(), it.next()) else {
            continue;
        };
        let Ok(freq) = f.parse::<u32>() else { continue };
        let pos = it.next().unwrap_or("x");
        total += u64::from(freq);
        max_len = max_len.max(w.chars().count());
        words.insert(w, DictEntry { freq, pos });
    }
    Dictionary {
        words,
        total,
        max_len,
    }
});

/// The embedded IDF table parsed into a map, with its median used for unknown words.
#[derive(Debug)]
pub struct IdfTable {
    /// Word → inverse document frequency.
    pub idf: HashMap<&'static str, f64>,
    /// Median IDF, the value for words not in the table.
    pub median: f64,
}

impl IdfTable {
    /// Parse a `word idf` table.
    pub fn parse(text: &'static str) -> Self {
        let mut idf = HashMap::with_capacity_and_hasher(280_000, Default::default());
        for line in text.lines() {
            if let Some((w, v)) = line.rsplit_once(' ')
                && let Ok(v) = v.trim().parse::<f64>()
            {
                idf.insert(w, v);
            }
        }
        let mut values: Vec<f64> = idf.values().copied().collect();
        values.sort_by(f64::total_cmp);
        let median = values.get(values.len() / 2).copied().unwrap_or(10.0);
        IdfTable { idf, median }
    }

    /// Parse a `word idf` table read at run time (e.g. one written by `wenxi idf`). The
    /// text is kept for the rest of the process (leaked), as the embedded table is: load a
    /// table once and share it.
    pub fn parse_owned(text: String) -> Self {
        IdfTable::parse(Box::leak(text.into_boxed_str()))
    }

    /// IDF of `word`, the median when unknown.
    pub fn get(&self, word: &str) -> f64 {
        self.idf.get(word).copied().unwrap_or(self.median)
    }
}

/// jieba's IDF table, parsed once per process.
pub static IDF: LazyLock<IdfTable> = LazyLock::new(|| IdfTable::parse(JIEBA_IDF));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_has_common_words() {
        assert!(DICTIONARY.freq("我们") > 1000);
        assert_eq!(DICTIONARY.freq("岢晒"), 0);
        assert!(DICTIONARY.total > 50_000_000);
    }

    #[test]
    fn idf_known_and_unknown() {
        assert!(IDF.get("的") < IDF.get("模型"));
        assert_eq!(IDF.get("不存在的词语xyz"), IDF.median);
    }
}
