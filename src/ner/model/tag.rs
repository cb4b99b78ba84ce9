//! BIO tags for PER/LOC/ORG and the spans they mark.

use crate::ner::EntityType;
use crate::span::CharSpan;

/// The three entity types a sequence model tags.
pub const MODEL_TYPES: [EntityType; 3] = [EntityType::Per, EntityType::Loc, EntityType::Org];

/// One character's tag (BIO / IOB2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First char of an entity of this type.
    B(EntityType),
    /// A later char of an entity of this type.
    I(EntityType),
}

impl Tag {
    /// Parse `O`, `B-PER`, `I-LOC`, … Only PER, LOC and ORG are model types: any other
    /// label gives `None` (see [`map_label`] for the labels of other corpora).
    pub fn parse(label: &str) -> Option<Tag> {
        if label == "O" {
            return Some(Tag::O);
        }
        let (bio, name) = label.split_once('-')?;
        let kind = model_type(name)?;
        match bio {
            "B" => Some(Tag::B(kind)),
            "I" => Some(Tag::I(kind)),
            _ => None,
        }
    }

    /// The tag as written in char-BIO files: `O`, `B-PER`, `I-ORG`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::O => "O",
            Tag::B(EntityType::Per) => "B-PER",
            Tag::I(EntityType::Per) => "I-PER",
            Tag::B(EntityType::Loc) => "B-LOC",
            Tag::I(EntityType::Loc) => "I-LOC",
            Tag::B(EntityType::Org) => "B-ORG",
            Tag::I(EntityType::Org) => "I-ORG",
            // Only model types are ever built by this module.
            Tag::B(_) | Tag::I(_) => "O",
        }
    }

    /// The entity type, `None` for `O`.
    pub fn kind(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }
}

fn model_type(name: &str) -> Option<EntityType> {
    match name {
        "PER" => Some(EntityType::Per),
        "LOC" => Some(EntityType::Loc),
        "ORG" => Some(EntityType::Org),
        _ => None,
    }
}

/// Map a label of one of the public corpora onto the model's tags. The entity type after
/// `B-`/`I-` is mapped as follows; every other type becomes `O`:
///
/// | corpus | PER | LOC | ORG |
/// |---|---|---|---|
/// | MSRA | `PER` | `LOC` | `ORG` |
/// | CLUENER | `name` | `address` | `company`, `government`, `organization` |
/// | Weibo | `PER.NAM` | `LOC.NAM`, `GPE.NAM` | `ORG.NAM` |
/// | Resume | `NAME` | `LOC` | `ORG` |
///
/// Weibo's nominal mentions (`*.NOM`) and the other types of CLUENER (book, game, movie,
/// position, scene) and Resume (CONT, EDU, PRO, RACE, TITLE) become `O`. The corpora's type
/// names do not collide, so one mapping serves them all. Malformed labels give `None`.
pub fn map_label(label: &str) -> Option<Tag> {
    if label == "O" {
        return Some(Tag::O);
    }
    let (bio, name) = label.split_once('-')?;
    let kind = match name {
        "PER" | "name" | "PER.NAM" | "NAME" => Some(EntityType::Per),
        "LOC" | "address" | "LOC.NAM" | "GPE.NAM" => Some(EntityType::Loc),
        "ORG" | "company" | "government" | "organization" | "ORG.NAM" => Some(EntityType::Org),
        _ => None,
    };
    match (bio, kind) {
        ("B" | "I", None) => Some(Tag::O),
        ("B", Some(k)) => Some(Tag::B(k)),
        ("I", Some(k)) => Some(Tag::I(k)),
        _ => None,
    }
}

/// Tag `tags[start..end]` (cut at the end of `tags`) as one entity of type `kind`:
/// `B-kind`, then `I-kind`.
pub fn mark(tags: &mut [Tag], start: usize, end: usize, kind: EntityType) {
    let end = end.min(tags.len());
    if start < end {
        tags[start] = Tag::B(kind);
        for t in &mut tags[start + 1..end] {
            *t = Tag::I(kind);
        }
    }
}

/// Make every Latin word (a run of ASCII letters and digits with a letter, in the
/// normalised chars `norm`) one unit: an entity that begins or ends inside one is stretched
/// to the word's edges (`Op` of `OpenAI` becomes `OpenAI`), taking in the entities it then
/// overlaps, with the type of the longest.
pub fn snap_to_words(tags: &mut [Tag], norm: &[char]) {
    let n = tags.len().min(norm.len());
    let mut i = 0;
    while i < n {
        if !norm[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        while i < n && norm[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let e = i;
        // a word no entity touches (most of them) needs no spans
        if !norm[s..e].iter().any(char::is_ascii_alphabetic)
            || tags[s..e].iter().all(|t| *t == Tag::O)
        {
            continue;
        }
        let over: Vec<(CharSpan, EntityType)> = spans(&tags[..n])
            .into_iter()
            .filter(|(sp, _)| sp.start < e && sp.end > s)
            .collect();
        if over.iter().all(|(sp, _)| sp.start <= s && sp.end >= e) {
            continue;
        }
        let start = over
            .iter()
            .map(|(sp, _)| sp.start)
            .min()
            .unwrap_or(s)
            .min(s);
        let end = over.iter().map(|(sp, _)| sp.end).max().unwrap_or(e).max(e);
        let kind = over
            .iter()
            .max_by_key(|(sp, _)| (sp.end - sp.start, std::cmp::Reverse(sp.start)))
            .map(|&(_, k)| k);
        if let Some(kind) = kind {
            tags[start..end].fill(Tag::O);
            mark(tags, start, end, kind);
            i = i.max(end);
        }
    }
}

/// The entities a tag sequence marks, in order, as (char span, type). An `I-X` that does not
/// continue an `X` entity starts a new one (conlleval's reading), so every tag sequence
/// has a reading, including ill-formed model output.
pub fn spans(tags: &[Tag]) -> Vec<(CharSpan, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(k), Some((_, o))) if k == o);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push((CharSpan::new(s, i), k));
        }
        if let Some(k) = tag.kind() {
            open = Some((i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push((CharSpan::new(s, tags.len()), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split(' ').map(|t| Tag::parse(t).unwrap()).collect()
    }

    #[test]
    fn parse_and_write() {
        for s in ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"] {
            assert_eq!(Tag::parse(s).unwrap().as_str(), s);
        }
        assert_eq!(Tag::parse("B-DATE"), None);
        assert_eq!(Tag::parse("X-PER"), None);
    }

    #[test]
    fn corpus_labels() {
        assert_eq!(map_label("B-name"), Some(Tag::B(EntityType::Per)));
        assert_eq!(map_label("I-GPE.NAM"), Some(Tag::I(EntityType::Loc)));
        assert_eq!(map_label("B-government"), Some(Tag::B(EntityType::Org)));
        assert_eq!(map_label("B-PER.NOM"), Some(Tag::O));
        assert_eq!(map_label("I-TITLE"), Some(Tag::O));
        assert_eq!(map_label("B-NAME"), Some(Tag::B(EntityType::Per)));
        assert_eq!(map_label("PER"), None);
    }

    #[test]
    fn latin_words_are_one_unit() {
        let norm: Vec<char> = "是OpenAI的人".chars().collect();
        let mut t = tags("O B-ORG I-ORG O O O O O O");
        snap_to_words(&mut t, &norm);
        assert_eq!(t, tags("O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O O"));
        // an entity ending inside the word, another beginning in it: one, of the longer's type
        let norm: Vec<char> = "微软Azure云".chars().collect();
        let mut t = tags("B-ORG I-ORG I-ORG O B-LOC I-LOC I-LOC O");
        snap_to_words(&mut t, &norm);
        assert_eq!(t, tags("B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O"));
        // whole words and digits alone are left as they are
        let norm: Vec<char> = "在2015年GPT".chars().collect();
        let before = tags("O B-LOC I-LOC O O B-ORG I-ORG I-ORG");
        let mut t = before.clone();
        snap_to_words(&mut t, &norm);
        assert_eq!(t, before);
    }

    #[test]
    fn spans_conlleval_reading() {
        let t = tags("B-PER I-PER O B-LOC B-LOC I-LOC I-ORG O I-PER");
        let got: Vec<(usize, usize, EntityType)> = spans(&t)
            .into_iter()
            .map(|(s, k)| (s.start, s.end, k))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 2, EntityType::Per),
                (3, 4, EntityType::Loc),
                (4, 6, EntityType::Loc),
                (6, 7, EntityType::Org),
                (8, 9, EntityType::Per),
            ]
        );
    }
}
