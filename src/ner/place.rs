//! LOC from rules (the gazetteers give the rest):
//!
//! * a token jieba tags `ns` that ends with a place suffix (`武汉市`, `洪山区`, `洞庭湖`),
//!   or tags `nr`/`nz` and ends with an administrative suffix (`武侯区`), when the part
//!   before the suffix is not a common word (`自治州`, `开发区`);
//! * a transliterated name followed by an administrative suffix of its own (`俄亥俄` `州`).
//!
//! jieba's `ns` alone is no evidence: it tags `奥巴马` and `英特尔` as places.

use super::EntityType;
use super::candidate::{Candidate, Evidence};
use super::doc::{Doc, dict};
use super::lexicon::LEXICON;
use crate::segment::Token;
use crate::segment::merge::is_han;
use crate::segment::translit::all_translit;

/// LOC candidates from the tokens.
pub(crate) fn find(doc: &Doc) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (ti, t) in doc.tokens.iter().enumerate() {
        if t.span.end > doc.len() || LEXICON.gaz(&t.text).is_some() {
            continue;
        }
        if LEXICON.not_names.contains(t.text.as_str()) {
            continue;
        }
        if let Some(c) = suffixed(t).or_else(|| name_and_suffix(doc, ti)) {
            out.push(c);
        }
    }
    out
}

fn loc(start: usize, end: usize, text: &str, ev: Evidence) -> Candidate {
    Candidate::new(start, end, EntityType::Loc, text, ev)
}

fn suffixed(t: &Token) -> Option<Candidate> {
    let n = t.text.chars().count();
    if n < 3 || !t.text.chars().all(is_han) {
        return None;
    }
    let set = match t.pos.as_str() {
        "ns" => "place_suffix",
        "nr" | "nz" => "admin_suffix",
        _ => return None,
    };
    let suffix = LEXICON
        .set(set)
        .iter()
        .find(|s| t.text.ends_with(s.as_str()))?;
    let prefix = &t.text[..t.text.len() - suffix.len()];
    if prefix.chars().count() < 2 {
        return None;
    }
    let (_, pos) = dict(prefix);
    if matches!(pos, Some(p) if !matches!(p, "ns" | "nr" | "nrt" | "nz" | "nt" | "j")) {
        return None;
    }
    Some(loc(t.span.start, t.span.end, &t.text, Evidence::Rule))
}

fn name_and_suffix(doc: &Doc, ti: usize) -> Option<Candidate> {
    let t = &doc.tokens[ti];
    let s = doc.tokens.get(ti + 1)?;
    if s.span.end > doc.len() || !LEXICON.in_set("admin_suffix", &s.text) {
        return None;
    }
    let n = t.text.chars().count();
    let name_like =
        matches!(t.pos.as_str(), "ns" | "nr" | "nrt" | "nz" | "x") || dict(&t.text).1.is_none();
    if !((2..=8).contains(&n) && all_translit(&t.text) && name_like) {
        return None;
    }
    let text = doc.slice(t.span.start, s.span.end);
    Some(loc(t.span.start, s.span.end, &text, Evidence::Rule))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn places(text: &str) -> Vec<String> {
        let toks = Segmenter::new().segment(text);
        let doc = Doc::new(text, &toks);
        find(&doc)
            .iter()
            .map(|c| doc.slice(c.start, c.end))
            .collect()
    }

    #[test]
    fn suffixed_places() {
        let got = places("他从十堰市出发，经过洪山区。");
        assert!(got.contains(&"十堰市".to_owned()), "{got:?}");
        assert!(got.contains(&"洪山区".to_owned()), "{got:?}");
        assert!(places("自治州的城市很美").is_empty());
        assert_eq!(places("他住在成都市武侯区的小区里"), ["武侯区"]);
        assert!(places("奥巴马说").is_empty());
    }
}
