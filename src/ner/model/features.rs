//! Features of each char for the CRF, and the switches that choose them.
//!
//! Every feature is a string attribute of one char (value 1). Groups:
//! * **chars** (always): the units at offsets −2…+2, the four neighbouring bigrams and the
//!   bigram around the char (−1, +1), and the classes of −1, 0, +1 (Han, digit, Latin,
//!   punctuation, space, other). A unit is the normalised char, except that a digit is `0`
//!   and each letter of a Latin word is the whole word, lowercased (`openai`): a Latin word
//!   is one unit.
//! * **jieba**: the char's position in its jieba word with the word's length (`B3`), the
//!   word's tag, tag × position, the word itself (2–8 chars), and the tags of the words
//!   before and after.
//! * **lexicon**: general knowledge of `data/ner/`: single and double surnames at the char
//!   and before it, transliteration characters around the char (and runs of three or more),
//!   place and organisation suffix words ending at a jieba word end (the char inside one, and
//!   the distance to the next one on the right), and matches of the gazetteers of countries,
//!   places, companies and institutions.
//! * **jieba names**: matches of the words of jieba's dictionary tagged as names.
//! * **dictionary**: matches of the names seen in training (see [`super::dict`]); the
//!   features of a training sentence come from the names of the other folds only.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::dict::{EntityDict, Marks, mark_names, type_bit};
use super::sentence::{CharClass, Sentence};
use crate::ner::EntityType;
use crate::ner::lexicon::LEXICON;
use crate::resources::DICTIONARY;
use crate::segment::translit::is_translit;

/// Which feature groups a model uses (stored in the model file). The char features are
/// always on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureSet {
    /// jieba's words and tags. On by default.
    pub jieba: bool,
    /// Surnames, transliteration chars, suffixes and gazetteers. On by default.
    pub lexicon: bool,
    /// Names seen in training, across folds. On by default.
    pub dictionary: bool,
    /// Matches of the names of jieba's dictionary (words tagged `nr`, `nrt`, `nrfg`, `ns`,
    /// `nt`). On by default; off in model files written before it existed.
    #[serde(default)]
    pub jieba_names: bool,
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet {
            jieba: true,
            lexicon: true,
            dictionary: true,
            jieba_names: true,
        }
    }
}

/// Word sets of `data/ner/`: suffixes of places and organisations (`wordsets.txt`), titles
/// and roles (`title` and `not_names.txt`), speech verbs.
struct Suffixes {
    place: WordSet,
    org: WordSet,
    role: WordSet,
    speech: WordSet,
}

/// A set of words with their lengths, for suffix scans.
struct WordSet {
    words: rustc_hash::FxHashSet<String>,
    max_len: usize,
}

impl WordSet {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Self {
        let words: rustc_hash::FxHashSet<String> = words.cloned().collect();
        let max_len = words.iter().map(|w| w.chars().count()).max().unwrap_or(1);
        WordSet { words, max_len }
    }

    /// The length of the longest word of the set that ends at `end` (exclusive) in `norm`.
    fn longest_ending_at(&self, norm: &[char], end: usize) -> Option<usize> {
        (1..=self.max_len.min(end)).rev().find(|&len| {
            let w: String = norm[end - len..end].iter().collect();
            self.words.contains(&w)
        })
    }

    /// Whether a word of the set (of 2 chars or more) starts at `start` in `norm`.
    fn starts_at(&self, norm: &[char], start: usize) -> bool {
        (2..=self.max_len.min(norm.len().saturating_sub(start))).any(|len| {
            let w: String = norm[start..start + len].iter().collect();
            self.words.contains(&w)
        })
    }
}

static SUFFIXES: LazyLock<Suffixes> = LazyLock::new(|| {
    let lex = &*LEXICON;
    Suffixes {
        place: WordSet::new(lex.set("place_suffix").iter()),
        org: WordSet::new(
            lex.set("org_commercial")
                .iter()
                .chain(lex.set("org_institution")),
        ),
        role: WordSet::new(lex.set("title").iter().chain(lex.not_names.iter())),
        speech: WordSet::new(lex.set("speech_verb").iter()),
    }
});

/// The gazetteers of `data/ner/` (countries, places, companies, institutions).
static GAZETTEER: LazyLock<EntityDict> = LazyLock::new(|| {
    EntityDict::from_entries(
        LEXICON
            .names
            .iter()
            .filter(|(_, g)| matches!(g.kind, EntityType::Per | EntityType::Loc | EntityType::Org))
            .map(|(name, g)| (name.clone(), type_bit(g.kind))),
    )
});

/// The names of jieba's dictionary: words tagged `nr`, `nrt`, `nrfg` (PER), `ns` (LOC) and
/// `nt` (ORG). jieba tags many common words `nr`; the model learns how far to trust them.
static JIEBA_NAMES: LazyLock<EntityDict> = LazyLock::new(|| {
    EntityDict::from_entries(DICTIONARY.words.iter().filter_map(|(w, e)| {
        let kind = match e.pos {
            "nr" | "nrt" | "nrfg" => EntityType::Per,
            "ns" => EntityType::Loc,
            "nt" => EntityType::Org,
            _ => return None,
        };
        Some(((*w).to_owned(), type_bit(kind)))
    }))
});

/// Load the lexicons now (they are otherwise loaded on first use).
pub(crate) fn warm_up() {
    LazyLock::force(&SUFFIXES);
    LazyLock::force(&GAZETTEER);
    LazyLock::force(&JIEBA_NAMES);
}

/// The features of every char of `sent`. `dict_marks` are the marks of the training
/// dictionary (ignored unless `set.dictionary`).
pub(crate) fn extract(sent: &Sentence, set: FeatureSet, dict_marks: &[Marks]) -> Vec<Vec<String>> {
    let n = sent.len();
    let norm = sent.norm();
    let units = units(norm);
    let classes: Vec<char> = norm.iter().map(|&c| CharClass::of(c).letter()).collect();
    let unit = |i: isize| -> &str {
        if i < 0 {
            "<s>"
        } else if i as usize >= n {
            "</s>"
        } else {
            &units[i as usize]
        }
    };
    let class = |i: isize| -> char {
        if i < 0 || i as usize >= n {
            '_'
        } else {
            classes[i as usize]
        }
    };
    let mut out: Vec<Vec<String>> = (0..n).map(|_| Vec::with_capacity(40)).collect();
    for (i, f) in out.iter_mut().enumerate() {
        let i = i as isize;
        for d in -2..=2 {
            f.push(format!("u{d}={}", unit(i + d)));
        }
        for d in -2..=1 {
            f.push(format!("b{d}={}|{}", unit(i + d), unit(i + d + 1)));
        }
        f.push(format!("s={}|{}", unit(i - 1), unit(i + 1)));
        f.push(format!("k={}{}{}", class(i - 1), class(i), class(i + 1)));
    }
    if set.jieba {
        jieba_features(sent, &mut out);
    }
    if set.lexicon {
        lexicon_features(sent, &mut out);
    }
    if set.jieba_names {
        for (f, m) in out.iter_mut().zip(JIEBA_NAMES.marks(sent.norm(), None)) {
            for name in mark_names(m) {
                f.push(format!("j={name}"));
            }
        }
    }
    if set.dictionary {
        for (f, &m) in out.iter_mut().zip(dict_marks) {
            for name in mark_names(m) {
                f.push(format!("d={name}"));
            }
        }
    }
    out
}

/// The unit of each char (see the module doc).
fn units(norm: &[char]) -> Vec<String> {
    let mut out = Vec::with_capacity(norm.len());
    let mut i = 0;
    while i < norm.len() {
        let c = norm[i];
        if c.is_ascii_alphanumeric() {
            let mut j = i;
            while j < norm.len() && norm[j].is_ascii_alphanumeric() {
                j += 1;
            }
            let run = &norm[i..j];
            if run.iter().any(char::is_ascii_alphabetic) {
                let word: String = run.iter().take(16).map(char::to_ascii_lowercase).collect();
                out.extend(std::iter::repeat_n(word, j - i));
            } else {
                out.extend(std::iter::repeat_n("0".to_owned(), j - i));
            }
            i = j;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

fn jieba_features(sent: &Sentence, out: &mut [Vec<String>]) {
    let words = sent.words();
    let norm = sent.norm();
    for (wi, w) in words.iter().enumerate() {
        let len = w.end - w.start;
        let word: String = norm[w.start..w.end].iter().collect();
        let prev = if wi == 0 {
            "<s>"
        } else {
            words[wi - 1].pos.as_str()
        };
        let next = words.get(wi + 1).map_or("</s>", |w| w.pos.as_str());
        for (i, f) in out.iter_mut().enumerate().take(w.end).skip(w.start) {
            let pos = if len == 1 {
                'S'
            } else if i == w.start {
                'B'
            } else if i + 1 == w.end {
                'E'
            } else {
                'M'
            };
            f.push(format!("w={pos}{}", len.min(6)));
            f.push(format!("p={}", w.pos));
            f.push(format!("pw={}{pos}", w.pos));
            if (2..=8).contains(&len) {
                f.push(format!("wd={word}"));
            }
            f.push(format!("lp={prev}"));
            f.push(format!("rp={next}"));
        }
    }
}

/// The bucket of a distance to the next suffix.
fn distance_bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5..=6 => "5",
        7..=9 => "7",
        _ => "10",
    }
}

fn lexicon_features(sent: &Sentence, out: &mut [Vec<String>]) {
    let lex = &*LEXICON;
    let norm = sent.norm();
    let n = norm.len();
    let sur1 = |i: usize| lex.surnames1.contains(&norm[i]);
    let tr = |i: isize| i >= 0 && (i as usize) < n && is_translit(norm[i as usize]);
    for i in 0..n {
        let f = &mut out[i];
        if sur1(i) {
            f.push("sur".to_owned());
        }
        if i >= 1 && sur1(i - 1) {
            f.push("sur-1".to_owned());
        }
        if i >= 2 && sur1(i - 2) {
            f.push("sur-2".to_owned());
        }
        if i + 1 < n {
            let two: String = norm[i..i + 2].iter().collect();
            if lex.surnames2.contains(&two) {
                f.push("sur2".to_owned());
            }
        }
        let ii = i as isize;
        f.push(format!(
            "tr={}{}{}",
            u8::from(tr(ii - 1)),
            u8::from(tr(ii)),
            u8::from(tr(ii + 1))
        ));
    }
    // Titles and roles right after the char (`陈` in `陈小姐`) or right before it (`郑` in
    // `局长郑全军`), speech verbs right after it.
    let sfx = &*SUFFIXES;
    for (i, f) in out.iter_mut().enumerate() {
        if sfx.role.starts_at(norm, i + 1) {
            f.push("role>".to_owned());
        }
        if sfx.role.longest_ending_at(norm, i).is_some_and(|l| l >= 2) {
            f.push("role<".to_owned());
        }
        if sfx
            .speech
            .words
            .contains(&norm.get(i + 1).map_or(String::new(), char::to_string))
            || sfx.speech.starts_at(norm, i + 1)
        {
            f.push("say>".to_owned());
        }
    }
    // Runs of transliteration chars of length 3 or more.
    let mut i = 0;
    while i < n {
        if !is_translit(norm[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && is_translit(norm[j]) {
            j += 1;
        }
        if j - i >= 3 {
            for f in &mut out[i..j] {
                f.push("trrun".to_owned());
            }
        }
        i = j;
    }
    // Suffix words that end where a jieba word ends.
    for (name, set) in [("ps", &sfx.place), ("os", &sfx.org)] {
        let mut starts: Vec<usize> = Vec::new();
        for w in sent.words() {
            if let Some(len) = set.longest_ending_at(norm, w.end) {
                let s = w.end - len;
                starts.push(s);
                for (k, f) in out.iter_mut().enumerate().take(w.end).skip(s) {
                    let pos = if k == s { 'B' } else { 'I' };
                    f.push(format!("{name}w={pos}{}", len.min(3)));
                }
            }
        }
        // Distance from each char to the nearest suffix start at or after it.
        let mut next = starts.iter().rev().peekable();
        let mut nearest: Option<usize> = None;
        for k in (0..n).rev() {
            while let Some(&&s) = next.peek() {
                if s >= k {
                    nearest = Some(nearest.map_or(s, |x: usize| x.min(s)));
                    next.next();
                } else {
                    break;
                }
            }
            if let Some(s) = nearest
                && s - k <= 12
            {
                out[k].push(format!("{name}>{}", distance_bucket(s - k)));
            }
        }
    }
    for (f, m) in out.iter_mut().zip(GAZETTEER.marks(norm, None)) {
        for name in mark_names(m) {
            f.push(format!("g={name}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn feats(text: &str) -> Vec<Vec<String>> {
        let chars: Vec<char> = text.chars().collect();
        let s = Sentence::new(&chars, &Segmenter::new());
        extract(&s, FeatureSet::default(), &vec![0; chars.len()])
    }

    #[test]
    fn latin_word_is_one_unit_and_full_width_folds() {
        let a = feats("用ＯｐｅｎＡＩ做");
        let b = feats("用OpenAI做");
        assert_eq!(a, b);
        assert!(a[1].contains(&"u0=openai".to_owned()));
        assert!(a[0].contains(&"u1=openai".to_owned()));
        assert!(feats("１９９７年")[0].contains(&"u0=0".to_owned()));
    }

    #[test]
    fn lexicon_groups_fire() {
        let f = feats("王小明在中国建设银行工作");
        assert!(f[0].contains(&"sur".to_owned()));
        assert!(f[1].contains(&"sur-1".to_owned()));
        // The gazetteer knows 中国建设银行 (longest match).
        assert!(f[4].contains(&"g=ORG-B".to_owned()), "{:?}", f[4]);
        // 银行 is an organisation suffix; chars before it see its distance.
        assert!(f[8].iter().any(|x| x.starts_with("osw=B")), "{:?}", f[8]);
        assert!(f[6].contains(&"os>2".to_owned()), "{:?}", f[6]);
        assert!(f[0].iter().any(|x| x.starts_with("w=")));
        assert!(feats("到西直门")[1].contains(&"j=LOC-B".to_owned()));
        let f = feats("局长郑全军说");
        assert!(f[2].contains(&"role<".to_owned()), "{:?}", f[2]);
        assert!(f[4].contains(&"say>".to_owned()), "{:?}", f[4]);
        assert!(feats("陈小姐")[0].contains(&"role>".to_owned()));
    }
}
