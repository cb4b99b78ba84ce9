//! Names that are also common words (`苹果` apple, `联想` to associate, `小米` millet): taken
//! only with context.
//!
//! A mention is taken when one of these holds, and it is not used as a verb (`联想到`):
//! * the document names the same entity unambiguously (`三星电子` … `三星表示`);
//! * a cue follows: `苹果公司`, `联想 CEO`, `小米手机`, `阿里等企业`;
//! * it is coordinated with a certain organisation: `百度、腾讯、阿里`;
//! * the document names at least two other organisations from the lists, and the mention
//!   stands as a noun phrase: at a clause start or after a coordinator, followed by a
//!   function word or punctuation (`：联想在 2013 年……`).
//!
//! Once one mention of a form is taken, the form's other mentions are taken too (unless
//! used as a verb).

use rustc_hash::FxHashSet as HashSet;

use super::EntityType;
use super::candidate::{Candidate, Evidence};
use super::doc::{Doc, is_clause_break};
use super::gazetteer::GazMatch;

/// Chars after the name that make it a verb or a common noun phrase.
const VERB_AFTER: &[char] = &['到', '起', '至', '着', '过', '树', '汁', '皮', '粥'];
/// Chars before the name that make it a verb or a common noun.
const VERB_BEFORE: &[char] = &[
    '人', '不', '没', '会', '能', '可', '易', '难', '吃', '个', '颗', '只', '斤', '种', '青', '红',
];
/// Chars that may follow a noun phrase subject.
const NOMINAL_AFTER: &[char] = &[
    '在', '的', '也', '还', '已', '将', '等', '、', '和', '与', '是', '于', '把', '被', '则', '却',
];

/// The ambiguous matches that context confirms, as candidates.
pub(crate) fn confirm(doc: &Doc, pending: &[GazMatch], sure: &[Candidate]) -> Vec<Candidate> {
    let orgs: Vec<&Candidate> = sure.iter().filter(|c| c.kind == EntityType::Org).collect();
    let listed_orgs: HashSet<&str> = orgs
        .iter()
        .filter(|c| c.evidence == Evidence::Lexicon)
        .map(|c| c.key.as_str())
        .collect();
    let business_context = listed_orgs.len() >= 2;
    let sure_keys: HashSet<&str> = sure.iter().map(|c| c.key.as_str()).collect();
    let mut taken = vec![false; pending.len()];
    let mut forms: HashSet<String> = HashSet::default();
    for (i, m) in pending.iter().enumerate() {
        let c = &m.cand;
        if verb_use(doc, c) {
            continue;
        }
        if sure_keys.contains(c.key.as_str())
            || cue_after(doc, c)
            || coordinated(doc, c, &orgs)
            || (business_context && nominal(doc, c))
        {
            taken[i] = true;
            forms.insert(doc.slice(c.start, c.end));
        }
    }
    pending
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            taken[*i]
                || (forms.contains(&doc.slice(m.cand.start, m.cand.end)) && !verb_use(doc, &m.cand))
        })
        .map(|(_, m)| m.cand.clone())
        .collect()
}

fn verb_use(doc: &Doc, c: &Candidate) -> bool {
    doc.at(c.end).is_some_and(|ch| VERB_AFTER.contains(&ch))
        || (c.start > 0 && VERB_BEFORE.contains(&doc.chars[c.start - 1]))
}

fn cue_after(doc: &Doc, c: &Candidate) -> bool {
    if doc.next_in_set(c.end, "org_cue_after").is_some() {
        return true;
    }
    let k = doc.skip_space(c.end);
    doc.at(k) == Some('等') && doc.next_in_set(k + 1, "org_type_noun").is_some()
}

fn coordinated(doc: &Doc, c: &Candidate, orgs: &[&Candidate]) -> bool {
    // backwards: ORG 、 <c>
    let p = doc.skip_space_back(c.start);
    if doc.prev_in_set(c.start, "coordinator") {
        for w in super::lexicon::LEXICON.set("coordinator") {
            let n = w.chars().count();
            if n <= p && super::lexicon::starts_with(&doc.chars, p - n, w) {
                let q = doc.skip_space_back(p - n);
                if orgs.iter().any(|o| o.end == q) {
                    return true;
                }
            }
        }
    }
    // forwards: <c> 、 ORG
    if let Some(n) = doc.next_in_set(c.end, "coordinator") {
        let r = doc.skip_space(doc.skip_space(c.end) + n);
        if orgs.iter().any(|o| o.start == r) {
            return true;
        }
    }
    false
}

fn nominal(doc: &Doc, c: &Candidate) -> bool {
    let before_ok = match doc.prev_char(c.start) {
        None => true,
        Some(p) => is_clause_break(p) || matches!(p, '、' | '和' | '与' | '及'),
    };
    let after_ok = match doc.next_char(c.end) {
        None => true,
        Some(n) => is_clause_break(n) || NOMINAL_AFTER.contains(&n),
    };
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::gazetteer;
    use crate::segment::Segmenter;

    fn taken(text: &str) -> Vec<String> {
        let toks = Segmenter::new().segment(text);
        let doc = Doc::new(text, &toks);
        let all = gazetteer::find(&doc);
        let (pending, sure): (Vec<_>, Vec<_>) = all.into_iter().partition(|m| m.ambiguous);
        let sure: Vec<Candidate> = sure.into_iter().map(|m| m.cand).collect();
        confirm(&doc, &pending, &sure)
            .iter()
            .map(|c| doc.slice(c.start, c.end))
            .collect()
    }

    #[test]
    fn context_decides() {
        assert_eq!(taken("苹果发布了新手机，苹果股价上涨。"), ["苹果", "苹果"]);
        assert_eq!(taken("百度、腾讯、阿里等企业都在跟进。"), ["阿里"]);
        assert_eq!(
            taken("微软和谷歌之外，联想在去年卖出了很多电脑。"),
            ["联想"]
        );
        assert_eq!(taken("三星电子公布财报，三星表示需求疲软。"), ["三星"]);
        assert!(taken("他吃了一个苹果。").is_empty());
        assert!(taken("这让人联想到微软和谷歌的竞争。").is_empty());
        assert!(taken("联想在脑海里浮现。").is_empty());
    }
}
