//! Mentions → entities: group by key, pick the canonical form, list the forms.

use rustc_hash::FxHashMap as HashMap;

use super::candidate::Candidate;
use super::doc::Doc;
use super::propagate::{final_key, person_aliases};
use super::{Entity, Mention};

/// Group non-overlapping candidates into entities, sorted by first mention.
pub(crate) fn entities(doc: &Doc, mut cands: Vec<Candidate>) -> Vec<Entity> {
    cands.sort_by_key(|c| (c.start, c.end));
    let aliases = person_aliases(doc, &cands);
    let mut index: HashMap<String, usize> = HashMap::default();
    let mut out: Vec<Entity> = Vec::new();
    for c in &cands {
        let key = final_key(doc, c, &aliases);
        let mention = Mention {
            start: c.start,
            end: c.end,
            text: doc.slice(c.start, c.end),
        };
        let i = *index.entry(key).or_insert_with(|| {
            out.push(Entity {
                text: String::new(),
                kind: c.kind,
                count: 0,
                mentions: Vec::new(),
                forms: Vec::new(),
                value: None,
            });
            out.len() - 1
        });
        let e = &mut out[i];
        if !e.forms.contains(&mention.text) {
            e.forms.push(mention.text.clone());
        }
        e.mentions.push(mention);
        e.count += 1;
    }
    for e in &mut out {
        e.text = canonical(e);
        e.value = super::value::normalise(e.kind, &e.text);
        if e.forms.len() < 2 {
            e.forms.clear();
        }
    }
    out
}

/// The longest form; among equally long ones the most frequent, then the first.
fn canonical(e: &Entity) -> String {
    let freq = |f: &str| e.mentions.iter().filter(|m| m.text == f).count();
    let mut best = &e.forms[0];
    for f in &e.forms[1..] {
        let (a, b) = (f.chars().count(), best.chars().count());
        if a > b || (a == b && freq(f) > freq(best)) {
            best = f;
        }
    }
    best.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType;
    use crate::ner::candidate::Evidence;

    #[test]
    fn forms_are_grouped() {
        let text = "比尔·盖茨说，盖茨很忙。微软和微软";
        let doc = Doc::new(text, &[]);
        let full = Candidate::new(0, 5, EntityType::Per, "比尔·盖茨", Evidence::Rule);
        let short = Candidate::new(7, 9, EntityType::Per, "盖茨", Evidence::Shape);
        let org = |s| Candidate {
            start: s,
            end: s + 2,
            kind: EntityType::Org,
            key: "org:0".into(),
            evidence: Evidence::Lexicon,
        };
        let es = entities(&doc, vec![org(15), short, full, org(12)]);
        assert_eq!(es.len(), 2);
        assert_eq!(es[0].text, "比尔·盖茨");
        assert_eq!(es[0].forms, ["比尔·盖茨", "盖茨"]);
        assert_eq!(es[0].count, 2);
        assert_eq!(es[1].text, "微软");
        assert!(es[1].forms.is_empty());
        assert_eq!(es[1].count, 2);
        for e in &es {
            for m in &e.mentions {
                assert_eq!(doc.slice(m.start, m.end), m.text);
            }
        }
    }
}
