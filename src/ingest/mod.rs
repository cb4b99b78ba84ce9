//! Ingest: bytes in, Unicode text out, with a record of how it was decoded.
//!
//! The order of decisions:
//! 1. an empty input is empty text (UTF-8);
//! 2. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides the encoding and is removed;
//! 3. input that looks binary (NUL bytes, or many control bytes) is refused;
//! 4. valid UTF-8 is taken as is;
//! 5. otherwise [`chardetng`] guesses the legacy encoding and [`encoding_rs`] decodes it
//!    (GBK is decoded as GB18030, a superset, so four-byte sequences survive).
//!
//! Malformed byte sequences become U+FFFD and are counted.

mod binary;

pub use binary::looks_binary;

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

/// How a byte stream was decoded (part of the report's `source` member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodeInfo {
    /// The encoding's WHATWG name, e.g. `UTF-8`, `GBK`, `Big5`, `UTF-16LE`.
    pub encoding: String,
    /// Whether the encoding was given by a BOM.
    pub bom: bool,
    /// How the encoding was chosen: `empty`, `bom`, `utf8` (valid UTF-8) or `detected`.
    pub method: String,
    /// Whether the choice is reliable. A BOM or valid UTF-8 is; a detected legacy encoding is
    /// when it decoded without errors and the input held enough non-ASCII bytes to judge
    /// (chardetng is weak on very short inputs).
    pub confident: bool,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub malformed: usize,
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
            info: info(UTF_8, false, "empty", true, 0),
        });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, malformed) = decode_counting(enc, &bytes[bom_len..]);
        if enc == UTF_8 {
            binary::check_text(&text)?;
        }
        return Ok(Decoded {
            text,
            info: info(enc, true, "bom", true, malformed),
        });
    }
    binary::check_bytes(bytes)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            info: info(UTF_8, false, "utf8", true, 0),
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, malformed) = decode_counting(enc, bytes);
    binary::check_text(&text)?;
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let confident = malformed == 0 && non_ascii >= CONFIDENT_NON_ASCII;
    Ok(Decoded {
        text,
        info: info(enc, false, "detected", confident, malformed),
    })
}

fn info(
    enc: &'static Encoding,
    bom: bool,
    method: &str,
    confident: bool,
    malformed: usize,
) -> DecodeInfo {
    DecodeInfo {
        encoding: enc.name().to_owned(),
        bom,
        method: method.to_owned(),
        confident,
        malformed,
    }
}

/// Decode without BOM sniffing, replacing and counting malformed sequences.
pub fn decode_counting(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3)
        + 4;
    let mut out = String::with_capacity(cap);
    let mut src = bytes;
    let mut malformed = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        src = &src[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                malformed += 1;
                out.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => {
                out.reserve(src.len() * 3 + 16);
            }
        }
    }
    (out, malformed)
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

    #[test]
    fn binary_refused() {
        let bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(decode(bytes).is_err());
    }
}
