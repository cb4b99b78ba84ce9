//! Mixed encodings: input that is mostly UTF-8 with stretches of a legacy encoding, as
//! happens when files in different encodings are concatenated.
//!
//! The plan, for bytes that are not valid UTF-8:
//!
//! 1. If fewer than half of the non-ASCII bytes lie in valid UTF-8 sequences, the input is
//!    not mostly UTF-8: [`plan`] gives up and the whole input is decoded as one detected
//!    encoding.
//! 2. The invalid byte sequences are gathered into clusters. Two invalid sequences belong to
//!    one cluster unless the valid UTF-8 between them is real UTF-8 text: a whole line with
//!    non-ASCII characters, or, on the line of either sequence, at least [`ANCHOR_CHARS`]
//!    characters that real UTF-8 text is made of (see [`plausible`]; the valid sequences
//!    that legacy double-byte text forms by accident are mostly two-byte ones or rare
//!    characters).
//! 3. A cluster may grow (see [`grow_back`], [`choose_bounds`]): over the two-byte UTF-8
//!    characters right before and after it; over the rest of its line on either side when
//!    that holds fewer than [`ANCHOR_CHARS`] plausible characters and reads as common text
//!    in the chosen encoding; and over the trail byte of its last character (which may be
//!    ASCII), so that no legacy character is ever split.
//! 4. Each cluster's encoding is chosen among [`CANDIDATES`] (see [`choose`]). A cluster
//!    stays UTF-8, its invalid bytes counted as malformed, when no candidate decodes it
//!    cleanly, or when it is too small to be another encoding: fewer than
//!    [`MIN_LEGACY_CHARS`] legacy characters, fewer than [`MIN_UTF8_ERRORS`] malformed
//!    UTF-8 sequences, or one stray byte away from valid UTF-8. One stray byte in a UTF-8
//!    file is not a second encoding.

use encoding_rs::{BIG5, EUC_KR, Encoding, GBK, SHIFT_JIS, UTF_8, WINDOWS_1252};

use super::{CONFIDENT_NON_ASCII, decode_counting};

/// The legacy encodings a stretch may be in, in order of preference on a tie.
pub(crate) const CANDIDATES: [&Encoding; 5] = [GBK, BIG5, SHIFT_JIS, EUC_KR, WINDOWS_1252];

/// Plausible UTF-8 characters (see [`plausible`]) on a line that make it real UTF-8 text.
pub(crate) const ANCHOR_CHARS: usize = 3;

/// Fewest non-ASCII characters a stretch must decode to, in a double-byte encoding, to
/// count as another encoding.
pub(crate) const MIN_LEGACY_CHARS: usize = 2;

/// Fewest malformed sequences a stretch must have as UTF-8 to count as another encoding
/// (a stray or lost byte in UTF-8 text makes one or two).
pub(crate) const MIN_UTF8_ERRORS: usize = 2;

/// Fewest non-ASCII bytes a stretch must hold to count as windows-1252.
pub(crate) const MIN_SINGLE_BYTE_CHARS: usize = 4;

/// Fewest characters from a candidate's common repertoire for a weak guess to be taken.
const MIN_COMMON_CHARS: usize = 2;

/// A byte range of the input and the encoding it is decoded with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Byte offset into the input.
    pub start: usize,
    /// Byte offset into the input, one past the piece.
    pub end: usize,
    /// The piece's encoding.
    pub enc: &'static Encoding,
    /// Whether the choice of encoding is reliable.
    pub confident: bool,
}

/// How to decode input that is not valid UTF-8 but mostly is. `None`: it is not mostly
/// UTF-8. Otherwise the pieces cover the input in order; a single UTF-8 piece means the
/// input is UTF-8 with some malformed sequences.
pub(crate) fn plan(bytes: &[u8]) -> Option<Vec<Piece>> {
    let total_non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let mut valid_non_ascii = 0usize;
    let mut invalid: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        valid_non_ascii += valid.bytes().filter(|b| !b.is_ascii()).count();
        pos += valid.len();
        let bad = chunk.invalid().len();
        if bad > 0 {
            invalid.push((pos, pos + bad));
            pos += bad;
        }
    }
    if invalid.is_empty() || valid_non_ascii * 2 < total_non_ascii {
        return None;
    }

    // Clusters of invalid sequences not separated by real UTF-8 text.
    let mut clusters: Vec<(usize, usize)> = Vec::new();
    for (s, e) in invalid {
        match clusters.last_mut() {
            Some(last) if !separates(valid_str(&bytes[last.1..s])) => last.1 = e,
            _ => clusters.push((s, e)),
        }
    }

    let mut pieces: Vec<Piece> = Vec::new();
    let mut prev_end = 0usize;
    for i in 0..clusters.len() {
        let (s, e) = clusters[i];
        let next_start = clusters.get(i + 1).map_or(bytes.len(), |c| c.0);
        let starts = grow_back(bytes, prev_end, s);
        let ends = grow_forward(bytes, e, next_start);
        if let Some((s, enc, end, confident)) = choose_bounds(bytes, starts, ends, next_start) {
            push(&mut pieces, prev_end, s, UTF_8, true);
            push(&mut pieces, s, end, enc, confident);
            prev_end = end;
        }
    }
    push(&mut pieces, prev_end, bytes.len(), UTF_8, true);
    if pieces.is_empty() {
        pieces.push(Piece {
            start: 0,
            end: bytes.len(),
            enc: UTF_8,
            confident: true,
        });
    }
    Some(pieces)
}

/// Append a piece, merging it into the previous one when the encoding is the same.
fn push(pieces: &mut Vec<Piece>, start: usize, end: usize, enc: &'static Encoding, conf: bool) {
    if start >= end {
        return;
    }
    if let Some(last) = pieces.last_mut()
        && last.enc == enc
        && last.end == start
    {
        last.end = end;
        last.confident &= conf;
        return;
    }
    pieces.push(Piece {
        start,
        end,
        enc,
        confident: conf,
    });
}

/// `bytes`, which the caller knows to be valid UTF-8, as a `str`.
fn valid_str(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Whether a character is one that real UTF-8 text is made of and that legacy double-byte
/// text rarely forms by accident: a character of three or four bytes from punctuation and
/// symbols (U+2000–U+2BFF), CJK radicals, punctuation, kana, bopomofo and compatibility
/// forms (U+2E80–U+33FF), CJK ideographs, Hangul, full-width forms or emoji.
fn plausible(c: char) -> bool {
    matches!(c,
        '\u{2000}'..='\u{2BFF}'
        | '\u{2E80}'..='\u{33FF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{1F000}'..='\u{1FAFF}')
}

/// How many plausible UTF-8 characters `s` holds.
fn plausible_count(s: &str) -> usize {
    s.chars().filter(|&c| plausible(c)).count()
}

/// Whether the valid UTF-8 `gap` between two invalid sequences is real UTF-8 text that
/// separates them: it holds a whole line with non-ASCII characters, or the part of the
/// gap on the line of either sequence holds at least [`ANCHOR_CHARS`] plausible characters.
fn separates(gap: &str) -> bool {
    let parts: Vec<&str> = gap.split('\n').collect();
    let inner = &parts[1..parts.len().saturating_sub(1).max(1)];
    inner.iter().any(|l| !l.is_ascii())
        || parts
            .first()
            .is_some_and(|p| plausible_count(p) >= ANCHOR_CHARS)
        || parts
            .last()
            .is_some_and(|p| plausible_count(p) >= ANCHOR_CHARS)
}

/// Where a cluster that starts at `s` may really start, as `(narrow, wide)`, no further
/// back than `floor`. Narrow takes in the two-byte UTF-8 characters right before it (legacy
/// bytes that happened to form valid UTF-8; real UTF-8 Chinese has none). Wide takes in
/// the valid UTF-8 before it on its line, from its first non-ASCII byte, when that holds
/// fewer than [`ANCHOR_CHARS`] plausible characters; otherwise it is narrow.
fn grow_back(bytes: &[u8], floor: usize, s: usize) -> (usize, usize) {
    let mut narrow = s;
    while narrow >= floor + 2 && is_two_byte(&bytes[narrow - 2..narrow]) {
        narrow -= 2;
    }
    let line_start = bytes[floor..s]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(floor, |i| floor + i + 1);
    let head = valid_str(&bytes[line_start..s]);
    let wide = if plausible_count(head) < ANCHOR_CHARS {
        head.find(|c: char| !c.is_ascii())
            .map_or(narrow, |i| (line_start + i).min(narrow))
    } else {
        narrow
    };
    (narrow, wide)
}

/// Where a cluster that ends at `e` may really end, as `(narrow, wide)`, no further than
/// `limit`: the mirror image of [`grow_back`] on the valid UTF-8 after it on its line.
fn grow_forward(bytes: &[u8], e: usize, limit: usize) -> (usize, usize) {
    let mut narrow = e;
    while narrow + 2 <= limit && is_two_byte(&bytes[narrow..narrow + 2]) {
        narrow += 2;
    }
    let line_end = bytes[e..limit]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(limit, |i| e + i);
    let tail = valid_str(&bytes[e..line_end]);
    let wide = if plausible_count(tail) < ANCHOR_CHARS {
        tail.char_indices()
            .rev()
            .find(|&(_, c)| !c.is_ascii())
            .map_or(narrow, |(i, c)| (e + i + c.len_utf8()).max(narrow))
    } else {
        narrow
    };
    (narrow, wide)
}

/// Whether two bytes are one two-byte UTF-8 character.
fn is_two_byte(b: &[u8]) -> bool {
    matches!(b, [0xC2..=0xDF, 0x80..=0xBF])
}

/// Choose the bounds and encoding of a cluster whose start may be either of `starts` and
/// whose end either of `ends` (narrow, wide; see [`grow_back`]). The widest bounds whose
/// cluster [`choose`] accepts, and whose taken-in parts read as common text in the chosen
/// encoding (at least two thirds of their characters, see [`is_common`]), win. Returns the
/// start, the encoding, the end and whether the choice is confident.
fn choose_bounds(
    bytes: &[u8],
    (s_narrow, s_wide): (usize, usize),
    (e_narrow, e_wide): (usize, usize),
    limit: usize,
) -> Option<(usize, &'static Encoding, usize, bool)> {
    let mut tried = Vec::with_capacity(4);
    for (s, e) in [
        (s_wide, e_wide),
        (s_narrow, e_wide),
        (s_wide, e_narrow),
        (s_narrow, e_narrow),
    ] {
        if tried.contains(&(s, e)) {
            continue;
        }
        tried.push((s, e));
        let Some((enc, end, confident)) = choose(bytes, s, e, limit) else {
            continue;
        };
        // Tally the characters of the taken-in parts: [head, tail] as (common, total).
        let mut tally = [(0usize, 0usize); 2];
        let mut i = s;
        while i < end {
            let len = char_len(enc, bytes, i);
            let part = if i < s_narrow {
                Some(0)
            } else if i >= e_narrow {
                Some(1)
            } else {
                None
            };
            if let Some(part) = part
                && !bytes[i].is_ascii()
            {
                tally[part].1 += 1;
                tally[part].0 += usize::from(is_common(enc, &bytes[i..(i + len).min(end)]));
            }
            i += len;
        }
        if tally.iter().all(|&(common, total)| common * 3 >= total * 2) {
            return Some((s, enc, end, confident));
        }
    }
    None
}

/// Choose the encoding of the cluster `bytes[s..e]`, which may grow up to `limit` to take in
/// the trail byte of its last character. Returns the encoding, the cluster's end, and
/// whether the choice is confident; `None` when the cluster stays UTF-8.
///
/// chardetng's guess is taken when it decodes the cluster without errors and the cluster
/// holds at least [`CONFIDENT_NON_ASCII`] non-ASCII bytes. Otherwise (chardetng is weak on
/// short inputs) the candidate that decodes without errors and yields the most characters
/// of its encoding's common repertoire wins (ties: chardetng's guess, then the order of
/// [`CANDIDATES`]); windows-1252 is taken only when no double-byte candidate decodes the
/// cluster and its reading is mostly letters.
pub(crate) fn choose(
    bytes: &[u8],
    s: usize,
    e: usize,
    limit: usize,
) -> Option<(&'static Encoding, usize, bool)> {
    let non_ascii = bytes[s..e].iter().filter(|b| !b.is_ascii()).count();
    let (_, utf8_errors) = decode_counting(UTF_8, &bytes[s..e]);
    if non_ascii < MIN_LEGACY_CHARS || utf8_errors < MIN_UTF8_ERRORS || one_stray_byte(&bytes[s..e])
    {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[s..e], true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);

    let mut clean: Vec<(&'static Encoding, usize, usize)> = Vec::new(); // (enc, end, score)
    for enc in CANDIDATES {
        let end = align(enc, bytes, s, e, limit);
        let (text, malformed) = decode_counting(enc, &bytes[s..end]);
        let legacy_chars = text.chars().filter(|c| !c.is_ascii()).count();
        let enough = utf8_errors * 3 >= legacy_chars
            && if enc == WINDOWS_1252 {
                non_ascii >= MIN_SINGLE_BYTE_CHARS
            } else {
                legacy_chars >= MIN_LEGACY_CHARS
            };
        if !enough || malformed > 0 || text.chars().any(|c| c.is_control() && !c.is_ascii()) {
            continue;
        }
        clean.push((enc, end, common_chars(enc, &bytes[s..end])));
    }
    if let Some(&(enc, end, _)) = clean.iter().find(|c| c.0 == guess)
        && non_ascii >= CONFIDENT_NON_ASCII
        && guess != WINDOWS_1252
    {
        return Some((enc, end, true));
    }
    let best = clean
        .iter()
        .filter(|c| c.0 != WINDOWS_1252 && c.2 >= MIN_COMMON_CHARS)
        .max_by_key(|c| {
            let rank = CANDIDATES.iter().position(|&x| x == c.0).unwrap_or(0);
            (c.2, c.0 == guess, usize::MAX - rank)
        });
    if let Some(&(enc, end, _)) = best {
        return Some((enc, end, false));
    }
    if clean.iter().any(|c| c.0 != WINDOWS_1252) {
        return None;
    }
    let &(enc, end, _) = clean.iter().find(|c| c.0 == WINDOWS_1252)?;
    let (text, _) = decode_counting(enc, &bytes[s..end]);
    let non_ascii_chars: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    let letters = non_ascii_chars.iter().filter(|c| c.is_alphabetic()).count();
    (letters * 2 >= non_ascii_chars.len()).then_some((enc, end, false))
}

/// Whether removing one byte makes `bytes` valid UTF-8: a stray byte in UTF-8 text (inside
/// a character it breaks the character's other bytes too), not another encoding. Only
/// short stretches are tried.
fn one_stray_byte(bytes: &[u8]) -> bool {
    let mut rest = Vec::with_capacity(bytes.len());
    bytes.len() <= 64
        && (0..bytes.len()).any(|i| {
            rest.clear();
            rest.extend_from_slice(&bytes[..i]);
            rest.extend_from_slice(&bytes[i + 1..]);
            !bytes[i].is_ascii() && std::str::from_utf8(&rest).is_ok()
        })
}

/// Length in bytes of the character of `enc` that starts at `bytes[i]` (as the decoder will
/// read it when the bytes are well-formed).
fn char_len(enc: &'static Encoding, bytes: &[u8], i: usize) -> usize {
    let b = bytes[i];
    let next = bytes.get(i + 1).copied();
    if b.is_ascii() {
        return 1;
    }
    if enc == GBK {
        match (b, next) {
            (0x81..=0xFE, Some(0x30..=0x39)) => 4,
            (0x81..=0xFE, _) => 2,
            _ => 1,
        }
    } else if enc == BIG5 || enc == EUC_KR {
        if (0x81..=0xFE).contains(&b) { 2 } else { 1 }
    } else if enc == SHIFT_JIS {
        if matches!(b, 0x81..=0x9F | 0xE0..=0xFC) {
            2
        } else {
            1
        }
    } else {
        1
    }
}

/// The end of `bytes[s..e]` moved so that it does not split a character of `enc`, and
/// does not leave UTF-8 continuation bytes (which cannot start UTF-8 text) right after it:
/// the last legacy character may have taken the lead byte of what looked like a UTF-8
/// character. It moves no further than `limit`.
fn align(enc: &'static Encoding, bytes: &[u8], s: usize, e: usize, limit: usize) -> usize {
    let limit = limit.min(bytes.len());
    let mut i = s;
    while i < e || (i < limit && (0x80..=0xBF).contains(&bytes[i])) {
        i += char_len(enc, bytes, i);
    }
    i.min(limit.max(e))
}

/// How many characters of `bytes` (well-formed in `enc`) are common (see [`is_common`]).
/// Text in the right encoding scores nearly every character; text read in a wrong one
/// scores far fewer.
fn common_chars(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let len = char_len(enc, bytes, i);
        n += usize::from(
            !bytes[i].is_ascii() && is_common(enc, &bytes[i..(i + len).min(bytes.len())]),
        );
        i += len;
    }
    n
}

/// Whether the character `ch` (its bytes in `enc`) lies in the encoding's common
/// repertoire: GB2312's symbol rows and level-1 hanzi; Big5's symbols and frequent
/// characters; Shift_JIS punctuation, kana and level-1 kanji; EUC-KR's symbols and Hangul
/// syllables; windows-1252's accented letters.
fn is_common(enc: &'static Encoding, ch: &[u8]) -> bool {
    match *ch {
        [lead, trail] => {
            let code = u16::from_be_bytes([lead, trail]);
            if enc == GBK {
                matches!(lead, 0xA1..=0xA9 | 0xB0..=0xD7) && trail >= 0xA1
            } else if enc == BIG5 {
                matches!(code, 0xA140..=0xA3BF | 0xA440..=0xC67E)
            } else if enc == SHIFT_JIS {
                matches!(code, 0x8140..=0x81FC | 0x829F..=0x8396 | 0x889F..=0x9872)
            } else if enc == EUC_KR {
                matches!(lead, 0xA1 | 0xB0..=0xC8) && trail >= 0xA1
            } else {
                false
            }
        }
        [b] if enc == WINDOWS_1252 => {
            matches!(
                b,
                0xC0..=0xFF | 0x8A | 0x8C | 0x8E | 0x9A | 0x9C | 0x9E | 0x9F
            ) && b != 0xD7
                && b != 0xF7
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::decode;
    use super::*;

    fn enc(e: &'static Encoding, s: &str) -> Vec<u8> {
        e.encode(s).0.into_owned()
    }

    #[test]
    fn valid_utf8_majority_required() {
        let gbk = enc(GBK, "这是一段完全用国标码写成的中文文字。");
        assert_eq!(plan(&gbk), None);
    }

    #[test]
    fn short_stretches_choose_by_common_characters() {
        let gbk = enc(GBK, "测试中文");
        assert_eq!(
            choose(&gbk, 0, gbk.len(), gbk.len()).map(|c| c.0),
            Some(GBK)
        );
        let big5 = enc(BIG5, "測試資料");
        assert_eq!(
            choose(&big5, 0, big5.len(), big5.len()).map(|c| c.0),
            Some(BIG5)
        );
    }

    #[test]
    fn too_few_bytes_stay_utf8() {
        assert_eq!(choose(b"\xD6\xD0", 0, 2, 2), None);
    }

    #[test]
    fn an_ascii_trail_byte_is_not_split() {
        // U+4E02 is GBK 81 40: the trail byte is '@'.
        let gbk = enc(GBK, "丂丂ab");
        assert_eq!(&gbk, b"\x81\x40\x81\x40ab");
        assert_eq!(align(GBK, &gbk, 0, 3, gbk.len()), 4);
    }

    /// The clean fixture sentences (one per line), for sweeps.
    fn sentences() -> Vec<String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/clean_sentences.txt"
        );
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    }

    /// A line in GBK or Big5 between two UTF-8 lines, and a stretch in the middle of a
    /// line, for every three consecutive fixture sentences: nearly all decode exactly. The
    /// misses are short lines (level-2 hanzi only) and GBK lines of kana, Cyrillic or box
    /// drawing, whose bytes chardetng reads as Big5.
    #[test]
    fn sweep_of_legacy_lines_in_utf8() {
        let lines = sentences();
        let (mut whole, mut whole_bad, mut mid, mut mid_bad) = (0, 0, 0, 0);
        for enc in [GBK, BIG5] {
            for w in lines.windows(3) {
                let (a, b, c) = (&w[0], &w[1], &w[2]);
                let (legacy, _, unmappable) = enc.encode(b);
                if unmappable {
                    continue;
                }
                let mut bytes = format!("{a}\n").into_bytes();
                bytes.extend_from_slice(&legacy);
                bytes.extend_from_slice(format!("\n{c}\n").as_bytes());
                whole += 1;
                whole_bad +=
                    usize::from(decode(&bytes).unwrap().text != format!("{a}\n{b}\n{c}\n"));

                let half: String = a.chars().take(a.chars().count() / 2).collect();
                let mut bytes = half.clone().into_bytes();
                bytes.extend_from_slice(&legacy);
                bytes.extend_from_slice(c.as_bytes());
                mid += 1;
                mid_bad += usize::from(decode(&bytes).unwrap().text != format!("{half}{b}{c}"));
            }
        }
        assert!(whole > 300 && mid > 300);
        assert!(
            whole_bad * 50 <= whole,
            "{whole_bad} of {whole} whole lines wrong"
        );
        assert!(
            mid_bad * 40 <= mid,
            "{mid_bad} of {mid} mid-line stretches wrong"
        );
    }

    /// Stray bytes and cut characters in UTF-8 text leave it UTF-8 (method `utf8`, with
    /// malformed sequences), except, rarely, two stray bytes a few characters apart.
    #[test]
    fn sweep_of_stray_bytes_in_utf8() {
        let lines = sentences();
        let mut seed = 12345u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let (mut n, mut mixed) = (0, 0);
        for w in lines.chunks(3) {
            let text = w.join("\n");
            for kind in 0..3 {
                let mut b = text.clone().into_bytes();
                let at = rnd() % b.len();
                match kind {
                    0 => b.insert(at, 0x80 + (rnd() % 128) as u8),
                    1 => {
                        b.insert(at, 0x80 + (rnd() % 128) as u8);
                        let at = rnd() % b.len();
                        b.insert(at, 0xA0 + (rnd() % 90) as u8);
                    }
                    _ => {
                        // Cut a three-byte character: drop its last byte.
                        let Some(i) = (at..b.len()).find(|&i| b[i] >= 0xE0) else {
                            continue;
                        };
                        b.remove(i + 2);
                    }
                }
                n += 1;
                let d = decode(&b).unwrap();
                if d.info.method != "utf8" {
                    mixed += 1;
                    assert_eq!(
                        kind, 1,
                        "one stray byte made {:?} {:?}",
                        d.info.method, d.text
                    );
                }
            }
        }
        assert!(n > 300);
        assert!(
            mixed * 50 <= n,
            "{mixed} of {n} damaged UTF-8 texts not UTF-8"
        );
    }
}
