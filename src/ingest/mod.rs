//! Ingest: bytes in, Unicode text out, with a record of how it was decoded.
//!
//! The order of decisions:
//! 1. an empty input is empty text (UTF-8);
//! 2. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides the encoding and is removed;
//! 3. input that looks binary (NUL bytes, or many control bytes) is refused;
//! 4. valid UTF-8 is taken as is;
//! 5. input that is not valid UTF-8, but in which at least half of the non-ASCII bytes lie
//!    in valid UTF-8 sequences, is decoded stretch by stretch (method `mixed`): the valid
//!    UTF-8 as UTF-8, and each stretch of invalid bytes in the legacy encoding detected for
//!    that stretch (GBK, Big5, Shift_JIS, EUC-KR or windows-1252), as happens when files
//!    are concatenated. A stretch that no candidate decodes cleanly, or that is too small
//!    to be another encoding (fewer than two legacy characters, or one stray byte away
//!    from valid UTF-8), stays UTF-8 with its bytes counted as malformed: one stray byte
//!    does not make a file mixed (method `utf8`, `malformed` > 0). `mixed.rs` has the
//!    rules;
//! 6. otherwise [`chardetng`] guesses the legacy encoding of the whole input and
//!    [`encoding_rs`] decodes it (GBK is decoded as GB18030, a superset, so four-byte
//!    sequences survive).
//!
//! Malformed byte sequences become U+FFFD; they are counted, and their positions are kept
//! in [`DecodeInfo::malformed_at`]. [`byte_offsets`] maps char offsets of the decoded text
//! back to byte offsets of the input.

mod binary;
mod mixed;
mod offsets;

pub use binary::looks_binary;
pub use offsets::byte_offsets;

use encoding_rs::{DecoderResult, Encoding, UTF_8};
use serde::{Deserialize, Serialize};

/// Decoded text and how it was obtained.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text, BOM removed.
    pub text: String,
    /// How the bytes were decoded.
    pub info: DecodeInfo,
}

/// How a byte stream was decoded (copied into the report's `source` member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodeInfo {
    /// The encoding's WHATWG name, e.g. `UTF-8`, `GBK`, `Big5`, `UTF-16LE`. For mixed input,
    /// the majority encoding: the one that decoded the most non-ASCII bytes.
    pub encoding: String,
    /// Whether the encoding was given by a BOM.
    pub bom: bool,
    /// How the encoding was chosen: `empty`, `bom`, `utf8` (UTF-8: valid, or the large
    /// majority valid with `malformed` sequences replaced), `detected` (one legacy encoding
    /// for the whole input) or `mixed` (stretches in different encodings: see `stretches`).
    pub method: String,
    /// Whether the choice is reliable. A BOM or valid UTF-8 is; a detected legacy encoding is
    /// when it decoded without errors and the input held enough non-ASCII bytes to judge
    /// (chardetng is weak on very short inputs). Mixed input is when every legacy stretch's
    /// encoding is.
    pub confident: bool,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub malformed: usize,
    /// For mixed input (method `mixed`), the stretches of the input in input order, covering
    /// it without gaps; adjacent stretches differ in encoding. Empty (and not serialised)
    /// when the whole input has one encoding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stretches: Vec<Stretch>,
    /// Char offsets into the decoded text of the U+FFFD characters that replaced malformed
    /// byte sequences, ascending (one per sequence; `malformed` is their number). Not
    /// serialised.
    #[serde(skip)]
    pub malformed_at: Vec<usize>,
}

/// A stretch of the input decoded with one encoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stretch {
    /// Byte offset into the input (the raw bytes) where the stretch starts.
    pub byte_start: usize,
    /// Byte offset into the input, one past the stretch.
    pub byte_end: usize,
    /// Char offset into the decoded text where the stretch's text starts.
    pub char_start: usize,
    /// Char offset into the decoded text, one past the stretch's text.
    pub char_end: usize,
    /// The stretch's encoding (WHATWG name).
    pub encoding: String,
}

/// Why bytes could not be taken as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    /// A short reason, e.g. `NUL bytes at offset 12`.
    pub reason: String,
}

/// Minimum number of non-ASCII bytes for a detected encoding to count as confident.
const CONFIDENT_NON_ASCII: usize = 24;

/// Decode `bytes` into text. Fails only when the bytes look binary.
///
/// ```
/// let gbk = encoding_rs::GBK.encode("中文文本，编码检测").0;
/// let d = wenxi::ingest::decode(&gbk).unwrap();
/// assert_eq!(d.text, "中文文本，编码检测");
/// assert_eq!(d.info.encoding, "GBK");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if bytes.is_empty() {
        return Ok(Decoded {
            text: String::new(),
            info: info(UTF_8, false, "empty", true, Vec::new()),
        });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, malformed_at) = decode_positions(enc, &bytes[bom_len..]);
        if enc == UTF_8 {
            binary::check_text(&text)?;
        }
        return Ok(Decoded {
            text,
            info: info(enc, true, "bom", true, malformed_at),
        });
    }
    binary::check_bytes(bytes)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            info: info(UTF_8, false, "utf8", true, Vec::new()),
        });
    }
    if let Some(pieces) = mixed::plan(bytes) {
        let decoded = decode_pieces(bytes, &pieces);
        binary::check_text(&decoded.text)?;
        return Ok(decoded);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, malformed_at) = decode_positions(enc, bytes);
    binary::check_text(&text)?;
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let confident = malformed_at.is_empty() && non_ascii >= CONFIDENT_NON_ASCII;
    Ok(Decoded {
        text,
        info: info(enc, false, "detected", confident, malformed_at),
    })
}

/// Decode the pieces of a mostly-UTF-8 input (see `mixed.rs`).
fn decode_pieces(bytes: &[u8], pieces: &[mixed::Piece]) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut chars = 0usize;
    let mut malformed_at = Vec::new();
    let mut stretches = Vec::with_capacity(pieces.len());
    let mut non_ascii: Vec<(&'static Encoding, usize)> = Vec::new();
    let mut confident = true;
    for p in pieces {
        let (piece, at) = decode_positions(p.enc, &bytes[p.start..p.end]);
        let n = piece.chars().count();
        malformed_at.extend(at.into_iter().map(|a| a + chars));
        stretches.push(Stretch {
            byte_start: p.start,
            byte_end: p.end,
            char_start: chars,
            char_end: chars + n,
            encoding: p.enc.name().to_owned(),
        });
        let na = bytes[p.start..p.end]
            .iter()
            .filter(|b| !b.is_ascii())
            .count();
        match non_ascii.iter_mut().find(|(e, _)| *e == p.enc) {
            Some(entry) => entry.1 += na,
            None => non_ascii.push((p.enc, na)),
        }
        confident &= p.confident;
        chars += n;
        text.push_str(&piece);
    }
    if let [only] = pieces {
        // One stray byte or a few: UTF-8 with malformed sequences, not a second encoding.
        // (Or, rarely, one legacy stretch that took in the whole input.)
        let method = if only.enc == UTF_8 {
            "utf8"
        } else {
            "detected"
        };
        return Decoded {
            text,
            info: info(only.enc, false, method, only.confident, malformed_at),
        };
    }
    // The majority encoding; on a tie, the first to appear.
    let majority = non_ascii
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map_or(UTF_8, |(e, _)| *e);
    let mut info = info(majority, false, "mixed", confident, malformed_at);
    info.stretches = stretches;
    Decoded { text, info }
}

fn info(
    enc: &'static Encoding,
    bom: bool,
    method: &str,
    confident: bool,
    malformed_at: Vec<usize>,
) -> DecodeInfo {
    DecodeInfo {
        encoding: enc.name().to_owned(),
        bom,
        method: method.to_owned(),
        confident,
        malformed: malformed_at.len(),
        stretches: Vec::new(),
        malformed_at,
    }
}

/// Decode without BOM sniffing, replacing and counting malformed sequences.
pub fn decode_counting(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let (text, at) = decode_positions(enc, bytes);
    (text, at.len())
}

/// Decode without BOM sniffing, replacing malformed sequences by U+FFFD; returns the text
/// and the char offset into it of each replacement.
pub fn decode_positions(enc: &'static Encoding, bytes: &[u8]) -> (String, Vec<usize>) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3)
        + 4;
    let mut out = String::with_capacity(cap);
    let mut src = bytes;
    let mut malformed_at = Vec::new();
    // Chars in `out[..counted]`, counted lazily at each malformed sequence.
    let (mut counted, mut chars) = (0usize, 0usize);
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        src = &src[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                chars += out[counted..].chars().count();
                malformed_at.push(chars);
                out.push('\u{FFFD}');
                chars += 1;
                counted = out.len();
            }
            DecoderResult::OutputFull => {
                out.reserve(src.len() * 3 + 16);
            }
        }
    }
    (out, malformed_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_empty_utf8() {
        let d = decode(b"").unwrap();
        assert_eq!(d.text, "");
        assert_eq!(d.info.method, "empty");
    }

    #[test]
    fn utf16le_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "中文 ok".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "中文 ok");
        assert_eq!(d.info.encoding, "UTF-16LE");
        assert!(d.info.bom);
    }

    #[test]
    fn utf8_bom_removed() {
        let d = decode("\u{FEFF}你好".as_bytes()).unwrap();
        assert_eq!(d.text, "你好");
        assert!(d.info.bom);
    }

    #[test]
    fn big5_detected() {
        let text = "臺灣的資訊產業發展迅速，許多公司在國際市場上具有競爭力。";
        let (bytes, _, _) = encoding_rs::BIG5.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.info.encoding, "Big5");
        assert_eq!(d.text, text);
        assert!(d.info.confident);
    }

    #[test]
    fn malformed_counted() {
        let (n_text, n) = decode_counting(UTF_8, b"ab\xFFcd\xFE");
        assert_eq!(n, 2);
        assert_eq!(n_text, "ab\u{FFFD}cd\u{FFFD}");
    }

    const UTF8_PART: &str = "第一部分是用统一码写的中文文本，内容比较长一些。\n";
    const UTF8_TAIL: &str = "第三部分又回到了统一码，文件到此结束。\n";

    /// `head` (UTF-8) + `mid` in `enc` + `tail` (UTF-8): the bytes, and the byte range of
    /// the legacy stretch (`mid` without its final newline).
    fn concat(
        head: &str,
        enc: &'static Encoding,
        mid: &str,
        tail: &str,
    ) -> (Vec<u8>, usize, usize) {
        let mut bytes = head.as_bytes().to_vec();
        let start = bytes.len();
        bytes.extend_from_slice(&enc.encode(mid).0);
        let end = bytes.len() - usize::from(mid.ends_with('\n'));
        bytes.extend_from_slice(tail.as_bytes());
        (bytes, start, end)
    }

    fn assert_mixed(bytes: &[u8], start: usize, end: usize, text: &str, legacy: &str) {
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.info.method, "mixed");
        assert_eq!(d.info.encoding, "UTF-8");
        assert_eq!(d.info.malformed, 0);
        let names: Vec<&str> = d
            .info
            .stretches
            .iter()
            .map(|s| s.encoding.as_str())
            .collect();
        assert_eq!(names, ["UTF-8", legacy, "UTF-8"]);
        let s = &d.info.stretches[1];
        assert_eq!((s.byte_start, s.byte_end), (start, end));
        let chars: Vec<char> = d.text.chars().collect();
        let head = UTF8_PART.chars().count() * 2;
        assert_eq!(s.char_start, head);
        let mid: String = chars[s.char_start..s.char_end].iter().collect();
        assert_eq!(
            format!("{mid}\n"),
            text.chars()
                .skip(head)
                .take(s.char_end - head + 1)
                .collect::<String>()
        );
        // The stretches cover the input and the text without gaps.
        assert_eq!(d.info.stretches[0].byte_start, 0);
        assert_eq!(d.info.stretches[2].byte_end, bytes.len());
        assert_eq!(d.info.stretches[2].char_end, chars.len());
        for w in d.info.stretches.windows(2) {
            assert_eq!(w[0].byte_end, w[1].byte_start);
            assert_eq!(w[0].char_end, w[1].char_start);
        }
    }

    #[test]
    fn utf8_with_a_gbk_stretch_is_mixed() {
        let gbk = "第二部分来自另一个文件，它使用国标码编码保存。\n";
        let head = UTF8_PART.repeat(2);
        let (bytes, start, end) = concat(&head, encoding_rs::GBK, gbk, UTF8_TAIL);
        let text = format!("{head}{gbk}{UTF8_TAIL}");
        assert_mixed(&bytes, start, end, &text, "GBK");
    }

    #[test]
    fn utf8_with_a_big5_stretch_is_mixed() {
        let big5 = "第二部分來自另一個檔案，它使用大五碼編碼儲存。\n";
        let head = UTF8_PART.repeat(2);
        let (bytes, start, end) = concat(&head, encoding_rs::BIG5, big5, UTF8_TAIL);
        let text = format!("{head}{big5}{UTF8_TAIL}");
        assert_mixed(&bytes, start, end, &text, "Big5");
    }

    #[test]
    fn a_short_gbk_stretch_mid_line_is_found() {
        let (bytes, start, end) = concat(
            "统一码文本：",
            encoding_rs::GBK,
            "国标文字",
            "，后面还是统一码。",
        );
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "统一码文本：国标文字，后面还是统一码。");
        assert_eq!(d.info.method, "mixed");
        let s = &d.info.stretches[1];
        assert_eq!(
            (s.byte_start, s.byte_end, s.encoding.as_str()),
            (start, end, "GBK")
        );
        assert_eq!((s.char_start, s.char_end), (6, 10));
        assert!(!d.info.confident, "four characters are too few to be sure");
    }

    #[test]
    fn one_stray_byte_stays_utf8() {
        let mut bytes = UTF8_PART.repeat(2).into_bytes();
        bytes.insert(UTF8_PART.len() + 6, 0xB7);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.info.method, "utf8");
        assert_eq!(d.info.encoding, "UTF-8");
        assert_eq!(d.info.malformed, 1);
        assert!(d.info.stretches.is_empty());
        let at = UTF8_PART.chars().count() + 2;
        assert_eq!(d.info.malformed_at, [at]);
        assert_eq!(d.text.chars().nth(at), Some('\u{FFFD}'));
        assert_eq!(d.text.replace('\u{FFFD}', ""), UTF8_PART.repeat(2));
    }

    #[test]
    fn a_latin1_word_stays_utf8() {
        let mut bytes = "中文里夹着一个词：".as_bytes().to_vec();
        bytes.extend_from_slice(b"caf\xE9, ");
        bytes.extend_from_slice("然后继续写中文。".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.info.method, "utf8");
        assert_eq!(d.info.malformed, 1);
    }

    #[test]
    fn ascii_with_gbk_is_detected_gbk() {
        let (bytes, _, _) = concat(
            "plain ascii\n",
            encoding_rs::GBK,
            "国标码编码的中文文本，足够长的一段话。\n",
            "more ascii\n",
        );
        let d = decode(&bytes).unwrap();
        assert_eq!(d.info.method, "detected");
        assert_eq!(d.info.encoding, "GBK");
        assert!(d.info.stretches.is_empty());
    }

    #[test]
    fn stretches_are_serialised_only_when_mixed() {
        let d = decode("纯文本".as_bytes()).unwrap();
        let v = serde_json::to_value(&d.info).unwrap();
        assert!(v.get("stretches").is_none());
        assert!(v.get("malformed_at").is_none());
        let (bytes, _, _) = concat(
            &UTF8_PART.repeat(2),
            encoding_rs::GBK,
            "国标码编码的中文文本，足够长的一段话。\n",
            "",
        );
        let v = serde_json::to_value(decode(&bytes).unwrap().info).unwrap();
        assert_eq!(v["stretches"][1]["encoding"], "GBK");
    }

    #[test]
    fn binary_refused() {
        let bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(decode(bytes).is_err());
    }
}
