//! What the document itself says about a lost char: the runs of chars its clean lines, and
//! the lines repaired before, hold (a cache language model). A name the text writes again and
//! again (`阿尔特曼`) or the way it writes dates (`5 月`) is better evidence for a char whose
//! bytes were lost than a table of news text.
//!
//! The cache is built for a document only when a char of lost bytes is to be ranked in it (the
//! line that first needs it is repaired again with it), and is consulted only to rank the chars
//! that fit lost bytes: clean text is never judged by it.

use std::cell::{Cell, RefCell};

use rustc_hash::FxHashMap;

/// Weight of the runs of three chars around a candidate that the document holds.
const TRI_WEIGHT: f64 = 1.0;
/// Weight of the pairs it makes with its neighbours.
const PAIR_WEIGHT: f64 = 0.3;

/// Counts of the runs of two and three chars of a document's lines (digits folded to `0`).
#[derive(Debug, Default)]
pub(super) struct DocCache {
    /// Keyed by [`key`] of the pair or run.
    pairs: FxHashMap<u64, u32>,
    runs: FxHashMap<u64, u32>,
}

/// Up to three chars packed in one key (21 bits each).
fn key(cs: &[char]) -> u64 {
    cs.iter()
        .fold(0u64, |k, &c| (k << 21) | u64::from(c as u32))
}

/// Digits of either width as `0`: the document's `3 月` says as much for `5 月`.
fn fold(c: char) -> char {
    if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        '0'
    } else {
        c
    }
}

impl DocCache {
    /// Count the runs of `line` (one line; its line break is dropped).
    pub(super) fn add_line(&mut self, line: &str) {
        let cs: Vec<char> = line
            .trim_end_matches(['\n', '\r'])
            .chars()
            .map(fold)
            .collect();
        for w in cs.windows(2) {
            *self.pairs.entry(key(w)).or_insert(0) += 1;
        }
        for w in cs.windows(3) {
            *self.runs.entry(key(w)).or_insert(0) += 1;
        }
    }

    /// How well `c` fits between the two chars before it (`before[0]` nearest) and the two
    /// after it, by what the document holds: log counts of the runs of three and pairs that
    /// hold `c`.
    fn fit(&self, before: [Option<char>; 2], c: char, after: [Option<char>; 2]) -> f64 {
        let c = fold(c);
        let [b1, b2] = before.map(|x| x.map(fold));
        let [a1, a2] = after.map(|x| x.map(fold));
        let run = |x: Option<char>, y: Option<char>, z: Option<char>| match (x, y, z) {
            (Some(x), Some(y), Some(z)) => {
                f64::from(self.runs.get(&key(&[x, y, z])).copied().unwrap_or(0)).ln_1p()
            }
            _ => 0.0,
        };
        let pair = |x: Option<char>, y: Option<char>| match (x, y) {
            (Some(x), Some(y)) => {
                f64::from(self.pairs.get(&key(&[x, y])).copied().unwrap_or(0)).ln_1p()
            }
            _ => 0.0,
        };
        let c = Some(c);
        TRI_WEIGHT * (run(b2, b1, c) + run(b1, c, a1) + run(c, a1, a2))
            + PAIR_WEIGHT * (pair(b1, c) + pair(c, a1))
    }
}

thread_local! {
    /// The cache of the document being repaired on this thread, if any.
    static CURRENT: RefCell<Option<DocCache>> = const { RefCell::new(None) };
    /// Whether a lost char was ranked with no cache since [`take_wanted`] was last called.
    static WANTED: Cell<bool> = const { Cell::new(false) };
}

/// Whether a lost char was ranked with no cache current since the last call: the cache is
/// built only for a document that needs it, as building it costs a pass over the document.
pub(super) fn take_wanted() -> bool {
    WANTED.with(|w| w.replace(false))
}

/// The cache of the document being repaired on this thread, set while it lives.
pub(super) struct Active(());

impl Active {
    /// Make `cache` the current document's.
    pub(super) fn set(cache: DocCache) -> Active {
        CURRENT.with(|c| *c.borrow_mut() = Some(cache));
        Active(())
    }

    /// Count the runs of a line repaired or read since.
    pub(super) fn add_line(&self, line: &str) {
        CURRENT.with(|c| {
            if let Some(cache) = c.borrow_mut().as_mut() {
                cache.add_line(line);
            }
        });
    }
}

impl Drop for Active {
    fn drop(&mut self) {
        CURRENT.with(|c| *c.borrow_mut() = None);
    }
}

/// [`DocCache::fit`] under the current document's cache (0 when there is none).
pub(super) fn fit(before: [Option<char>; 2], c: char, after: [Option<char>; 2]) -> f64 {
    CURRENT.with(|cur| match cur.borrow().as_ref() {
        Some(cache) => cache.fit(before, c, after),
        None => {
            WANTED.with(|w| w.set(true));
            0.0
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_the_document_holds_favour_a_char() {
        let mut cache = DocCache::default();
        cache.add_line("萨姆·阿尔特曼是新掌门。阿尔特曼说，2016 年 5 月。\n");
        let before = [Some('特'), Some('尔')];
        let after = [None, None];
        assert!(cache.fit(before, '曼', after) > cache.fit(before, '曾', after));
        // digits are one: `3 月` counts for `5 月`
        let before = [Some(' '), Some('3')];
        assert!(
            cache.fit(before, '月', [Some(','), None]) > cache.fit(before, '有', [Some(','), None])
        );
        assert_eq!(DocCache::default().fit(before, '月', after), 0.0);
    }

    #[test]
    fn the_cache_is_current_while_it_is_active() {
        assert_eq!(fit([Some('尔'), None], '特', [None, None]), 0.0);
        let mut cache = DocCache::default();
        cache.add_line("阿尔特曼");
        {
            let active = Active::set(cache);
            assert!(fit([Some('尔'), Some('阿')], '特', [Some('曼'), None]) > 0.0);
            active.add_line("新掌门");
            assert!(fit([Some('新'), None], '掌', [None, None]) > 0.0);
        }
        assert_eq!(fit([Some('尔'), Some('阿')], '特', [Some('曼'), None]), 0.0);
    }
}
