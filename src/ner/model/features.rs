//! Features of each char, as 64-bit ids, and the switches that choose them.
//!
//! Every feature is a binary attribute of one char, identified by the hash
//! ([`super::hash::FeatureHash`]) of its template and its content; nothing is allocated per
//! feature. Groups:
//! * **chars** (always): the units at offsets −2…+2, the four neighbouring bigrams (and the
//!   bigram around the char (−1, +1) where [`FeatureSet::skip_pair`] says so), and the
//!   classes of −1, 0, +1 (Han, digit, Latin, punctuation, space, other). A unit is the
//!   normalised char, except that a digit is `0` and each letter of a Latin word is the
//!   whole word, lowercased (`openai`): a Latin word is one unit.
//! * **jieba**: the char's position in its jieba word with the word's length (`B3`), the
//!   word's tag, tag × position, the word itself (2–8 chars), and the tags of the words
//!   before and after.
//! * **lexicon**: general knowledge of `data/ner/`: single and double surnames at the char
//!   and before it, transliteration characters around the char (and runs of three or more),
//!   place and organisation suffix words ending at a jieba word end (the char inside one, and
//!   the distance to the next one on the right), titles and roles right after or before the
//!   char, speech verbs right after it, and matches of the gazetteers of countries, places,
//!   companies and institutions.
//! * **jieba names**: matches of the words of jieba's dictionary tagged as names.
//! * **dictionary**: matches of the names seen in training (see [`super::dict`]); the
//!   features of a training sentence come from the names of the other folds only.
//! * **clusters**: the clusters ([`super::clusters`]) of the chars at −2…+2 at three
//!   granularities, of the char's jieba word (three granularities, by the char's place in
//!   it) and of the words before and after it. The clusters come from the char and word
//!   embeddings of a network trained on far more text than the corpora here, so chars and
//!   words never seen in training still share weights with similar ones. A tagging model
//!   sums the unit and cluster weights of single chars ahead ([`super::compiled`]).
//!
//! The features are those the earlier string-named features (`u-2=北`, `wd=北京`, …) were,
//! one id per distinct string; a char may have the same feature twice (then it counts
//! twice).

use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::clusters::{CLUSTERS, LEVELS, NONE};
use super::compiled::CharRows;
use super::dict::{EntityDict, LAYERS, Layer, Marks, type_bit};
use super::hash::FeatureHash;
use super::sentence::{CharClass, Sentence};
use crate::charset::CharSet;
use crate::ner::EntityType;
use crate::ner::lexicon::LEXICON;
use crate::resources::DICTIONARY;
use crate::segment::translit::TRANSLIT_CHARS;

/// Which feature groups a model uses (stored in the model file). The char features are
/// always on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureSet {
    /// jieba's words and tags. On by default.
    pub jieba: bool,
    /// Surnames, transliteration chars, suffixes, cues and gazetteers. On by default.
    pub lexicon: bool,
    /// Names seen in training, across folds. On by default.
    pub dictionary: bool,
    /// Matches of the names of jieba's dictionary (words tagged `nr`, `nrt`, `nrfg`, `ns`,
    /// `nt`). On by default.
    pub jieba_names: bool,
    /// Clusters of the chars around the char and of the jieba words at and around it, from
    /// pretrained embeddings (`data/ner/clusters.txt`). On by default; off in model files
    /// written before the group existed.
    #[serde(default)]
    pub clusters: bool,
    /// The pair of chars around the char (−1, +1), a char feature. Off by default: with the
    /// clusters it adds nothing (`NER_EXPERIMENTS.md`, C runs) and costs a lookup per char;
    /// on in model files written before it could be left out.
    #[serde(default = "on")]
    pub skip_pair: bool,
}

fn on() -> bool {
    true
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet {
            jieba: true,
            lexicon: true,
            dictionary: true,
            jieba_names: true,
            clusters: true,
            skip_pair: false,
        }
    }
}

/// The templates: the first input of every feature id.
mod t {
    /// Units at −2…+2: `UNIT + 2 + offset`.
    pub const UNIT: u8 = 0;
    /// Bigrams (−2,−1) … (+1,+2): `BIGRAM + 2 + offset of the first`.
    pub const BIGRAM: u8 = 5;
    pub const SKIP: u8 = 9;
    pub const CLASS: u8 = 10;
    pub const WORD_POS: u8 = 11;
    pub const TAG: u8 = 12;
    pub const TAG_POS: u8 = 13;
    pub const WORD: u8 = 14;
    pub const PREV_TAG: u8 = 15;
    pub const NEXT_TAG: u8 = 16;
    pub const SURNAME: u8 = 17;
    pub const SURNAME_1: u8 = 18;
    pub const SURNAME_2: u8 = 19;
    pub const DOUBLE_SURNAME: u8 = 20;
    pub const TRANSLIT: u8 = 21;
    pub const ROLE_AFTER: u8 = 22;
    pub const ROLE_BEFORE: u8 = 23;
    pub const SPEECH_AFTER: u8 = 24;
    pub const TRANSLIT_RUN: u8 = 25;
    /// Place suffix word (`PLACE_SUFFIX`) and distance to one (`+ 1`); organisation suffix
    /// word (`ORG_SUFFIX`) and distance (`+ 1`).
    pub const PLACE_SUFFIX: u8 = 26;
    pub const ORG_SUFFIX: u8 = 28;
    pub const GAZETTEER: u8 = 30;
    pub const JIEBA_NAME: u8 = 31;
    pub const DICT: u8 = 32;
    /// Char clusters at −2…+2: `CLUSTER + 5 × level + 2 + offset`.
    pub const CLUSTER: u8 = 33;
    /// The cluster of the char's jieba word × the char's place in it: `WORD_CLUSTER + level`.
    pub const WORD_CLUSTER: u8 = 48;
    /// The clusters (level 1) of the words before and after.
    pub const PREV_WORD_CLUSTER: u8 = 51;
    pub const NEXT_WORD_CLUSTER: u8 = 52;
}

/// Before the first char and after the last (as units).
const BOS: u64 = 1 << 40;
const EOS: u64 = BOS | 1;

/// Word sets of `data/ner/`: suffixes of places and organisations (`wordsets.txt`), titles
/// and roles (`title` and `not_names.txt`), speech verbs.
struct Suffixes {
    place: WordSet,
    org: WordSet,
    role: WordSet,
    speech: WordSet,
}

/// A set of words (as chars), with their proper prefixes and suffixes so that scans stop as
/// soon as no word can match, and bitmaps of the chars words begin and end with so that
/// most scans never hash (most chars begin and end no word of these small sets).
struct WordSet {
    words: FxHashSet<Box<[char]>>,
    prefixes: FxHashSet<Box<[char]>>,
    suffixes: FxHashSet<Box<[char]>>,
    first: CharSet,
    last: CharSet,
}

impl WordSet {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Self {
        let words: FxHashSet<Box<[char]>> = words.map(|w| w.chars().collect()).collect();
        let mut prefixes = FxHashSet::default();
        let mut suffixes = FxHashSet::default();
        for w in &words {
            for k in 1..w.len() {
                prefixes.insert(w[..k].into());
                suffixes.insert(w[k..].into());
            }
        }
        WordSet {
            first: CharSet::new(words.iter().filter_map(|w| w.first().copied())),
            last: CharSet::new(words.iter().filter_map(|w| w.last().copied())),
            words,
            prefixes,
            suffixes,
        }
    }

    /// The length of the longest word of the set that ends at `end` (exclusive) in `norm`.
    fn longest_ending_at(&self, norm: &[char], end: usize) -> Option<usize> {
        if end == 0 || !self.last.contains(norm[end - 1]) {
            return None;
        }
        let mut best = None;
        for len in 1..=end {
            let tail = &norm[end - len..end];
            if self.words.contains(tail) {
                best = Some(len);
            }
            if !self.suffixes.contains(tail) {
                break;
            }
        }
        best
    }

    /// Whether a word of the set of `min_len` chars or more starts at `start` in `norm`.
    fn starts_at(&self, norm: &[char], start: usize, min_len: usize) -> bool {
        if start >= norm.len() || !self.first.contains(norm[start]) {
            return false;
        }
        for end in start + 1..=norm.len() {
            let head = &norm[start..end];
            if end - start >= min_len && self.words.contains(head) {
                return true;
            }
            if !self.prefixes.contains(head) {
                return false;
            }
        }
        false
    }
}

static SUFFIXES: LazyLock<Suffixes> = LazyLock::new(|| {
    let lex = &*LEXICON;
    Suffixes {
        place: WordSet::new(lex.set("place_suffix").iter()),
        org: WordSet::new(
            lex.set("org_commercial")
                .iter()
                .chain(lex.set("org_institution")),
        ),
        role: WordSet::new(lex.set("title").iter().chain(lex.not_names.iter())),
        speech: WordSet::new(lex.set("speech_verb").iter()),
    }
});

/// The transliteration chars ([`crate::segment::translit::TRANSLIT_CHARS`]), as a set.
static TRANSLIT: LazyLock<FxHashSet<char>> = LazyLock::new(|| TRANSLIT_CHARS.chars().collect());

/// The gazetteers of `data/ner/` (countries, places, companies, institutions) and the
/// names of jieba's dictionary: words tagged `nr`, `nrt`, `nrfg` (PER), `ns` (LOC) and `nt`
/// (ORG). jieba tags many common words `nr`; the model learns how far to trust them.
static NAMES: LazyLock<EntityDict> = LazyLock::new(|| {
    let mut dict = EntityDict::default();
    dict.add_entries(
        Layer::Gazetteer,
        LEXICON
            .names
            .iter()
            .filter(|(_, g)| matches!(g.kind, EntityType::Per | EntityType::Loc | EntityType::Org))
            .map(|(name, g)| (name.clone(), type_bit(g.kind))),
    );
    dict.add_entries(
        Layer::JiebaNames,
        DICTIONARY.words.iter().filter_map(|(w, e)| {
            let kind = match e.pos {
                "nr" | "nrt" | "nrfg" => EntityType::Per,
                "ns" => EntityType::Loc,
                "nt" => EntityType::Org,
                _ => return None,
            };
            Some(((*w).to_owned(), type_bit(kind)))
        }),
    );
    dict
});

/// The dictionary whose marks [`extract`] reads: the gazetteers, jieba's names and the
/// training names of `training`.
pub(crate) fn names_with(training: &EntityDict) -> EntityDict {
    let mut dict = NAMES.clone();
    dict.add_training(training);
    dict
}

/// Load the lexicons now (they are otherwise loaded on first use).
pub(crate) fn warm_up() {
    LazyLock::force(&SUFFIXES);
    LazyLock::force(&TRANSLIT);
    LazyLock::force(&NAMES);
    LazyLock::force(&CLUSTERS);
}

/// Give every feature of every char of `sent` to `emit`, as (char index, feature id).
/// `marks` are the marks of a dictionary from [`names_with`], one per char.
pub(crate) fn extract(
    sent: &Sentence,
    set: FeatureSet,
    marks: &[[Marks; LAYERS]],
    emit: &mut impl FnMut(usize, u64),
) {
    extract_but(sent, set, marks, None, emit);
}

/// [`extract`], but without the unit and cluster features of the chars `compiled` has
/// (which it adds itself).
pub(crate) fn extract_but(
    sent: &Sentence,
    set: FeatureSet,
    marks: &[[Marks; LAYERS]],
    compiled: Option<&CharRows>,
    emit: &mut impl FnMut(usize, u64),
) {
    let norm = sent.norm();
    // Whether the char at each place is compiled.
    let skip = |j: usize| compiled.is_some_and(|rows| rows.has(norm[j]));
    char_features(norm, set.skip_pair, &skip, emit);
    if set.jieba {
        jieba_features(sent, emit);
    }
    if set.lexicon {
        lexicon_features(sent, emit);
        mark_features(t::GAZETTEER, marks, Layer::Gazetteer, emit);
    }
    if set.jieba_names {
        mark_features(t::JIEBA_NAME, marks, Layer::JiebaNames, emit);
    }
    if set.dictionary {
        mark_features(t::DICT, marks, Layer::Training, emit);
    }
    if set.clusters {
        cluster_features(sent, &skip, emit);
    }
}

/// The features that char `c` (not an ASCII letter or digit) gives the char `d` − 2 places
/// before it: its unit at offset `d` − 2, and its clusters there when `set` has them.
pub(crate) fn char_offset_features(c: char, d: usize, set: FeatureSet, emit: &mut impl FnMut(u64)) {
    emit(unit_id(d, u64::from(c)));
    if set.clusters {
        let cl = CLUSTERS.char(c);
        for (l, &k) in cl.iter().enumerate() {
            emit(cluster_id(l, d, k));
        }
    }
}

/// The id of the unit feature at offset `d` − 2, unit `unit`.
#[inline]
fn unit_id(d: usize, unit: u64) -> u64 {
    FeatureHash::new(t::UNIT + d as u8).add(unit).finish()
}

/// The id of the cluster feature of level `l` at offset `d` − 2, cluster `k`.
#[inline]
fn cluster_id(l: usize, d: usize, k: u16) -> u64 {
    FeatureHash::new(t::CLUSTER + 5 * l as u8 + d as u8)
        .add(u64::from(k))
        .finish()
}

/// The cluster features, but the char clusters of a char at a place where `skip` holds.
fn cluster_features(
    sent: &Sentence,
    skip: &impl Fn(usize) -> bool,
    emit: &mut impl FnMut(usize, u64),
) {
    let table = &*CLUSTERS;
    let norm = sent.norm();
    let n = norm.len();
    const EDGE: u16 = NONE - 1;
    // The clusters of compiled chars are never read here.
    let mut cl = Vec::with_capacity(n + 4);
    cl.extend([[EDGE; LEVELS]; 2]);
    cl.extend((0..n).map(|j| {
        if skip(j) {
            [NONE; LEVELS]
        } else {
            table.char(norm[j])
        }
    }));
    cl.extend([[EDGE; LEVELS]; 2]);
    for i in 0..n {
        let w = &cl[i..i + 5];
        for (d, c) in w.iter().enumerate() {
            if (i + d).checked_sub(2).is_some_and(|j| j < n && skip(j)) {
                continue;
            }
            for (l, &k) in c.iter().enumerate() {
                emit(i, cluster_id(l, d, k));
            }
        }
    }
    let words = sent.words();
    let wcl: Vec<[u16; LEVELS]> = words
        .iter()
        .map(|w| {
            if w.end - w.start >= 2 {
                table.word(&norm[w.start..w.end])
            } else {
                // Char clusters, apart from word clusters.
                table.char(norm[w.start]).map(|c| c | 0x8000)
            }
        })
        .collect();
    for (wi, w) in words.iter().enumerate() {
        let len = w.end - w.start;
        let prev = wi.checked_sub(1).map_or(EDGE, |p| wcl[p][1]);
        let next = wcl.get(wi + 1).map_or(EDGE, |c| c[1]);
        let prev = FeatureHash::new(t::PREV_WORD_CLUSTER)
            .add(u64::from(prev))
            .finish();
        let next = FeatureHash::new(t::NEXT_WORD_CLUSTER)
            .add(u64::from(next))
            .finish();
        for i in w.start..w.end {
            let pos = place_in_word(i, w.start, w.end);
            if len >= 2 {
                for (l, &k) in wcl[wi].iter().enumerate() {
                    let h = FeatureHash::new(t::WORD_CLUSTER + l as u8)
                        .char(pos)
                        .add(u64::from(k));
                    emit(i, h.finish());
                }
            }
            emit(i, prev);
            emit(i, next);
        }
    }
}

/// The char features, but the units of the chars at places where `skip` holds.
fn char_features(
    norm: &[char],
    skip_pair: bool,
    skip: &impl Fn(usize) -> bool,
    emit: &mut impl FnMut(usize, u64),
) {
    let n = norm.len();
    // Units and class letters with two places of padding on each side.
    let mut units = Vec::with_capacity(n + 4);
    units.extend([BOS, BOS]);
    push_units(norm, &mut units);
    units.extend([EOS, EOS]);
    let mut classes = Vec::with_capacity(n + 2);
    classes.push(u64::from(b'_'));
    classes.extend(norm.iter().map(|&c| CharClass::of(c).letter() as u64));
    classes.push(u64::from(b'_'));
    for i in 0..n {
        let u = &units[i..i + 5];
        for (d, &unit) in u.iter().enumerate() {
            // The unit's char: i + d − 2.
            if (i + d).checked_sub(2).is_some_and(|j| j < n && skip(j)) {
                continue;
            }
            emit(i, unit_id(d, unit));
        }
        for d in 0..4 {
            let h = FeatureHash::new(t::BIGRAM + d as u8)
                .add(u[d])
                .add(u[d + 1]);
            emit(i, h.finish());
        }
        if skip_pair {
            emit(i, FeatureHash::new(t::SKIP).add(u[1]).add(u[3]).finish());
        }
        let k = &classes[i..i + 3];
        emit(
            i,
            FeatureHash::new(t::CLASS)
                .add(k[0] << 16 | k[1] << 8 | k[2])
                .finish(),
        );
    }
}

/// The unit of each char (see the module doc): a char's code, or for a Latin word the hash
/// of its first 16 chars, lowercased (bit 63 set).
fn push_units(norm: &[char], out: &mut Vec<u64>) {
    let mut i = 0;
    while i < norm.len() {
        let c = norm[i];
        if c.is_ascii_alphanumeric() {
            let mut j = i;
            while j < norm.len() && norm[j].is_ascii_alphanumeric() {
                j += 1;
            }
            let run = &norm[i..j];
            let unit = if run.iter().any(char::is_ascii_alphabetic) {
                let h = run.iter().take(16).fold(FeatureHash::new(u8::MAX), |h, c| {
                    h.char(c.to_ascii_lowercase())
                });
                h.finish() | 1 << 63
            } else {
                u64::from('0')
            };
            out.extend(std::iter::repeat_n(unit, j - i));
            i = j;
        } else {
            out.push(u64::from(c));
            i += 1;
        }
    }
}

fn jieba_features(sent: &Sentence, emit: &mut impl FnMut(usize, u64)) {
    let words = sent.words();
    let norm = sent.norm();
    let tag = |t: u8, w: Option<&super::sentence::Word>, edge: &str| {
        FeatureHash::new(t)
            .str(w.map_or(edge, |w| w.pos.as_str()))
            .finish()
    };
    for (wi, w) in words.iter().enumerate() {
        let len = w.end - w.start;
        let pos_tag = FeatureHash::new(t::TAG).str(&w.pos).finish();
        let tag_pos = FeatureHash::new(t::TAG_POS).str(&w.pos);
        let word = (2..=8).contains(&len).then(|| {
            FeatureHash::new(t::WORD)
                .chars(&norm[w.start..w.end])
                .finish()
        });
        let prev = tag(t::PREV_TAG, wi.checked_sub(1).map(|p| &words[p]), "<s>");
        let next = tag(t::NEXT_TAG, words.get(wi + 1), "</s>");
        for i in w.start..w.end {
            let pos = place_in_word(i, w.start, w.end);
            let word_pos = FeatureHash::new(t::WORD_POS)
                .char(pos)
                .add(len.min(6) as u64);
            emit(i, word_pos.finish());
            emit(i, pos_tag);
            emit(i, tag_pos.char(pos).finish());
            if let Some(h) = word {
                emit(i, h);
            }
            emit(i, prev);
            emit(i, next);
        }
    }
}

/// Char `i`'s place in the word `start..end`: `S` (a word of one char), `B`, `M` or `E`.
fn place_in_word(i: usize, start: usize, end: usize) -> char {
    if end - start == 1 {
        'S'
    } else if i == start {
        'B'
    } else if i + 1 == end {
        'E'
    } else {
        'M'
    }
}

/// The bucket of a distance to the next suffix.
fn distance_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 7,
        _ => 10,
    }
}

fn lexicon_features(sent: &Sentence, emit: &mut impl FnMut(usize, u64)) {
    let lex = &*LEXICON;
    let norm = sent.norm();
    let n = norm.len();
    let flag = |t: u8| FeatureHash::new(t).finish();
    let (sur, sur_1, sur_2, sur2) = (
        flag(t::SURNAME),
        flag(t::SURNAME_1),
        flag(t::SURNAME_2),
        flag(t::DOUBLE_SURNAME),
    );
    let surname: Vec<bool> = norm.iter().map(|c| lex.surnames1.contains(c)).collect();
    let translit: Vec<bool> = norm.iter().map(|c| TRANSLIT.contains(c)).collect();
    let tr = |i: usize| -> u64 { u64::from(i < n && translit[i]) };
    let mut buf = [0u8; 8];
    for i in 0..n {
        if surname[i] {
            emit(i, sur);
        }
        if i >= 1 && surname[i - 1] {
            emit(i, sur_1);
        }
        if i >= 2 && surname[i - 2] {
            emit(i, sur_2);
        }
        if i + 1 < n
            && lex
                .surnames2
                .contains(two_chars(norm[i], norm[i + 1], &mut buf))
        {
            emit(i, sur2);
        }
        let left = if i == 0 { 0 } else { tr(i - 1) };
        let h = FeatureHash::new(t::TRANSLIT).add(left << 2 | tr(i) << 1 | tr(i + 1));
        emit(i, h.finish());
    }
    // Titles and roles right after the char (`陈` in `陈小姐`) or right before it (`郑` in
    // `局长郑全军`), speech verbs right after it.
    let sfx = &*SUFFIXES;
    let (role_after, role_before, say) = (
        flag(t::ROLE_AFTER),
        flag(t::ROLE_BEFORE),
        flag(t::SPEECH_AFTER),
    );
    for i in 0..n {
        if sfx.role.starts_at(norm, i + 1, 2) {
            emit(i, role_after);
        }
        if sfx.role.longest_ending_at(norm, i).is_some_and(|l| l >= 2) {
            emit(i, role_before);
        }
        if sfx.speech.starts_at(norm, i + 1, 1) {
            emit(i, say);
        }
    }
    // Runs of transliteration chars of length 3 or more.
    let run = flag(t::TRANSLIT_RUN);
    let mut i = 0;
    while i < n {
        if !translit[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && translit[j] {
            j += 1;
        }
        if j - i >= 3 {
            (i..j).for_each(|k| emit(k, run));
        }
        i = j;
    }
    // Suffix words that end where a jieba word ends.
    for (template, set) in [(t::PLACE_SUFFIX, &sfx.place), (t::ORG_SUFFIX, &sfx.org)] {
        let mut starts: Vec<usize> = Vec::new();
        for w in sent.words() {
            if let Some(len) = set.longest_ending_at(norm, w.end) {
                let s = w.end - len;
                starts.push(s);
                let h = FeatureHash::new(template);
                let (b, i) = (h.char('B'), h.char('I'));
                let len = len.min(3) as u64;
                emit(s, b.add(len).finish());
                let inside = i.add(len).finish();
                (s + 1..w.end).for_each(|k| emit(k, inside));
            }
        }
        // Distance from each char to the nearest suffix start at or after it.
        let mut nearest = vec![usize::MAX; n + 1];
        for &s in &starts {
            nearest[s] = nearest[s].min(s);
        }
        for k in (0..n).rev() {
            nearest[k] = nearest[k].min(nearest[k + 1]);
            let s = nearest[k];
            if s != usize::MAX && s - k <= 12 {
                let h = FeatureHash::new(template + 1).add(distance_bucket(s - k));
                emit(k, h.finish());
            }
        }
    }
}

/// `a` and `b` as a string in `buf`.
fn two_chars(a: char, b: char, buf: &mut [u8; 8]) -> &str {
    let la = a.encode_utf8(&mut buf[..4]).len();
    let lb = b.encode_utf8(&mut buf[la..]).len();
    // Both chars were encoded as UTF-8 just now.
    std::str::from_utf8(&buf[..la + lb]).unwrap_or_default()
}

/// One feature per mark of `layer` of each char (bit `b` of the marks: the feature
/// `(template, b)`).
fn mark_features(
    template: u8,
    marks: &[[Marks; LAYERS]],
    layer: Layer,
    emit: &mut impl FnMut(usize, u64),
) {
    let ids: [u64; 9] = std::array::from_fn(|b| FeatureHash::new(template).add(b as u64).finish());
    for (i, m) in marks.iter().enumerate() {
        let mut m = m[layer as usize] & 0x1ff;
        while m != 0 {
            emit(i, ids[m.trailing_zeros() as usize]);
            m &= m - 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_scans_find_what_a_plain_search_finds() {
        let words: Vec<String> = ["局长", "副局长", "小姐", "说", "𠀀者"]
            .map(String::from)
            .to_vec();
        let set = WordSet::new(words.iter());
        let text: Vec<char> = "陈小姐说副局长郑全军和𠀀者局".chars().collect();
        let is_word = |w: &[char]| words.iter().any(|x| x.chars().eq(w.iter().copied()));
        for i in 0..=text.len() {
            let longest = (1..=i).rev().find(|&l| is_word(&text[i - l..i]));
            assert_eq!(set.longest_ending_at(&text, i), longest, "ending at {i}");
            for min in 1..3 {
                let any = (i + min..=text.len()).any(|e| is_word(&text[i..e]));
                assert_eq!(set.starts_at(&text, i, min), any, "starting at {i}, {min}");
            }
        }
    }
    use crate::segment::Segmenter;

    fn feats(text: &str) -> Vec<Vec<u64>> {
        let chars: Vec<char> = text.chars().collect();
        let s = Sentence::new(&chars, &Segmenter::new());
        let mut out = vec![Vec::new(); chars.len()];
        let marks = NAMES.marks(s.norm(), None);
        extract(&s, FeatureSet::default(), &marks, &mut |i, f| {
            out[i].push(f)
        });
        out
    }

    fn id(t: u8) -> FeatureHash {
        FeatureHash::new(t)
    }

    fn mark(t: u8, bit: u64) -> u64 {
        id(t).add(bit).finish()
    }

    #[test]
    fn latin_word_is_one_unit_and_full_width_folds() {
        assert_eq!(feats("用ＯｐｅｎＡＩ做"), feats("用OpenAI做"));
        let norm: Vec<char> = "用OpenAI做".chars().collect();
        let mut units = Vec::new();
        push_units(&norm, &mut units);
        assert_eq!(units[0], u64::from('用'));
        assert!(units[1..7].iter().all(|&u| u == units[1] && u >> 63 == 1));
        let lower: Vec<char> = "用openai做".chars().collect();
        let mut same = Vec::new();
        push_units(&lower, &mut same);
        assert_eq!(units, same);
        let digits = feats("１９９７年");
        assert!(digits[0].contains(&id(t::UNIT + 2).add(u64::from('0')).finish()));
        assert_eq!(digits[0][2], digits[3][2]);
    }

    #[test]
    fn lexicon_groups_fire() {
        let f = feats("王小明在中国建设银行工作");
        assert!(f[0].contains(&id(t::SURNAME).finish()));
        assert!(f[1].contains(&id(t::SURNAME_1).finish()));
        // The gazetteer knows 中国建设银行 (longest match): ORG-B is bit 6.
        assert!(f[4].contains(&mark(t::GAZETTEER, 6)));
        // 银行 is an organisation suffix; chars before it see its distance.
        let osw_b = id(t::ORG_SUFFIX).char('B');
        assert!((1..=3).any(|l| f[8].contains(&osw_b.add(l).finish())));
        assert!(f[6].contains(&id(t::ORG_SUFFIX + 1).add(2).finish()));
        let w = feats("到西直门");
        // 西直门 is a place name of jieba's dictionary: LOC-B is bit 3.
        assert!(w[1].contains(&mark(t::JIEBA_NAME, 3)));
        let f = feats("局长郑全军说");
        assert!(f[2].contains(&id(t::ROLE_BEFORE).finish()));
        assert!(f[4].contains(&id(t::SPEECH_AFTER).finish()));
        assert!(feats("陈小姐")[0].contains(&id(t::ROLE_AFTER).finish()));
    }

    #[test]
    fn groups_can_be_switched_off() {
        let chars: Vec<char> = "王小明在北京".chars().collect();
        let s = Sentence::new(&chars, &Segmenter::new());
        let count = |set: FeatureSet| {
            let mut n = 0;
            extract(&s, set, &[[0; LAYERS]; 6], &mut |_, _| n += 1);
            n
        };
        let none = FeatureSet {
            jieba: false,
            lexicon: false,
            dictionary: false,
            jieba_names: false,
            clusters: false,
            skip_pair: true,
        };
        // 11 char features per char.
        assert_eq!(count(none), 66);
        assert!(count(FeatureSet::default()) > 66 + 6 * 6);
    }
}
