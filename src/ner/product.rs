//! PRODUCT from rules (the gazetteer gives the rest):
//!
//! * a model number, Latin letters and digits (`A100`, `GPT-3`, `M6`), when the evidence is
//!   clear: its clause names a product kind (`显卡`, `模型`, `手机`…), or a launch verb
//!   (`推出`, `发布`) or a listed organisation (`英伟达A100`) comes right before it;
//! * a capitalised Latin name followed by a product kind (`AlexNet 模型`).

use super::EntityType;
use super::candidate::{Candidate, Evidence};
use super::doc::Doc;
use super::gazetteer::GazMatch;
use super::lexicon::LEXICON;
use super::org::latin_org_name;

/// PRODUCT candidates from the tokens.
pub(crate) fn find(doc: &Doc, gaz: &[GazMatch]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for t in doc.tokens {
        if t.span.end > doc.len() || t.pos != "eng" || LEXICON.gaz(&t.text).is_some() {
            continue;
        }
        let (s, e) = (t.span.start, t.span.end);
        let ok = if is_model_number(&t.text) {
            doc.clause_has(s, "product_noun")
                || doc.prev_in_set(s, "launch_verb")
                || after_listed_org(doc, gaz, s)
        } else {
            latin_org_name(&t.text)
                && t.text.chars().any(|c| c.is_ascii_lowercase())
                && doc.next_in_set(e, "product_noun").is_some()
        };
        if ok {
            out.push(Candidate::new(
                s,
                e,
                EntityType::Product,
                &t.text,
                Evidence::Rule,
            ));
        }
    }
    out
}

/// `A100`, `GPT-3`, `GPT-3.5`, `M6`, `RTX4090`: 1–6 letters, an optional hyphen, digits, and
/// an optional short tail.
pub(crate) fn is_model_number(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=6).contains(&letters) {
        return false;
    }
    let mut i = letters;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=5).contains(&digits) {
        return false;
    }
    let tail = &b[i + digits..];
    tail.len() <= 3 && tail.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'.')
}

fn after_listed_org(doc: &Doc, gaz: &[GazMatch], s: usize) -> bool {
    let p = doc.skip_space_back(s);
    gaz.iter()
        .any(|m| m.cand.kind == EntityType::Org && !m.ambiguous && m.cand.end == p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::gazetteer;
    use crate::segment::Segmenter;

    fn products(text: &str) -> Vec<String> {
        let toks = Segmenter::new().segment(text);
        let doc = Doc::new(text, &toks);
        let gaz = gazetteer::find(&doc);
        find(&doc, &gaz)
            .iter()
            .map(|c| doc.slice(c.start, c.end))
            .collect()
    }

    #[test]
    fn model_numbers() {
        assert!(is_model_number("A100") && is_model_number("GPT-3") && is_model_number("M6"));
        assert!(!is_model_number("5G") && !is_model_number("CEO") && !is_model_number("COVID"));
        assert_eq!(products("训练需要 1024 张 A100 显卡。"), ["A100"]);
        assert_eq!(products("华为推出了P60，销量很好。"), ["P60"]);
        assert_eq!(products("他们用 ResNet 模型做识别。"), ["ResNet"]);
        assert!(products("G20 峰会在杭州举行。").is_empty());
    }
}
