//! A fast first look at a run: per-character facts from a table, so that the language model
//! only sees runs that may be garbled.
//!
//! Clean text is nearly all of what a corpus holds, and the scan over it must be fast. The
//! table answers, per BMP character: is it odd (see [`super::lm::is_odd`]), is it rare as a
//! word of its own (it may still be common inside longer words), and what are its GBK bytes.

use std::sync::LazyLock;

use super::lm::{LanguageModel, is_odd};
use super::readings;

const ODD: u8 = 1;
const RARE: u8 = 2;
/// The char's first GBK byte could lead a three-byte UTF-8 sequence (E0-EF).
const LEAD_E: u8 = 4;
/// The char's first GBK byte could continue a UTF-8 sequence (80-BF).
const LEAD_C: u8 = 8;
/// The char's second GBK byte could lead a three-byte UTF-8 sequence.
const TRAIL_E: u8 = 16;
/// The char's second GBK byte could continue a UTF-8 sequence.
const TRAIL_C: u8 = 32;
/// The char's GBK bytes are a two-byte UTF-8 sequence (a letter of Latin, Greek, Cyrillic,
/// … read as GBK: `贸` is `ó`).
const UTF8_PAIR: u8 = 64;

/// Facts about each BMP character.
struct Table {
    flags: Vec<u8>,
    /// GBK bytes of each char: 0 for unencodable, `b` for a single byte, `lead << 8 | trail`.
    gbk: Vec<u16>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let lm = LanguageModel::new();
    let rare_below = super::BAD_CHAR;
    let mut flags = vec![0u8; 0x10000];
    let mut gbk = vec![0u16; 0x10000];
    let mut buf = [0u8; 4];
    for (u, (f, g)) in flags.iter_mut().zip(gbk.iter_mut()).enumerate() {
        let Some(c) = char::from_u32(u as u32) else {
            continue;
        };
        if is_odd(c) {
            *f |= ODD;
        }
        if !c.is_ascii() && lm.score(c.encode_utf8(&mut buf)) < rare_below {
            *f |= RARE;
        }
        if let Some(bytes) = super::codec::encode_strict(encoding_rs::GBK, c.encode_utf8(&mut buf))
        {
            *g = match bytes.as_slice() {
                [b] => u16::from(*b),
                [l, t] => {
                    let e = |b: u8| (0xE0..=0xEF).contains(&b);
                    let k = |b: u8| (0x80..=0xBF).contains(&b);
                    *f |= if e(*l) { LEAD_E } else { 0 }
                        | if k(*l) { LEAD_C } else { 0 }
                        | if e(*t) { TRAIL_E } else { 0 }
                        | if k(*t) { TRAIL_C } else { 0 }
                        | if (0xC2..=0xDF).contains(l) && k(*t) {
                            UTF8_PAIR
                        } else {
                            0
                        };
                    u16::from(*l) << 8 | u16::from(*t)
                }
                _ => 0,
            };
        }
    }
    Table { flags, gbk }
});

fn flags(c: char) -> u8 {
    TABLE.flags.get(c as usize).copied().unwrap_or(0)
}

/// Whether a line certainly needs no repair and no flag, judged in one pass over its chars
/// with table lookups only: no odd char, no U+FFFD or `锟`, no pair of chars whose GBK bytes
/// could hold a three-byte UTF-8 sequence, no char inside a Latin word whose GBK bytes are a
/// two-byte one, and no rare chars close together or filling a run.
/// Returns the line's length in chars when it is clean. Lines that fail are examined in full.
pub fn line_is_clean(line: &str, gap: usize) -> Option<usize> {
    let t = &*TABLE;
    let mut last_rare: Option<usize> = None;
    let (mut run_len, mut run_rare) = (0usize, 0usize);
    let mut prev = 0u8; // flags of the previous char when it was a two-byte GBK char
    let mut n = 0;
    let mut prev_char = '\0';
    let mut chars = line.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        n = i + 1;
        let before = std::mem::replace(&mut prev_char, c);
        if c.is_ascii() {
            if (c == '?' && run_len > 0) || (run_len >= 2 && run_rare * 2 >= run_len) {
                return None;
            }
            run_len = 0;
            run_rare = 0;
            prev = 0;
            continue;
        }
        let f = t.flags.get(c as usize).copied().unwrap_or(RARE);
        if f & ODD != 0 || c == '锟' {
            return None;
        }
        run_len += 1;
        let next = chars.peek().map_or('\0', |&(_, c)| c);
        // a char inside a Latin word that is a Latin letter's UTF-8 read as GBK (`znak贸w`)
        if f & UTF8_PAIR != 0 && before.is_ascii_alphabetic() && next.is_ascii_alphabetic() {
            return None;
        }
        if f & RARE != 0 && !in_word(before, c, next) {
            run_rare += 1;
            if last_rare.is_some_and(|l| i - l <= gap + 1) {
                return None;
            }
            last_rare = Some(i);
        }
        // a three-byte sequence across two chars: [prev.trail, lead, trail] or
        // [prev.lead, prev.trail, lead]
        let across = (prev & TRAIL_E != 0 && f & LEAD_C != 0 && f & TRAIL_C != 0)
            || (prev & LEAD_E != 0 && prev & TRAIL_C != 0 && f & LEAD_C != 0);
        if across {
            return None;
        }
        prev = f;
    }
    (!(run_len >= 2 && run_rare * 2 >= run_len)).then_some(n)
}

/// Whether `c` makes a common enough two-char dictionary word with the char before or after
/// it (then it fits its neighbours, however rare it is alone).
fn in_word(before: char, c: char, next: char) -> bool {
    let dict = &*crate::resources::DICTIONARY;
    let min = MIN_WORD_FREQ.get_or_init(|| {
        // a two-char word whose per-char cost reaches BAD_CHAR
        let total = dict.total as f64;
        (total * (2.0 * super::BAD_CHAR).exp()).ceil() as u32
    });
    let mut buf = [0u8; 8];
    let pair = |a: char, b: char, buf: &mut [u8; 8]| -> u32 {
        let la = a.encode_utf8(&mut buf[..4]).len();
        let lb = b.encode_utf8(&mut buf[la..]).len();
        std::str::from_utf8(&buf[..la + lb]).map_or(0, |w| dict.freq(w))
    };
    (before != '\0' && pair(before, c, &mut buf) >= *min)
        || (next != '\0' && pair(c, next, &mut buf) >= *min)
}

static MIN_WORD_FREQ: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// Whether `c` is odd (clean Chinese text hardly uses it).
pub fn odd(c: char) -> bool {
    flags(c) & ODD != 0
}

/// Whether `c` is rare as a word of its own. Chars outside the BMP count as rare.
pub fn rare(c: char) -> bool {
    (c as u32) > 0xFFFF || flags(c) & RARE != 0
}

/// Whether the run may hold a stretch of chars that do not fit: two rare chars close together
/// (at most `gap` other chars between them), or rare chars making up half the run. When this
/// is false, no cluster of ill-fitting chars can be found in the run and its mean cost is
/// high, so the language model need not look.
pub fn may_be_ill_fitting(run: &[char], gap: usize) -> bool {
    let mut last: Option<usize> = None;
    let mut count = 0;
    for (i, &c) in run.iter().enumerate() {
        if rare(c) {
            count += 1;
            if last.is_some_and(|l| i - l <= gap + 1) {
                return true;
            }
            last = Some(i);
        }
    }
    count * 2 >= run.len()
}

/// Whether some stretch of at least two chars of `run`, re-encoded as GBK, is valid UTF-8
/// holding a three-byte sequence (the sign of UTF-8 read as GBK).
pub fn gbk_utf8_stretch(run: &[char]) -> bool {
    let t = &*TABLE;
    let bytes = |c: char| -> Option<([u8; 2], usize)> {
        match t.gbk.get(c as usize).copied() {
            Some(0) | None => None,
            Some(g) if g < 0x100 => Some(([g as u8, 0], 1)),
            Some(g) => Some(([(g >> 8) as u8, g as u8], 2)),
        }
    };
    for i in 0..run.len() {
        // only a char whose first GBK byte leads a three-byte UTF-8 sequence can start one
        let Some((b, _)) = bytes(run[i]) else {
            continue;
        };
        if !(0xE0..=0xEF).contains(&b[0]) {
            continue;
        }
        let mut buf: Vec<u8> = Vec::with_capacity(12);
        let mut cut = false; // whether `buf` ends inside a sequence
        for (j, &c) in run.iter().enumerate().skip(i) {
            // a mark of a lost byte inside a cut sequence stands for one continuation byte
            // (`鏄?娣?`, `浜烘??`)
            if readings::is_lost_marker(c) {
                if !cut {
                    break;
                }
                buf.push(0x80);
            } else {
                let Some((b, n)) = bytes(c) else { break };
                buf.extend_from_slice(&b[..n]);
            }
            match std::str::from_utf8(&buf) {
                Ok(_) if j > i => return true,
                Ok(_) => cut = false,
                Err(e) if e.error_len().is_none() => cut = true,
                Err(_) => break,
            }
            if buf.len() > 9 {
                break;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts() {
        assert!(odd('\u{E000}') && !odd('中'));
        assert!(!rare('的') && rare('粫'));
        let garbled: Vec<char> = encoding_rs::GBK
            .decode("要下".as_bytes())
            .0
            .chars()
            .collect();
        assert!(gbk_utf8_stretch(&garbled));
        assert!(!gbk_utf8_stretch(
            &"今天天气很好".chars().collect::<Vec<_>>()
        ));
    }
}
