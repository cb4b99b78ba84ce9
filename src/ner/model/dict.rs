//! Dictionaries of entity names matched against sentences: the general-knowledge gazetteers
//! of `data/ner/`, the names of jieba's dictionary, and the names seen in training (built
//! across folds). The three are layers of one table and are matched in one scan.
//!
//! A match marks each char it covers with its position in the name (B, I or E) and the
//! name's type. At every start only the longest name of each layer is taken.

use rustc_hash::FxHashMap;

use super::hash::FeatureHash;
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

/// The layers of a dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layer {
    /// The gazetteers of `data/ner/`.
    Gazetteer = 0,
    /// The names of jieba's dictionary.
    JiebaNames = 1,
    /// The names seen in training (the only layer with folds, and the one a model saves).
    Training = 2,
}

/// Number of layers.
pub(crate) const LAYERS: usize = 3;

/// The marks of one char in one layer: bit `3 * type_index + position` (position B 0,
/// I 1, E 2; type index in [`MODEL_TYPES`] order).
pub(crate) type Marks = u16;

/// A name (in some layers), a proper prefix of a name, or both.
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    /// Per layer, the types of the name (bits of [`type_bit`]; 0: not a name there).
    kinds: [u8; LAYERS],
    /// The training folds the name was seen in (bit `f` for fold `f`; all bits for a loaded
    /// dictionary).
    folds: u64,
    /// Whether a longer name starts with this one.
    prefix: bool,
}

/// A dictionary of entity names in [`LAYERS`] layers.
///
/// Names and their prefixes are keyed by a 64-bit hash of their chars, which a scan
/// extends one char at a time: no string is built or compared.
#[derive(Debug, Clone, Default)]
pub(crate) struct EntityDict {
    /// The names and their proper prefixes (one lookup per step of a scan).
    nodes: FxHashMap<u64, Node>,
    /// The training names, in the order they were first added.
    names: Vec<Box<str>>,
}

/// The key of the chars so far, extended by `c`.
#[inline]
fn extend(key: FeatureHash, c: char) -> (FeatureHash, u64) {
    let key = key.char(c);
    (key, key.finish())
}

impl EntityDict {
    /// The names of `sentences` (normalised) in the training layer, each remembered with
    /// the folds it occurs in. Sentence `i` of `n` is in fold `i * folds / n` (contiguous
    /// blocks, so that a document's repeated names stay inside one fold). `folds` is at most
    /// 64.
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
                let name: Vec<char> = chars[span.start..span.end]
                    .iter()
                    .map(|&c| normalize_char(c))
                    .collect();
                dict.add(&name, Layer::Training, type_bit(kind), 1 << fold);
            }
        }
        dict
    }

    /// Add `(name, type mask)` pairs (such as [`EntityDict::entries`] gives) to `layer`.
    pub fn add_entries(&mut self, layer: Layer, entries: impl IntoIterator<Item = (String, u8)>) {
        for (name, kinds) in entries {
            let name: Vec<char> = name.chars().collect();
            if (MIN_LEN..=MAX_LEN).contains(&name.len()) {
                self.add(&name, layer, kinds, u64::MAX);
            }
        }
    }

    /// Add the training names of `other`, with their folds.
    pub fn add_training(&mut self, other: &EntityDict) {
        for name in &other.names {
            if let Some(node) = other.get(name) {
                let chars: Vec<char> = name.chars().collect();
                let kinds = node.kinds[Layer::Training as usize];
                self.add(&chars, Layer::Training, kinds, node.folds);
            }
        }
    }

    fn add(&mut self, name: &[char], layer: Layer, kinds: u8, folds: u64) {
        if kinds == 0 {
            return;
        }
        let mut key = FeatureHash::new(0);
        let mut id = 0;
        for (k, &c) in name.iter().enumerate() {
            (key, id) = extend(key, c);
            if k + 1 < name.len() {
                self.nodes.entry(id).or_default().prefix = true;
            }
        }
        let node = self.nodes.entry(id).or_default();
        let l = layer as usize;
        if layer == Layer::Training {
            if node.kinds[l] == 0 {
                self.names.push(name.iter().collect());
            }
            node.folds |= folds;
        }
        node.kinds[l] |= kinds;
    }

    fn get(&self, name: &str) -> Option<&Node> {
        let mut key = FeatureHash::new(0);
        let mut id = 0;
        for c in name.chars() {
            (key, id) = extend(key, c);
        }
        self.nodes.get(&id)
    }

    /// The training names with their type masks, sorted (what a model file stores).
    pub fn entries(&self) -> Vec<(String, u8)> {
        let l = Layer::Training as usize;
        let mut v: Vec<(String, u8)> = self
            .names
            .iter()
            .map(|name| (name.to_string(), self.get(name).map_or(0, |n| n.kinds[l])))
            .collect();
        v.sort();
        v
    }

    /// Number of training names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Mark the chars of `norm` covered by names, per layer. With `held_out = Some(f)`,
    /// training names seen only in fold `f` are ignored (the features of fold `f`'s
    /// sentences).
    pub fn marks(&self, norm: &[char], held_out: Option<usize>) -> Vec<[Marks; LAYERS]> {
        let mut marks = vec![[0; LAYERS]; norm.len()];
        let exclude = held_out.map_or(0, |f| 1u64 << f.min(63));
        let training = Layer::Training as usize;
        for start in 0..norm.len() {
            // Per layer, the end and types of the longest name.
            let mut best = [(0usize, 0u8); LAYERS];
            let mut key = FeatureHash::new(0);
            for end in start + 1..=norm.len().min(start + MAX_LEN) {
                let id;
                (key, id) = extend(key, norm[end - 1]);
                let Some(node) = self.nodes.get(&id) else {
                    break;
                };
                for (l, b) in best.iter_mut().enumerate() {
                    let kinds = node.kinds[l];
                    if kinds != 0 && (l != training || node.folds & !exclude != 0) {
                        *b = (end, kinds);
                    }
                }
                if !node.prefix {
                    break;
                }
            }
            for (l, &(end, kinds)) in best.iter().enumerate() {
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
                        m[l] |= 1 << (3 * t + pos);
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

    fn names(marks: &[[Marks; LAYERS]], layer: Layer) -> Vec<Vec<&'static str>> {
        marks
            .iter()
            .map(|m| mark_names(m[layer as usize]).collect())
            .collect()
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
        let all = names(&d.marks(&text, None), Layer::Training);
        assert_eq!(all[0], vec!["LOC-B"]);
        assert_eq!(all[1], vec!["LOC-E"]);
        assert!(all[2].is_empty());
        assert_eq!(all[4], vec!["LOC-E"]);
        // Fold 0 holds 北京: its sentences do not see it, but see 上海 (fold 1).
        let f0 = d.marks(&text, Some(0));
        assert_eq!((f0[0][2], f0[1][2]), (0, 0));
        assert_ne!(f0[3][2], 0);
        // Copied into another dictionary, the names keep their folds.
        let mut e = EntityDict::default();
        e.add_training(&d);
        assert_eq!(e.marks(&text, Some(0)), f0);
    }

    #[test]
    fn longest_match_per_layer_and_entries_round_trip() {
        let mut d = EntityDict::default();
        d.add_entries(
            Layer::Training,
            vec![
                ("中国".to_owned(), type_bit(EntityType::Loc)),
                ("中国银行".to_owned(), type_bit(EntityType::Org)),
                ("x".to_owned(), type_bit(EntityType::Org)),
            ],
        );
        d.add_entries(
            Layer::Gazetteer,
            vec![("中国".to_owned(), type_bit(EntityType::Loc))],
        );
        assert_eq!(d.len(), 2);
        let m = d.marks(&chars("在中国银行里"), None);
        let t = names(&m, Layer::Training);
        assert_eq!(t[1], vec!["ORG-B"]);
        assert_eq!(t[2], vec!["ORG-I"]);
        assert_eq!(t[4], vec!["ORG-E"]);
        let g = names(&m, Layer::Gazetteer);
        assert_eq!(
            (g[1].as_slice(), g[2].as_slice()),
            (&["LOC-B"][..], &["LOC-E"][..])
        );
        assert!(g[3].is_empty());
        assert!(names(&m, Layer::JiebaNames).iter().all(Vec::is_empty));
        let mut back = EntityDict::default();
        back.add_entries(Layer::Training, d.entries());
        assert_eq!(back.entries(), d.entries());
    }
}
