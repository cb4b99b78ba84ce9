//! ORG from rules (the gazetteers give the rest):
//!
//! * a suffix after a proper name: `小冰公司`, `赛普拉斯半导体`, `蒙特利尔大学`. Commercial
//!   suffixes (`公司`, `集团`, `科技`…) need a name that is not only a place (`中国公司` is
//!   generic); institutional ones (`大学`, `研究院`, `政府`…) accept a place, but after a
//!   country only national bodies do (`美国政府`, not `美国大学`);
//! * a token jieba tags `nt` that ends with such a suffix (`清华大学`, `外交部`);
//! * apposition after a type noun: `创业孵化器Y Combinator`, `芯片公司英伟达`.

use super::EntityType;
use super::candidate::{Candidate, Evidence};
use super::doc::{Doc, dict};
use super::gazetteer::GazMatch;
use super::lexicon::LEXICON;
use super::person::is_foreign_name;
use crate::segment::Token;
use crate::segment::merge::is_han;

/// Longest prefix taken before a suffix, in chars and in tokens.
const MAX_PREFIX_CHARS: usize = 12;
const MAX_PREFIX_TOKENS: usize = 5;

/// What a prefix token contributes to an organisation name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A proper name (person, organisation, unknown word, Latin name).
    Proper,
    /// A place; `country` when a country or world region.
    Place { country: bool },
    /// An industry word (`科技`, `网络`): allowed, proves nothing.
    Generic,
}

/// ORG candidates from suffixes, `nt` tags and apposition.
pub(crate) fn find(doc: &Doc, gaz: &[GazMatch]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (ti, t) in doc.tokens.iter().enumerate() {
        if t.span.end > doc.len() {
            continue;
        }
        if let Some(c) = nt_token(t) {
            out.push(c);
        } else if let Some(c) = suffixed(doc, gaz, ti) {
            out.push(c);
        }
        if let Some(c) = apposition(doc, ti) {
            out.push(c);
        }
    }
    out
}

/// The suffix set of a token: the token is a suffix (`公司`), or a kind of institution jieba
/// took as one word (`人民法院`, tagged `nt`).
fn suffix_class(t: &Token) -> Option<&'static str> {
    ["org_commercial", "org_institution"]
        .into_iter()
        .find(|set| {
            LEXICON.in_set(set, &t.text)
                || (t.pos == "nt"
                    && LEXICON
                        .set(set)
                        .iter()
                        .any(|s| t.text.ends_with(s.as_str())))
        })
}

fn nt_token(t: &Token) -> Option<Candidate> {
    if t.pos != "nt" || t.text.chars().count() < 3 || LEXICON.not_names.contains(t.text.as_str()) {
        return None;
    }
    let suffix = ["org_commercial", "org_institution"]
        .iter()
        .flat_map(|s| LEXICON.set(s))
        .map(String::as_str)
        .chain(["社", "会", "院", "团"])
        .filter(|suf| t.text.ends_with(suf))
        .max_by_key(|suf| suf.len())?;
    let prefix = &t.text[..t.text.len() - suffix.len()];
    // `美国大学` and `人民法院` are kinds of organisations, not names
    let country = LEXICON.gaz(prefix).is_some_and(|g| g.country);
    if country && !LEXICON.in_set("org_national", suffix) {
        return None;
    }
    let generic = matches!(
        dict(prefix).1,
        Some("n" | "v" | "vn" | "a" | "an" | "d" | "ad" | "b" | "l")
    );
    (!generic).then(|| {
        Candidate::new(
            t.span.start,
            t.span.end,
            EntityType::Org,
            &t.text,
            Evidence::Rule,
        )
    })
}

fn gaz_covering<'g>(gaz: &'g [GazMatch], t: &Token) -> Option<&'g GazMatch> {
    gaz.iter()
        .find(|m| m.cand.start <= t.span.start && t.span.end <= m.cand.end)
}

fn classify(t: &Token, gaz: &[GazMatch], commercial: bool) -> Option<Part> {
    if let Some(m) = gaz_covering(gaz, t) {
        return match m.cand.kind {
            EntityType::Loc => Some(Part::Place { country: m.country }),
            EntityType::Org | EntityType::Product if !m.ambiguous => Some(Part::Proper),
            _ => None,
        };
    }
    if LEXICON.in_set("latin_stop", &t.text) || LEXICON.not_names.contains(t.text.as_str()) {
        return None;
    }
    if commercial
        && (LEXICON.in_set("org_commercial", &t.text) || LEXICON.in_set("org_industry", &t.text))
    {
        return Some(Part::Generic);
    }
    match t.pos.as_str() {
        "ns" => return Some(Part::Place { country: false }),
        "nr" | "nrt" | "nrfg" | "nz" | "nt" | "j" => return Some(Part::Proper),
        "eng" => {
            return t
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
                .then_some(Part::Proper);
        }
        _ => {}
    }
    let han = t.text.chars().count() >= 2 && t.text.chars().all(is_han);
    (han && dict(&t.text).1.is_none()).then_some(Part::Proper)
}

fn suffixed(doc: &Doc, gaz: &[GazMatch], ti: usize) -> Option<Candidate> {
    let t = &doc.tokens[ti];
    let class = suffix_class(t)?;
    // a listed name ends here (`日本东京大学` → `东京大学`): it stands alone
    if gaz
        .iter()
        .any(|m| m.cand.end == t.span.end && m.cand.kind == EntityType::Org)
    {
        return None;
    }
    let commercial = class == "org_commercial";
    // (part, start char, listed organisation covering it) from the nearest token backwards
    let mut parts: Vec<(Part, usize, Option<usize>)> = Vec::new();
    let mut j = ti;
    while j > 0 && parts.len() < MAX_PREFIX_TOKENS {
        let p = &doc.tokens[j - 1];
        j -= 1;
        if p.is_space() {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        if t.span.start - p.span.start > MAX_PREFIX_CHARS {
            break;
        }
        let Some(part) = classify(p, gaz, commercial) else {
            break;
        };
        let listed = gaz_covering(gaz, p)
            .filter(|m| m.cand.kind == EntityType::Org)
            .map(|m| m.cand.start);
        parts.push((part, p.span.start, listed));
    }
    // the name must not start with a generic word
    while parts.last().is_some_and(|p| p.0 == Part::Generic) {
        parts.pop();
    }
    let start = parts.last()?.1;
    let proper = parts.iter().any(|p| p.0 == Part::Proper);
    let place = parts.iter().any(|p| matches!(p.0, Part::Place { .. }));
    let only_countries = parts
        .iter()
        .all(|p| matches!(p.0, Part::Place { country: true } | Part::Generic));
    let ok = if commercial {
        proper
    } else {
        proper || (place && (!only_countries || LEXICON.in_set("org_national", &t.text)))
    };
    // a listed organisation followed by a plain suffix (`OpenAI 公司`) stays that organisation
    let one_listed = parts[0].2.is_some() && parts.iter().all(|p| p.2 == parts[0].2);
    if !ok || one_listed {
        return None;
    }
    let text = doc.slice(start, t.span.end);
    Some(Candidate::new(
        start,
        t.span.end,
        EntityType::Org,
        &text,
        Evidence::Rule,
    ))
}

fn apposition(doc: &Doc, ti: usize) -> Option<Candidate> {
    let t = &doc.tokens[ti];
    if !LEXICON
        .set("org_type_noun")
        .iter()
        .any(|w| t.text.ends_with(w.as_str()))
    {
        return None;
    }
    let mut j = ti + 1;
    while doc.tokens.get(j).is_some_and(Token::is_space) {
        j += 1;
    }
    let n = doc.tokens.get(j)?;
    if n.span.end > doc.len() || LEXICON.gaz(&n.text).is_some() {
        return None;
    }
    let ok = if n.pos == "eng" {
        latin_org_name(&n.text)
    } else {
        let len = n.text.chars().count();
        (2..=8).contains(&len)
            && n.text.chars().all(is_han)
            && !LEXICON.not_names.contains(n.text.as_str())
            && (is_foreign_name(&n.text, &n.pos)
                || (matches!(n.pos.as_str(), "nz" | "nt" | "j" | "nrt")
                    && dict(&n.text).1.is_none()))
    };
    ok.then(|| {
        Candidate::new(
            n.span.start,
            n.span.end,
            EntityType::Org,
            &n.text,
            Evidence::Rule,
        )
    })
}

/// Whether a Latin token looks like an organisation name: capitalised, not a stop word, not a
/// model number (`A100`).
pub(crate) fn latin_org_name(s: &str) -> bool {
    let first_upper = s.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    first_upper && !has_digit && s.len() >= 2 && !LEXICON.in_set("latin_stop", s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::gazetteer;
    use crate::segment::Segmenter;

    fn orgs(text: &str) -> Vec<String> {
        let toks = Segmenter::new().segment(text);
        let doc = Doc::new(text, &toks);
        let gaz = gazetteer::find(&doc);
        find(&doc, &gaz)
            .iter()
            .map(|c| doc.slice(c.start, c.end))
            .collect()
    }

    #[test]
    fn suffix_rules() {
        let got = orgs("他加入了旷达网络公司，后来去了圣彼得堡大学，美国政府表示关注。");
        assert!(got.iter().any(|o| o.ends_with("网络公司")), "{got:?}");
        assert!(got.contains(&"圣彼得堡大学".to_owned()), "{got:?}");
        assert!(got.contains(&"美国政府".to_owned()), "{got:?}");
    }

    #[test]
    fn generic_phrases_are_not_orgs() {
        for text in [
            "这家人工智能公司很有名。",
            "中国公司正在追赶。",
            "他回到大学校园。",
            "美国大学的学费很贵。",
            "二十家公司参加。",
            "OpenAI 公司发布了新模型。",
        ] {
            assert!(orgs(text).is_empty(), "{text}: {:?}", orgs(text));
        }
    }

    #[test]
    fn apposition_names() {
        let got = orgs("他投资了创业孵化器Y Combinator。");
        assert_eq!(got, ["Y Combinator"]);
        assert!(latin_org_name("Quora") && !latin_org_name("CEO") && !latin_org_name("A100"));
    }
}
