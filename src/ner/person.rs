//! PER from tokens: jieba's name tags are only a hint; each rule adds evidence.
//!
//! * Names with a middle dot (`杰夫·辛顿`): Han parts joined by dots.
//! * Transliterated foreign names (`马斯克`, `纳德拉`): all chars are transliteration
//!   characters, jieba tags a name or does not know the word, and the word is not a common
//!   dictionary word with another part of speech. Two-char ones need jieba's `nrt` tag.
//! * Chinese names (`杨元庆`, `欧阳修`): tagged `nr`, a known surname plus a one- or two-char
//!   given name without function characters; a verb jieba glued on (`李笛算`) is cut off;
//!   two-char ones must not be followed by a number (`高达 1 千万`), and when they are
//!   dictionary words (jieba tags `荣获`, `卫星`, `杜甫` all `nr`) they need a cue: a title
//!   before, a verb of saying after, or a coordinated person.
//!
//! Titles, roles and other words of `not_names.txt` are never names, nor is any gazetteer name.

use super::EntityType;
use super::candidate::{Candidate, Evidence};
use super::doc::{Doc, dict};
use super::lexicon::LEXICON;
use crate::segment::Token;
use crate::segment::merge::{is_han, is_name_dot};
use crate::segment::translit::all_translit;

/// Chars that do not occur in given names (function words, pronouns).
const FUNCTION_CHARS: &str =
    "的了是在和与也都就不这那我你他她它们个着过地得吗呢吧啊之其或而及所被把给让";
/// Verbs and particles jieba sometimes glues to the end of a three-char name.
const TRAILING: &str =
    "说是在将和与也都就才算又还被把对给让向到曾已称等为即便却则并仍亦问答笑道看想去来";
/// Surnames that are also common prepositions: with them, a given name that is a common
/// word (`向太空`) is a phrase, not a name.
const PREPOSITION_SURNAMES: &str = "向于和从以与对为把被给自同跟比由朝";

/// Last chars that make a name-shaped word a place (not `山`, `江`, `海`: common in given names).
const PLACE_END: &str = "省市县区州镇乡村街路巷岛港湾峡";

/// Nouns that, before a quoted name, make it the name of a thing (`台风“杜苏芮”`).
const THING_BEFORE_QUOTE: &[&str] = &[
    "台风", "飓风", "风暴", "代号", "项目", "计划", "行动", "品牌", "系统",
];

/// PER candidates from the tokens.
pub(crate) fn find(doc: &Doc) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut weak: Vec<Candidate> = Vec::new();
    for t in doc.tokens {
        if t.span.end > doc.len() || LEXICON.gaz(&t.text).is_some() {
            continue;
        }
        if LEXICON.not_names.contains(t.text.as_str()) || names_a_thing(doc, t.span.start) {
            continue;
        }
        if let Some(c) = dotted(t) {
            out.push(c);
        } else if let Some(c) = foreign(t) {
            // jieba sometimes cuts a long foreign name in two name-like halves (`斯卡` `洛尼`)
            match out.last_mut() {
                Some(prev)
                    if prev.end == c.start
                        && prev.evidence == Evidence::Shape
                        && is_foreign_piece(doc, prev) =>
                {
                    *prev = per(
                        prev.start,
                        c.end,
                        &doc.slice(prev.start, c.end),
                        Evidence::Shape,
                    );
                }
                _ => out.push(c),
            }
        } else if let Some((c, known_word)) = chinese(doc, t) {
            if known_word {
                weak.push(c);
            } else {
                out.push(c);
            }
        } else if t.pos == "ns"
            && (3..=8).contains(&t.text.chars().count())
            && all_translit(&t.text)
        {
            weak.push(per(t.span.start, t.span.end, &t.text, Evidence::Shape));
        }
    }
    // a foreign name jieba tags as a place (`奥巴马`), or a two-char dictionary word tagged as
    // a name (`荣获`, `卫星` and `杜甫` alike), needs a cue: a title before it, a verb of saying
    // after it, or a coordinated person
    for w in weak {
        let cue = doc.prev_in_set(w.start, "title")
            || doc.next_in_set(w.end, "speech_verb").is_some()
            || coordinated_with_person(doc, &w, &out);
        if cue {
            out.push(w);
        }
    }
    // `詹姆斯·韦布空间望远镜`, `诺贝尔奖`: things named after a person
    out.retain(|c| !named_after(doc, c.end));
    out.sort_by_key(|c| c.start);
    out
}

/// Whether a thing's noun starts at `i` (`望远镜`, `奖` but not `奖励`).
fn named_after(doc: &Doc, i: usize) -> bool {
    match LEXICON.longest_prefix("named_after", &doc.chars, i) {
        None => false,
        Some(1) => i + 2 > doc.len() || dict(&doc.slice(i, i + 2)).0 == 0,
        Some(_) => true,
    }
}

fn coordinated_with_person(doc: &Doc, w: &Candidate, people: &[Candidate]) -> bool {
    let coord = |c: Option<char>| matches!(c, Some('、' | '和' | '与' | '及'));
    let p = doc.skip_space_back(w.start);
    if p > 0 && coord(doc.at(p - 1)) {
        let q = doc.skip_space_back(p - 1);
        if people.iter().any(|c| c.end == q) {
            return true;
        }
    }
    let k = doc.skip_space(w.end);
    coord(doc.at(k)) && people.iter().any(|c| c.start == doc.skip_space(k + 1))
}

fn is_foreign_piece(doc: &Doc, c: &Candidate) -> bool {
    all_translit(&doc.slice(c.start, c.end)) && !doc.slice(c.start, c.end).contains('·')
}

fn names_a_thing(doc: &Doc, start: usize) -> bool {
    start > 0
        && matches!(doc.chars[start - 1], '“' | '"' | '「' | '‘')
        && THING_BEFORE_QUOTE.iter().any(|w| {
            let n = w.chars().count();
            start > n && super::lexicon::starts_with(&doc.chars, start - 1 - n, w)
        })
}

/// The canonical text of a dotted name (all dots written `·`).
pub(crate) fn normalize_dots(s: &str) -> String {
    s.chars()
        .map(|c| if is_name_dot(c) { '·' } else { c })
        .collect()
}

fn per(start: usize, end: usize, text: &str, ev: Evidence) -> Candidate {
    Candidate::new(start, end, EntityType::Per, &normalize_dots(text), ev)
}

fn dotted(t: &Token) -> Option<Candidate> {
    if !t.text.chars().any(is_name_dot) {
        return None;
    }
    let parts: Vec<&str> = t.text.split(is_name_dot).collect();
    let ok = parts.len() >= 2
        && t.text.chars().count() <= 20
        && parts.iter().all(|p| {
            let n = p.chars().count();
            (1..=8).contains(&n) && p.chars().all(is_han)
        });
    ok.then(|| per(t.span.start, t.span.end, &t.text, Evidence::Rule))
}

/// Whether `text` is a transliterated foreign name judged by its chars, tag and dictionary.
pub(crate) fn is_foreign_name(text: &str, pos: &str) -> bool {
    let n = text.chars().count();
    if !(2..=8).contains(&n) || !all_translit(text) {
        return false;
    }
    let (freq, dpos) = dict(text);
    let name_tag = |p: &str| matches!(p, "nr" | "nrt" | "nrfg" | "nz");
    if n == 2 {
        return pos == "nrt" || (pos == "nr" && dpos.is_none());
    }
    if !(name_tag(pos) || pos == "x" || dpos.is_none()) {
        return false;
    }
    // a common word with another part of speech is not a name
    !dpos.is_some_and(|p| !name_tag(p) && freq >= 50)
}

fn foreign(t: &Token) -> Option<Candidate> {
    is_foreign_name(&t.text, &t.pos)
        .then(|| per(t.span.start, t.span.end, &t.text, Evidence::Shape))
}

/// Split a Chinese name into surname length (1 or 2), if it starts with a known surname.
fn surname_len(chars: &[char]) -> Option<usize> {
    if chars.len() >= 3 {
        let two: String = chars[..2].iter().collect();
        if LEXICON.surnames2.contains(&two) {
            return Some(2);
        }
    }
    LEXICON.surnames1.contains(&chars[0]).then_some(1)
}

/// Whether `chars` has the shape of a Chinese name; returns its length (a glued verb cut off).
pub(crate) fn chinese_name_len(chars: &[char]) -> Option<usize> {
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|&c| is_han(c)) {
        return None;
    }
    let s = surname_len(chars)?;
    let mut n = chars.len();
    if n == 3 && s == 1 && TRAILING.contains(chars[2]) {
        n = 2;
    }
    let given = &chars[s..n];
    if !(1..=2).contains(&given.len()) || given.iter().any(|&c| FUNCTION_CHARS.contains(c)) {
        return None;
    }
    let name: String = chars[..n].iter().collect();
    if LEXICON.not_names.contains(&name) {
        return None;
    }
    if n == 2 && dict(&name).0 >= 3000 {
        return None;
    }
    // `武侯区`, `晋江市`, `唐宁街`: places
    if PLACE_END.contains(chars[n - 1]) {
        return None;
    }
    // `杜鹃花`, `通知书`, `宣传周`: a common word and a char, which jieba's dictionary tags `nr`
    if n == 3 && s == 1 {
        let head: String = chars[..2].iter().collect();
        let (freq, pos) = dict(&head);
        if freq >= 1000 && !matches!(pos, Some("nr" | "nrt" | "nrfg" | "nz" | "ns")) {
            return None;
        }
    }
    if s == 1 && PREPOSITION_SURNAMES.contains(chars[0]) {
        let g: String = given.iter().collect();
        let (freq, pos) = dict(&g);
        if given.len() == 2 && freq >= 100 && !matches!(pos, Some("nr" | "nrfg")) {
            return None;
        }
    }
    Some(n)
}

/// A Chinese name, and whether it is a two-char dictionary word (which needs a cue).
fn chinese(doc: &Doc, t: &Token) -> Option<(Candidate, bool)> {
    if !matches!(t.pos.as_str(), "nr" | "nrfg") {
        return None;
    }
    let chars: Vec<char> = t.text.chars().collect();
    let n = chinese_name_len(&chars)?;
    let end = t.span.start + n;
    if n == 2 && doc.next_char(end).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let text: String = chars[..n].iter().collect();
    let known_word = n == 2 && dict(&text).0 > 0;
    Some((per(t.span.start, end, &text, Evidence::Shape), known_word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(s: &str) -> Option<usize> {
        chinese_name_len(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn chinese_shapes() {
        assert_eq!(shape("杨元庆"), Some(3));
        assert_eq!(shape("欧阳修"), Some(3));
        assert_eq!(shape("李笛算"), Some(2));
        assert_eq!(shape("明星"), None);
        assert_eq!(shape("亚军"), None);
        assert_eq!(shape("博客"), None);
        assert_eq!(shape("向太空"), None);
        assert_eq!(shape("教授"), None);
        assert_eq!(shape("他们的"), None);
    }

    #[test]
    fn foreign_shapes() {
        assert!(is_foreign_name("马斯克", "nr"));
        assert!(is_foreign_name("纳德拉", "nrt"));
        assert!(is_foreign_name("盖茨", "nrt"));
        assert!(!is_foreign_name("丰富", "a"));
        assert!(!is_foreign_name("安娜", "nr"));
        assert!(!is_foreign_name("马上", "d"));
    }

    #[test]
    fn dots_normalized() {
        assert_eq!(normalize_dots("比尔•盖茨"), "比尔·盖茨");
    }
}
