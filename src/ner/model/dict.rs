//! Dictionaries of entity names matched against sentences: the names seen in training
//! (built across folds) and the general-knowledge gazetteers of `data/ner/`.
//!
//! A match marks each char it covers with its position in the name (B, I or E) and the
//! name's type. At every start only the longest name is taken.

use rustc_hash::{FxHashMap, FxHashSet};

use super::sentence::normalize_char;
use super::tag::{MODEL_TYPES, Tag, spans};
use crate::ner::EntityType;

/// Names shorter than this are not matched (single chars such as `中` or `美` are entities
/// in some places and everywhere else in text; the char features cover them).
const MIN_LEN: usize = 2;
/// Names longer than this are not kept.
const MAX_LEN: usize = 20;

/// The bit of an entity type in a type mask.
pub(crate) fn type_bit(kind: EntityType) -> u8 {
    match kind {
        EntityType::Per => 1,
        EntityType::Loc => 2,
        EntityType::Org => 4,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// Types the name was seen with (bits of [`type_bit`]).
    kinds: u8,
    /// Folds the name was seen in (bit `f` for fold `f`; all bits for a loaded dictionary).
    folds: u64,
}

/// A dictionary of entity names.
#[derive(Debug, Clone, Default)]
pub(crate) struct EntityDict {
    entries: FxHashMap<String, Entry>,
    /// Every proper prefix of a name.
    prefixes: FxHashSet<String>,
}

/// The marks of one char: bit `3 * type_index + position` (position B 0, I 1, E 2; type
/// index in [`MODEL_TYPES`] order).
pub(crate) type Marks = u16;

impl EntityDict {
    /// The names of `sentences` (normalised), each remembered with the folds it occurs in.
    /// Sentence `i` of `n` is in fold `i * folds / n` (contiguous blocks, so that a
    /// document's repeated names stay inside one fold). `folds` is at most 64.
    pub fn from_sentences<'a>(
        sentences: impl ExactSizeIterator<Item = (&'a [char], &'a [Tag])>,
        folds: usize,
    ) -> Self {
        let n = sentences.len().max(1);
        let folds = folds.clamp(1, 64);
        let mut dict = EntityDict::default();
        for (i, (chars, tags)) in sentences.enumerate() {
            let fold = i * folds / n;
            for (span, kind) in spans(tags) {
                if span.len() < MIN_LEN || span.len() > MAX_LEN {
                    continue;
                }
                let name: String = chars[span.start..span.end]
                    .iter()
                    .map(|&c| normalize_char(c))
                    .collect();
                dict.add(name, type_bit(kind), 1 << fold);
            }
        }
        dict
    }

    /// A dictionary of `(name, type mask)` pairs, as saved by [`EntityDict::entries`].
    pub fn from_entries(entries: impl IntoIterator<Item = (String, u8)>) -> Self {
        let mut dict = EntityDict::default();
        for (name, kinds) in entries {
            let len = name.chars().count();
            if (MIN_LEN..=MAX_LEN).contains(&len) {
                dict.add(name, kinds, u64::MAX);
            }
        }
        dict
    }

    fn add(&mut self, name: String, kinds: u8, folds: u64) {
        let mut prefix = String::new();
        let chars: Vec<char> = name.chars().collect();
        for &c in &chars[..chars.len() - 1] {
            prefix.push(c);
            if !self.prefixes.contains(&prefix) {
                self.prefixes.insert(prefix.clone());
            }
        }
        let e = self.entries.entry(name).or_default();
        e.kinds |= kinds;
        e.folds |= folds;
    }

    /// The names with their type masks, sorted (what a model file stores).
    pub fn entries(&self) -> Vec<(String, u8)> {
        let mut v: Vec<(String, u8)> = self
            .entries
            .iter()
            .map(|(k, e)| (k.clone(), e.kinds))
            .collect();
        v.sort();
        v
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Mark the chars of `norm` covered by names. With `held_out = Some(f)`, names seen only
    /// in fold `f` are ignored (the features of fold `f`'s sentences).
    pub fn marks(&self, norm: &[char], held_out: Option<usize>) -> Vec<Marks> {
        let mut marks = vec![0; norm.len()];
        let exclude = held_out.map_or(0, |f| 1u64 << f.min(63));
        let mut key = String::new();
        for start in 0..norm.len() {
            key.clear();
            let mut best: Option<(usize, u8)> = None;
            for end in start + 1..=norm.len().min(start + MAX_LEN) {
                key.push(norm[end - 1]);
                if let Some(e) = self.entries.get(key.as_str())
                    && e.folds & !exclude != 0
                {
                    best = Some((end, e.kinds));
                }
                if !self.prefixes.contains(key.as_str()) {
                    break;
                }
            }
            if let Some((end, kinds)) = best {
                for (t, kind) in MODEL_TYPES.iter().enumerate() {
                    if kinds & type_bit(*kind) == 0 {
                        continue;
                    }
                    for (i, m) in marks[start..end].iter_mut().enumerate() {
                        let pos = if i == 0 {
                            0
                        } else if start + i + 1 == end {
                            2
                        } else {
                            1
                        };
                        *m |= 1 << (3 * t + pos);
                    }
                }
            }
        }
        marks
    }
}

/// The names of a char's marks, e.g. `PER-B`, `LOC-E`.
#[cfg(test)]
pub(crate) fn mark_names(m: Marks) -> impl Iterator<Item = &'static str> {
    const NAMES: [&str; 9] = [
        "PER-B", "PER-I", "PER-E", "LOC-B", "LOC-I", "LOC-E", "ORG-B", "ORG-I", "ORG-E",
    ];
    (0..9).filter(move |b| m & (1 << b) != 0).map(|b| NAMES[b])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn folds_hide_their_own_names() {
        let a = (
            chars("北京很好"),
            vec![
                Tag::B(EntityType::Loc),
                Tag::I(EntityType::Loc),
                Tag::O,
                Tag::O,
            ],
        );
        let b = (
            chars("去上海"),
            vec![Tag::O, Tag::B(EntityType::Loc), Tag::I(EntityType::Loc)],
        );
        let sents = [&a, &b];
        let d =
            EntityDict::from_sentences(sents.iter().map(|(c, t)| (c.as_slice(), t.as_slice())), 2);
        assert_eq!(d.len(), 2);
        let text = chars("北京和上海");
        let all: Vec<Vec<&str>> = d
            .marks(&text, None)
            .into_iter()
            .map(|m| mark_names(m).collect())
            .collect();
        assert_eq!(all[0], vec!["LOC-B"]);
        assert_eq!(all[1], vec!["LOC-E"]);
        assert!(all[2].is_empty());
        assert_eq!(all[4], vec!["LOC-E"]);
        // Fold 0 holds 北京: its sentences do not see it, but see 上海 (fold 1).
        let f0 = d.marks(&text, Some(0));
        assert_eq!((f0[0], f0[1]), (0, 0));
        assert_ne!(f0[3], 0);
    }

    #[test]
    fn longest_match_and_entries_round_trip() {
        let d = EntityDict::from_entries(vec![
            ("中国".to_owned(), type_bit(EntityType::Loc)),
            ("中国银行".to_owned(), type_bit(EntityType::Org)),
            ("x".to_owned(), type_bit(EntityType::Org)),
        ]);
        assert_eq!(d.len(), 2);
        let m = d.marks(&chars("在中国银行里"), None);
        let names: Vec<Vec<&str>> = m.into_iter().map(|m| mark_names(m).collect()).collect();
        assert_eq!(names[1], vec!["ORG-B"]);
        assert_eq!(names[2], vec!["ORG-I"]);
        assert_eq!(names[4], vec!["ORG-E"]);
        assert_eq!(EntityDict::from_entries(d.entries()).entries(), d.entries());
    }
}
