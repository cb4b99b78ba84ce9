//! The embedded lexicons of `data/ner/`, parsed once per process.
//!
//! Every file starts with a comment line (`# ...`) saying what it holds and where it comes
//! from (general knowledge, never the analysed texts). Three formats:
//! * word lists (`surnames.txt`, `not_names.txt`): words separated by whitespace;
//! * gazetteers (`countries.txt`, `places.txt`, `companies.txt`, `institutions.txt`,
//!   `products.txt`): one entity per line, aliases separated by `|`; an alias starting with
//!   `?` is also a common word and is only taken with context;
//! * word sets (`wordsets.txt`): `name: word word ...` per line.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use super::EntityType;

const SURNAMES: &str = include_str!("../../data/ner/surnames.txt");
const NOT_NAMES: &str = include_str!("../../data/ner/not_names.txt");
const COUNTRIES: &str = include_str!("../../data/ner/countries.txt");
const PLACES: &str = include_str!("../../data/ner/places.txt");
const COMPANIES: &str = include_str!("../../data/ner/companies.txt");
const INSTITUTIONS: &str = include_str!("../../data/ner/institutions.txt");
const PRODUCTS: &str = include_str!("../../data/ner/products.txt");
const WORDSETS: &str = include_str!("../../data/ner/wordsets.txt");

/// One gazetteer name: which entity it names and whether it needs context.
#[derive(Debug, Clone)]
pub(crate) struct GazName {
    /// Type of the named entity.
    pub kind: EntityType,
    /// Grouping key of the entity (shared by all its aliases).
    pub key: String,
    /// Whether the name is also a common word (`苹果`), taken only with context.
    pub ambiguous: bool,
    /// Whether the entry is a country or world region (used by the suffix rules).
    pub country: bool,
}

/// All lexicons.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Single-char surnames.
    pub surnames1: HashSet<char>,
    /// Double surnames (`欧阳`).
    pub surnames2: HashSet<String>,
    /// Words that are never person names.
    pub not_names: HashSet<String>,
    /// Gazetteer names → entries.
    pub names: HashMap<String, GazName>,
    /// For each first char of a gazetteer name, the lengths of the names it starts (in chars,
    /// longest first): a scan tries only those.
    pub name_lens: HashMap<char, Vec<usize>>,
    /// Named word sets, longest words first.
    sets: HashMap<String, Vec<String>>,
    /// The same sets as hash sets, for membership.
    set_members: HashMap<String, HashSet<String>>,
    /// For each set, the words by first char (longest first), for prefix scans.
    set_by_first: HashMap<String, HashMap<char, Vec<String>>>,
}

impl Lexicon {
    /// The word set `name` (empty when absent; a unit test checks every set used exists).
    pub fn set(&self, name: &str) -> &[String] {
        self.sets.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether `word` is in the word set `name`.
    pub fn in_set(&self, name: &str, word: &str) -> bool {
        self.set_members.get(name).is_some_and(|m| m.contains(word))
    }

    /// The longest word of set `name` that `chars[at..]` starts with, as its char length.
    pub fn longest_prefix(&self, name: &str, chars: &[char], at: usize) -> Option<usize> {
        let first = chars.get(at)?;
        self.set_by_first
            .get(name)?
            .get(first)?
            .iter()
            .find(|w| starts_with(chars, at, w))
            .map(|w| w.chars().count())
    }

    /// The gazetteer entry for `name`.
    pub fn gaz(&self, name: &str) -> Option<&GazName> {
        self.names.get(name)
    }
}

/// Whether `chars[at..]` starts with `word`.
pub(crate) fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    !word.is_empty()
        && (at..)
            .zip(word.chars())
            .all(|(i, c)| chars.get(i) == Some(&c))
}

fn content_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    content_lines(text).flat_map(str::split_whitespace)
}

fn add_gazetteer(
    names: &mut HashMap<String, GazName>,
    text: &str,
    file: &str,
    kind: EntityType,
    country: bool,
) {
    for (line_no, line) in content_lines(text).enumerate() {
        let key = format!("{file}:{line_no}");
        for alias in line.split('|').map(str::trim).filter(|a| !a.is_empty()) {
            let (name, ambiguous) = match alias.strip_prefix('?') {
                Some(rest) => (rest, true),
                None => (alias, false),
            };
            names.entry(name.to_owned()).or_insert(GazName {
                kind,
                key: key.clone(),
                ambiguous,
                country,
            });
        }
    }
}

fn build() -> Lexicon {
    let mut surnames1 = HashSet::default();
    let mut surnames2 = HashSet::default();
    for w in words(SURNAMES) {
        let mut cs = w.chars();
        match (cs.next(), cs.next(), cs.next()) {
            (Some(c), None, _) => {
                surnames1.insert(c);
            }
            (Some(_), Some(_), None) => {
                surnames2.insert(w.to_owned());
            }
            _ => {}
        }
    }
    let not_names = words(NOT_NAMES).map(str::to_owned).collect();
    let mut names = HashMap::default();
    add_gazetteer(&mut names, COUNTRIES, "loc", EntityType::Loc, true);
    add_gazetteer(&mut names, PLACES, "place", EntityType::Loc, false);
    add_gazetteer(&mut names, COMPANIES, "org", EntityType::Org, false);
    add_gazetteer(&mut names, INSTITUTIONS, "inst", EntityType::Org, false);
    add_gazetteer(&mut names, PRODUCTS, "product", EntityType::Product, false);
    let mut name_lens: HashMap<char, Vec<usize>> = HashMap::default();
    for k in names.keys() {
        if let Some(c) = k.chars().next() {
            name_lens.entry(c).or_default().push(k.chars().count());
        }
    }
    for lens in name_lens.values_mut() {
        lens.sort_unstable_by(|a, b| b.cmp(a));
        lens.dedup();
    }
    let mut sets = HashMap::default();
    for line in content_lines(WORDSETS) {
        if let Some((name, list)) = line.split_once(':') {
            let mut list: Vec<String> = list.split_whitespace().map(str::to_owned).collect();
            // Longest first, so that scans try `个月` before `个`.
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            sets.insert(name.trim().to_owned(), list);
        }
    }
    let set_members = sets
        .iter()
        .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
        .collect();
    let set_by_first = sets
        .iter()
        .map(|(k, v)| {
            let mut by: HashMap<char, Vec<String>> = HashMap::default();
            // `v` is longest first, and so stays each char's list
            for w in v {
                if let Some(c) = w.chars().next() {
                    by.entry(c).or_default().push(w.clone());
                }
            }
            (k.clone(), by)
        })
        .collect();
    Lexicon {
        surnames1,
        surnames2,
        not_names,
        names,
        name_lens,
        sets,
        set_members,
        set_by_first,
    }
}

/// The lexicons, parsed on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_have_header_comment() {
        for text in [
            SURNAMES,
            NOT_NAMES,
            COUNTRIES,
            PLACES,
            COMPANIES,
            INSTITUTIONS,
            PRODUCTS,
            WORDSETS,
        ] {
            assert!(text.starts_with("# "), "{}", &text[..40]);
            assert!(text.lines().next().unwrap().contains("eneral knowledge"));
        }
    }

    #[test]
    fn lexicon_sizes() {
        let lex = &*LEXICON;
        assert!(lex.surnames1.len() > 400, "{}", lex.surnames1.len());
        assert!(lex.surnames2.len() > 50);
        assert!(lex.surnames1.contains(&'王') && lex.surnames2.contains("欧阳"));
        assert!(lex.names.len() > 700, "{}", lex.names.len());
        assert_eq!(lex.gaz("谷歌").unwrap().key, lex.gaz("Google").unwrap().key);
        assert!(lex.gaz("联想").unwrap().ambiguous);
        assert!(!lex.gaz("联想集团").unwrap().ambiguous);
        assert!(lex.gaz("法国").unwrap().country);
    }

    #[test]
    fn every_used_set_exists() {
        for name in [
            "currency",
            "measure",
            "unit",
            "time_of_day",
            "relative_date",
            "year_part",
            "month_part",
            "org_commercial",
            "org_industry",
            "org_institution",
            "org_national",
            "place_suffix",
            "admin_suffix",
            "direction",
            "org_type_noun",
            "product_noun",
            "launch_verb",
            "org_cue_after",
            "coordinator",
            "latin_stop",
            "title",
            "speech_verb",
            "named_after",
        ] {
            assert!(!LEXICON.set(name).is_empty(), "missing set {name}");
        }
    }

    #[test]
    fn longest_prefix_prefers_long_words() {
        let chars: Vec<char> = "个月后".chars().collect();
        assert_eq!(LEXICON.longest_prefix("unit", &chars, 0), Some(2));
    }
}
