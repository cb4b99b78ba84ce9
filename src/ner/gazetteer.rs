//! Gazetteer matching: names of the embedded lists (countries, places, companies,
//! institutions, products) found in the text, longest first.
//!
//! Boundaries: a Latin name must not touch other Latin letters or digits (`Mac` is not in
//! `MacBook`); a two-char Chinese name must start a token and end one, or be followed by a
//! short attached word (`美国人`, `谷歌公司`), so that `中美` or `百度` inside longer words are
//! not taken. Place names take an administrative suffix (`浙江省`) or a direction
//! (`美国东海岸`) that follows them as a word of its own.

use super::EntityType;
use super::candidate::{Candidate, Evidence, text_key};
use super::doc::{Doc, is_alnum};
use super::lexicon::{GazName, LEXICON, starts_with};

/// A gazetteer match; ambiguous ones (`苹果`, `联想`) still need context (see
/// `ambiguous`).
#[derive(Debug, Clone)]
pub(crate) struct GazMatch {
    /// The candidate mention.
    pub cand: Candidate,
    /// Whether the name is also a common word.
    pub ambiguous: bool,
    /// Whether the name is a country or world region.
    pub country: bool,
}

/// Words that may follow a two-char name inside one token.
const ATTACHED: &[&str] = &[
    "人", "版", "籍", "方", "队", "军", "系", "产", "公司", "集团", "总部", "旗下", "股价", "上",
    "里", "中", "内",
];

/// All gazetteer matches of the document, non-overlapping, longest first at each position.
pub(crate) fn find(doc: &Doc) -> Vec<GazMatch> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        let lens = doc.at(i).and_then(|c| lex.name_lens.get(&c));
        let hit = lens.into_iter().flatten().find_map(|&len| {
            if len < 2 || i + len > doc.len() {
                return None;
            }
            let name = doc.slice(i, i + len);
            let g = lex.gaz(&name)?;
            boundary_ok(doc, i, len, g.kind).then_some((len, g))
        });
        let Some((len, g)) = hit else {
            i += 1;
            continue;
        };
        out.push(make(doc, i, i + len, g));
        i += len;
    }
    out
}

fn make(doc: &Doc, start: usize, end: usize, g: &GazName) -> GazMatch {
    let mut cand = Candidate {
        start,
        end,
        kind: g.kind,
        key: g.key.clone(),
        evidence: Evidence::Lexicon,
    };
    if g.kind == EntityType::Loc
        && let Some(e) = extend_place(doc, end)
    {
        cand.end = e;
        cand.key = text_key(EntityType::Loc, &doc.slice(start, e));
    }
    GazMatch {
        cand,
        ambiguous: g.ambiguous,
        country: g.country,
    }
}

/// `浙江` + `省`, `美国` + `东海岸`: the end of the extended place, if any.
fn extend_place(doc: &Doc, end: usize) -> Option<usize> {
    let lex = &*LEXICON;
    if let Some(c) = doc.at(end)
        && lex.in_set("admin_suffix", &c.to_string())
        && doc.tok_end(end + 1)
        && doc
            .token_at(end)
            .is_some_and(|t| t.span.start == end || t.span.end == end + 1)
    {
        return Some(end + 1);
    }
    let len = lex.longest_prefix("direction", &doc.chars, end)?;
    doc.aligned(end, end + len).then_some(end + len)
}

fn boundary_ok(doc: &Doc, i: usize, len: usize, kind: EntityType) -> bool {
    let first = doc.chars[i];
    let last = doc.chars[i + len - 1];
    if is_alnum(first) && i > 0 && is_alnum(doc.chars[i - 1]) {
        return false;
    }
    if is_alnum(last) && doc.at(i + len).is_some_and(is_alnum) {
        return false;
    }
    if is_alnum(first) || len >= 3 {
        return true;
    }
    if !doc.tok_start(i) {
        return false;
    }
    if doc.tok_end(i + len) {
        return true;
    }
    let Some(t) = doc.token_at(i) else {
        return true;
    };
    // a place opening a name jieba took as one word (`深圳华强`)
    if kind == EntityType::Loc && matches!(t.pos.as_str(), "nt" | "ns" | "nr" | "nz") {
        return true;
    }
    let rest_start = i + len;
    ATTACHED.iter().any(|w| {
        starts_with(&doc.chars, rest_start, w) && rest_start + w.chars().count() == t.span.end
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn names(text: &str) -> Vec<(String, EntityType, bool)> {
        let toks = Segmenter::new().segment(text);
        let doc = Doc::new(text, &toks);
        find(&doc)
            .into_iter()
            .map(|m| {
                (
                    doc.slice(m.cand.start, m.cand.end),
                    m.cand.kind,
                    m.ambiguous,
                )
            })
            .collect()
    }

    #[test]
    fn finds_names_with_boundaries() {
        let got = names("谷歌和Microsoft在浙江省杭州市开会，美国东海岸的MacBook用户");
        let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
        assert!(texts.contains(&"谷歌"), "{got:?}");
        assert!(texts.contains(&"Microsoft"), "{got:?}");
        assert!(texts.contains(&"浙江省"), "{got:?}");
        assert!(texts.contains(&"杭州市"), "{got:?}");
        assert!(texts.contains(&"美国东海岸"), "{got:?}");
        assert!(texts.contains(&"MacBook"), "{got:?}");
        assert!(!texts.contains(&"Mac"), "{got:?}");
    }

    #[test]
    fn ambiguous_flagged() {
        let got = names("我吃了一个苹果");
        assert!(got.iter().all(|(t, _, amb)| t != "苹果" || *amb), "{got:?}");
    }
}
