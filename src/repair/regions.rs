//! Regions of a line to examine, and the stretches that cannot be repaired.

use super::*;

/// Regions to examine, as `[start, end)` indices: runs of chars that are neither ASCII nor
/// whitespace (a no-break space, U+0085 and the ideographic space count as run chars:
/// ISO-8859-1 reads bytes A0 and 85 as the first two, GBK the pair A1 A1 as the third),
/// joined across gaps of at most [`JOIN_GAP`] ASCII chars within a line.
pub(super) fn runs(chars: &[char]) -> Vec<(usize, usize)> {
    let in_run = |c: char| {
        matches!(c, '\u{A0}' | '\u{85}' | '\u{3000}') || (!c.is_ascii() && !c.is_whitespace())
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !in_run(chars[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && in_run(chars[i]) {
            i += 1;
        }
        // Big5 (and GBK) read as Latin-1 leave the trail byte of their last char as ASCII
        // (`¡C`: 。): it belongs to the run when the run's bytes need it
        if chars
            .get(i)
            .is_some_and(|&c| dangling_lead(&chars[s..i], c))
        {
            i += 1;
        }
        // a `?` right after the run may be a legacy decoder's mark of a swallowed byte (two:
        // of two bytes it could not read)
        for _ in 0..2 {
            if chars.get(i) == Some(&'?') {
                i += 1;
            }
        }
        match out.last_mut() {
            Some((_, end))
                if s - *end <= JOIN_GAP
                    && chars[*end..s]
                        .iter()
                        .all(|&c| c.is_ascii() && c != '\n' && c != '\r') =>
            {
                *end = i;
            }
            _ => out.push((s, i)),
        }
    }
    out
}

/// Whether `run`, all Latin-1 chars, reads as Big5 or GBK bytes only with `next`, an ASCII
/// char of the range of trail bytes, as the trail byte of its last char.
fn dangling_lead(run: &[char], next: char) -> bool {
    use super::codec::{decode_strict, encode_latin1};
    if !('\x40'..='\x7E').contains(&next)
        || !run.iter().all(|&c| ('\u{A0}'..='\u{FF}').contains(&c))
    {
        return false;
    }
    let text: String = run.iter().collect();
    let Some(mut bytes) = encode_latin1(&text) else {
        return false;
    };
    [encoding_rs::BIG5, encoding_rs::GBK]
        .into_iter()
        .any(|enc| {
            decode_strict(enc, &bytes).is_none() && {
                bytes.push(next as u8);
                let ok = decode_strict(enc, &bytes).is_some();
                bytes.pop();
                ok
            }
        })
}

/// Whether the run `[s, e)` is part of a Latin-script word (`Müller`, `Běijīng`, `35μg`),
/// not Chinese mojibake: it touches an ASCII letter, is at most [`LATIN_RUN`] chars long, and
/// holds letters only (mojibake glued to a word, `åœ¨ChatGPT`, holds symbols: `¨`, `‡`, `€`).
pub(super) fn in_latin_word(chars: &[char], s: usize, e: usize) -> bool {
    let touches = (s > 0 && chars[s - 1].is_ascii_alphabetic())
        || chars.get(e).is_some_and(|c| c.is_ascii_alphabetic());
    touches
        && e - s <= LATIN_RUN
        && chars[s..e]
            .iter()
            .all(|&c| c.is_alphabetic() && !crate::segment::merge::is_han(c))
}

/// An unrecoverable stretch of a run, with its kind and `[start, end)` within the run:
/// `锟斤拷` anywhere, or dense U+FFFD (see [`dense_replacement`]).
pub(super) fn unrecoverable_span(run: &[char]) -> Option<(&'static str, (usize, usize))> {
    let text: String = run.iter().collect();
    let kind = match unrecoverable(&text)? {
        "replacement-char" if !dense_replacement(run) => {
            return None;
        }
        k => k,
    };
    let bad =
        |c: &char| *c == '\u{FFFD}' || (kind == "kunjinkao" && matches!(c, '锟' | '斤' | '拷'));
    let first = run.iter().position(bad)?;
    let last = run.iter().rposition(bad)?;
    Some((kind, (first, last + 1)))
}

/// Whether U+FFFD is dense in `run`: at least two, and at least a quarter of its non-ASCII
/// chars. Then the bytes are gone (GBK read as UTF-8). A sparse U+FFFD may stand for a byte
/// swallowed at the end of a garbled stretch, or a GBK pair that Big5 could not read, and is
/// judged by the readings.
pub(super) fn dense_replacement(run: &[char]) -> bool {
    let fffd = run.iter().filter(|&&c| c == '\u{FFFD}').count();
    let non_ascii = run.iter().filter(|c| !c.is_ascii()).count();
    fffd >= 2 && fffd * 4 >= non_ascii
}

/// Each stretch of U+FFFD and each stretch of `锟斤拷` in `run`, with its kind and
/// `[start, end)` within the run.
pub(super) fn unrecoverable_stretches(run: &[char]) -> Vec<(&'static str, (usize, usize))> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let kin = |c: char| matches!(c, '锟' | '斤' | '拷');
        if run[i] == '\u{FFFD}' {
            let s = i;
            while i < run.len() && run[i] == '\u{FFFD}' {
                i += 1;
            }
            out.push(("replacement-char", (s, i)));
        } else if kin(run[i]) {
            let s = i;
            while i < run.len() && (kin(run[i]) || run[i] == '\u{FFFD}') {
                i += 1;
            }
            let stretch: String = run[s..i].iter().collect();
            if stretch.contains("锟斤拷") {
                out.push(("kunjinkao", (s, i)));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The kind of an unrecoverable garbled run, if it is one: U+FFFD (bytes gone) or `锟斤拷`.
pub(super) fn unrecoverable(run: &str) -> Option<&'static str> {
    if run.contains("锟斤拷") {
        Some("kunjinkao")
    } else if run.contains('\u{FFFD}') {
        Some("replacement-char")
    } else {
        None
    }
}
