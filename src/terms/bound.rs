//! Rejoining bound fragments: pieces of a word that the segmenter split off and that never
//! occur on their own in the document.
//!
//! jieba sometimes cuts an unknown word, typically a transliterated name, into dictionary
//! words, and may glue the leftover character to a neighbour: `英伟达` comes out as `英`
//! `伟达` or as `但英` `伟达`, `阿尔特曼是` as `阿尔特` `曼是`. The pieces then look like terms of
//! their own. The test is distributional, after the *accessor variety* criterion of word
//! discovery (Feng et al., 2004): a string that, in this document, is *always* preceded (or
//! followed) by the same character is not a free word there but part of a longer one.
//!
//! For a Han word `w` that is not a stopword:
//!
//! * **bound character**: every occurrence of `w` has the same character `c` just before it
//!   (or just after it), `c` is a Han character, not a stopword, and nominal (jieba tags it
//!   as a noun, name or abbreviation, or does not know it), and there is evidence that `c`
//!   belongs to `w` rather than to its other neighbour: either `c` stands alone as a token
//!   before (after) at least one occurrence and `w` occurs at least [`MIN_OCCURRENCES`]
//!   times (`英` `伟达`), or `cw` (`wc`) is itself a token elsewhere in the document
//!   (`阿尔特` `曼是` beside `阿尔特曼`). Then `c` is moved from its token to `w`
//!   (`但英` `伟达` → `但` `英伟达`; `阿尔特` `曼是` → `阿尔特曼` `是`).
//! * **bound pair**: `w` occurs at least [`MIN_OCCURRENCES`] times, every occurrence is
//!   followed by the same Han word `v`, every occurrence of `v` is preceded by `w`, and both
//!   are tagged as names or unknown words (`nr`, `nrt`, `nrfg`, `nz`, `x`): `萨特` `斯基弗`.
//!   Then the two are joined. Ordinary words that happen to go together (`中国` `企业`) are
//!   left apart: turning them into phrases is not this rule's business.
//!
//! The last character of a whole word (`中国` `企业` twice) is not moved: `国` never stands
//! alone and `国企业` is no token. Verbs, particles and measure words (`说`, `的`,
//! `个`) never stick to a word. A joined word is at most [`MAX_JOINED_CHARS`] long. A
//! re-cut token gets its dictionary tag, or `nz` when the dictionary does not know it.
//! Joining repeats while it changes something, a few times at most.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::filter::is_stopword;
use crate::resources::DICTIONARY;
use crate::segment::Token;
use crate::segment::merge::is_han;
use crate::span::CharSpan;

/// Occurrences needed before a word's neighbours are evidence on their own.
pub const MIN_OCCURRENCES: usize = 2;
/// Longest word that joining may produce, in chars.
pub const MAX_JOINED_CHARS: usize = 10;
/// Joining repeats (a piece joined on one pass may be bound on the next) at most this often.
const MAX_PASSES: usize = 3;

fn han_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_han) && !is_stopword(s)
}

fn nominal_tag(pos: &str) -> bool {
    pos.starts_with('n') || pos == "j" || pos == "x"
}

fn name_tag(pos: &str) -> bool {
    matches!(pos, "nr" | "nrt" | "nrfg" | "nz" | "x")
}

/// Whether `c` may be a bound character: Han, not a stopword, and nominal or unknown.
fn bindable(c: char) -> bool {
    /// The answer for every BMP char, worked out once.
    static BMP: LazyLock<Vec<bool>> = LazyLock::new(|| {
        (0..=0xFFFFu32)
            .map(|u| char::from_u32(u).is_some_and(bindable_uncached))
            .collect()
    });
    BMP.get(c as usize)
        .copied()
        .unwrap_or_else(|| bindable_uncached(c))
}

fn bindable_uncached(c: char) -> bool {
    if !is_han(c) {
        return false;
    }
    let s = c.to_string();
    han_word(&s) && DICTIONARY.pos(&s).is_none_or(nominal_tag)
}

/// The tokens with bound fragments rejoined (see the [module docs](self)). The tokens must
/// cover a text contiguously, in order (as [`crate::segment::Segmenter::segment`] returns
/// them); they still do afterwards. Tokens that are not contiguous are returned unchanged.
pub fn rejoin(tokens: &[Token]) -> Cow<'_, [Token]> {
    let contiguous = tokens.windows(2).all(|w| w[0].span.end == w[1].span.start);
    if !contiguous {
        return Cow::Borrowed(tokens);
    }
    // most documents have nothing bound: then the tokens are not copied
    let Some(cuts) = new_cuts(tokens) else {
        return Cow::Borrowed(tokens);
    };
    let mut tokens = recut(tokens, &cuts);
    for _ in 1..MAX_PASSES {
        let Some(cuts) = new_cuts(&tokens) else { break };
        tokens = recut(&tokens, &cuts);
    }
    Cow::Owned(tokens)
}

/// A change of token boundaries: remove the cut at `from`, add one at `to` (or none when
/// `to == from`, which joins two tokens).
#[derive(Debug, Clone, Copy)]
struct Move {
    from: usize,
    to: usize,
}

/// The token boundaries after one pass, or `None` when nothing is bound.
fn new_cuts(tokens: &[Token]) -> Option<BTreeSet<usize>> {
    let mut at: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut words: HashSet<&str> = HashSet::default();
    for (i, t) in tokens.iter().enumerate() {
        words.insert(t.text.as_str());
        if han_word(&t.text) && t.text.chars().count() >= 2 {
            at.entry(t.text.as_str()).or_default().push(i);
        }
    }
    let mut moves: Vec<Move> = Vec::new();
    // (the order of words does not matter: moves are sorted by position below, and no two
    // words move the same boundary)
    for (w, occ) in &at {
        let len = w.chars().count();
        let prev = |i: usize| i.checked_sub(1).map(|j| &tokens[j]);
        let next = |i: usize| tokens.get(i + 1);
        // Bound character on the left.
        if let Some(c) = same_char(occ, |i| prev(i).and_then(|t| t.text.chars().next_back()))
            && bindable(c)
            && len < MAX_JOINED_CHARS
        {
            let alone = occ
                .iter()
                .any(|&i| prev(i).is_some_and(|t| t.text.chars().count() == 1));
            let elsewhere = words.contains(format!("{c}{w}").as_str());
            if (alone && occ.len() >= MIN_OCCURRENCES) || elsewhere {
                moves.extend(occ.iter().map(|&i| Move {
                    from: tokens[i].span.start,
                    to: tokens[i].span.start - 1,
                }));
                continue;
            }
        }
        // Bound character on the right.
        if let Some(c) = same_char(occ, |i| next(i).and_then(|t| t.text.chars().next()))
            && bindable(c)
            && len < MAX_JOINED_CHARS
        {
            let alone = occ
                .iter()
                .any(|&i| next(i).is_some_and(|t| t.text.chars().count() == 1));
            let elsewhere = words.contains(format!("{w}{c}").as_str());
            if (alone && occ.len() >= MIN_OCCURRENCES) || elsewhere {
                moves.extend(occ.iter().map(|&i| Move {
                    from: tokens[i].span.end,
                    to: tokens[i].span.end + 1,
                }));
                continue;
            }
        }
        // Bound pair.
        let Some(v) = next(occ[0]).map(|t| t.text.as_str()) else {
            continue;
        };
        let pair = occ.len() >= MIN_OCCURRENCES
            && name_tag(&tokens[occ[0]].pos)
            && len + v.chars().count() <= MAX_JOINED_CHARS
            && occ
                .iter()
                .all(|&i| next(i).is_some_and(|t| t.text == v && name_tag(&t.pos)))
            && at.get(v).is_some_and(|vo| {
                vo.len() == occ.len() && vo.iter().all(|&j| j > 0 && occ.contains(&(j - 1)))
            });
        if pair {
            moves.extend(occ.iter().map(|&i| Move {
                from: tokens[i].span.end,
                to: tokens[i].span.end,
            }));
        }
    }
    if moves.is_empty() {
        return None;
    }
    // Apply moves in text order; a move touching a boundary that an earlier one touched is
    // skipped, so that overlapping evidence never splits a character off twice.
    moves.sort_by_key(|m| (m.from.min(m.to), m.from));
    let mut cuts: BTreeSet<usize> = tokens.iter().map(|t| t.span.start).collect();
    cuts.insert(tokens.last()?.span.end);
    let mut touched: HashSet<usize> = HashSet::default();
    for m in moves {
        if touched.contains(&m.from) || touched.contains(&m.to) {
            continue;
        }
        touched.extend([m.from, m.to]);
        cuts.remove(&m.from);
        if m.to != m.from {
            cuts.insert(m.to);
        }
    }
    Some(cuts)
}

/// The char that `neighbour` gives for every occurrence, when it is one and the same.
fn same_char(occ: &[usize], neighbour: impl Fn(usize) -> Option<char>) -> Option<char> {
    let c = neighbour(occ[0])?;
    occ.iter().all(|&i| neighbour(i) == Some(c)).then_some(c)
}

/// Tokens of the same text cut at `cuts`. Tokens whose span is unchanged keep their tag.
fn recut(tokens: &[Token], cuts: &BTreeSet<usize>) -> Vec<Token> {
    let base = tokens[0].span.start;
    let chars: Vec<char> = tokens.iter().flat_map(|t| t.text.chars()).collect();
    let old: HashMap<CharSpan, &Token> = tokens.iter().map(|t| (t.span, t)).collect();
    let bounds: Vec<usize> = cuts.iter().copied().collect();
    bounds
        .windows(2)
        .map(|w| {
            let span = CharSpan::new(w[0], w[1]);
            if let Some(&t) = old.get(&span) {
                return t.clone();
            }
            let text: String = chars[w[0] - base..w[1] - base].iter().collect();
            let pos = DICTIONARY.pos(&text).unwrap_or("nz").to_owned();
            Token { text, span, pos }
        })
        .collect()
}

#[cfg(test)]
mod tests;
