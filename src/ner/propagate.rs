//! Document-level propagation: a name found once by a rule is found again wherever it
//! occurs, even where jieba cut it differently (`阿尔特` + `曼是`), together with its short
//! forms:
//! * the family name of a dotted name (`萨姆·阿尔特曼` → `阿尔特曼`);
//! * the nickname `小X` / `老X` of a foreign name whose family name starts with `X`, when only
//!   one person of the document fits (`萨特斯基弗` → `小萨`);
//! * the initials of a Latin organisation name of several words (`Y Combinator` → `YC`).
//!
//! Names from the gazetteers are already found everywhere and are not propagated.

use rustc_hash::FxHashMap as HashMap;

use super::EntityType;
use super::candidate::{Candidate, Evidence};
use super::doc::{Doc, is_alnum};
use crate::segment::translit::all_translit;

/// Short forms of dotted person names: family name → key of the full name. A family name
/// shared by two full names is left out.
pub(crate) fn person_aliases(doc: &Doc, cands: &[Candidate]) -> HashMap<String, String> {
    let mut map: HashMap<String, Option<String>> = HashMap::default();
    for c in cands.iter().filter(|c| c.kind == EntityType::Per) {
        let text = doc.slice(c.start, c.end);
        let Some(last) = super::person::normalize_dots(&text)
            .rsplit('·')
            .next()
            .map(str::to_owned)
            .filter(|l| l.chars().count() >= 2 && *l != text)
        else {
            continue;
        };
        map.entry(last)
            .and_modify(|k| {
                if k.as_deref() != Some(c.key.as_str()) {
                    *k = None;
                }
            })
            .or_insert_with(|| Some(c.key.clone()));
    }
    map.into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// The grouping key of a candidate, with person short forms mapped to the full name.
pub(crate) fn final_key(doc: &Doc, c: &Candidate, aliases: &HashMap<String, String>) -> String {
    if c.kind == EntityType::Per
        && let Some(full) = aliases.get(&doc.slice(c.start, c.end))
    {
        return full.clone();
    }
    c.key.clone()
}

/// One form to look for.
struct Form {
    chars: Vec<char>,
    key: String,
    kind: EntityType,
    /// Whether a match may start inside a token (long names, nicknames).
    anywhere: bool,
}

/// Further mentions of the accepted candidates' names and short forms.
pub(crate) fn find(doc: &Doc, accepted: &[Candidate]) -> Vec<Candidate> {
    let aliases = person_aliases(doc, accepted);
    let mut forms: Vec<Form> = Vec::new();
    let mut add = |text: &str, key: String, kind: EntityType, anywhere: bool| {
        if !forms
            .iter()
            .any(|f| f.chars.iter().copied().eq(text.chars()))
        {
            let chars: Vec<char> = text.chars().collect();
            let anywhere = anywhere || chars.len() >= 3;
            forms.push(Form {
                chars,
                key,
                kind,
                anywhere,
            });
        }
    };
    // short forms and nicknames first: a mention of one found on its own (by a model)
    // then joins the full name's entity
    for (short, full) in &aliases {
        add(short, full.clone(), EntityType::Per, false);
    }
    for (nick, key) in nicknames(doc, accepted, &aliases) {
        add(&nick, key, EntityType::Per, true);
    }
    let names = accepted.iter().filter(|c| {
        c.evidence != Evidence::Lexicon
            && matches!(
                c.kind,
                EntityType::Per | EntityType::Org | EntityType::Loc | EntityType::Product
            )
    });
    for c in names {
        add(
            &doc.slice(c.start, c.end),
            final_key(doc, c, &aliases),
            c.kind,
            false,
        );
    }
    for c in accepted.iter().filter(|c| c.kind == EntityType::Org) {
        if let Some(acr) = initials(&doc.slice(c.start, c.end)) {
            add(&acr, c.key.clone(), EntityType::Org, false);
        }
    }
    // every occurrence of every form (overlapping ones too), in one pass over the text
    forms.retain(|f| f.chars.len() >= 2 && f.chars.len() <= doc.len());
    if forms.is_empty() {
        return Vec::new();
    }
    let text: String = doc.chars.iter().collect();
    let mut char_at = vec![0usize; text.len() + 1];
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        char_at[bi] = ci;
    }
    let patterns: Vec<String> = forms.iter().map(|f| f.chars.iter().collect()).collect();
    let Ok(automaton) = aho_corasick::AhoCorasick::new(&patterns) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in automaton.find_overlapping_iter(&text) {
        let f = &forms[m.pattern().as_usize()];
        let (i, n) = (char_at[m.start()], f.chars.len());
        if boundary_ok(doc, i, n, f.anywhere) {
            out.push(Candidate {
                start: i,
                end: i + n,
                kind: f.kind,
                key: f.key.clone(),
                evidence: Evidence::Shape,
            });
        }
    }
    out
}

fn boundary_ok(doc: &Doc, i: usize, n: usize, anywhere: bool) -> bool {
    let (first, last) = (doc.chars[i], doc.chars[i + n - 1]);
    if is_alnum(first) && i > 0 && is_alnum(doc.chars[i - 1]) {
        return false;
    }
    if is_alnum(last) && doc.at(i + n).is_some_and(is_alnum) {
        return false;
    }
    is_alnum(first) || anywhere || doc.tok_start(i)
}

/// `小X` / `老X` for foreign persons whose family name starts with `X`, when unique.
fn nicknames(
    doc: &Doc,
    accepted: &[Candidate],
    aliases: &HashMap<String, String>,
) -> Vec<(String, String)> {
    let mut by_initial: HashMap<char, Option<String>> = HashMap::default();
    for c in accepted.iter().filter(|c| c.kind == EntityType::Per) {
        let text = doc.slice(c.start, c.end);
        let normal = super::person::normalize_dots(&text);
        let family = normal.rsplit('·').next().unwrap_or_default();
        if family.chars().count() < 2 || !all_translit(family) {
            continue;
        }
        let Some(initial) = family.chars().next() else {
            continue;
        };
        let key = final_key(doc, c, aliases);
        by_initial
            .entry(initial)
            .and_modify(|k| {
                if k.as_deref() != Some(key.as_str()) {
                    *k = None;
                }
            })
            .or_insert(Some(key));
    }
    let mut out = Vec::new();
    for (initial, key) in by_initial {
        if let Some(key) = key {
            for head in ['小', '老'] {
                out.push((format!("{head}{initial}"), key.clone()));
            }
        }
    }
    out
}

/// `Y Combinator` → `YC`: the initials of a Latin name of two or more capitalised words.
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let ok = words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()));
    ok.then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_latin_names() {
        assert_eq!(initials("Y Combinator").as_deref(), Some("YC"));
        assert_eq!(initials("OpenAI"), None);
        assert_eq!(initials("Stability ai"), None);
    }

    #[test]
    fn aliases_and_nicknames() {
        let text = "伊利亚·萨特斯基弗来了。萨特斯基弗说，小萨很忙。";
        let doc = Doc::new(text, &[]);
        let full = Candidate::new(0, 9, EntityType::Per, "伊利亚·萨特斯基弗", Evidence::Rule);
        let aliases = person_aliases(&doc, std::slice::from_ref(&full));
        assert_eq!(aliases.get("萨特斯基弗"), Some(&full.key));
        let found: Vec<String> = find(&doc, &[full])
            .iter()
            .map(|c| doc.slice(c.start, c.end))
            .collect();
        assert!(found.contains(&"萨特斯基弗".to_owned()), "{found:?}");
        assert!(found.contains(&"小萨".to_owned()), "{found:?}");
    }
}
