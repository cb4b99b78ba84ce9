//! Strict re-encoding and re-decoding: the byte-level half of every repair.

use encoding_rs::{Encoding, GB18030, GBK};

/// Encode `text` with `enc`, failing on any character the encoding cannot represent.
pub fn encode_strict(enc: &'static Encoding, text: &str) -> Option<Vec<u8>> {
    let mut encoder = enc.new_encoder();
    let mut out = Vec::with_capacity(text.len() * 2 + 8);
    let mut src = text;
    loop {
        out.reserve(src.len() * 2 + 8);
        let (result, read) =
            encoder.encode_from_utf8_to_vec_without_replacement(src, &mut out, true);
        src = &src[read..];
        match result {
            encoding_rs::EncoderResult::InputEmpty => return Some(out),
            encoding_rs::EncoderResult::Unmappable(_) => return None,
            encoding_rs::EncoderResult::OutputFull => {}
        }
    }
}

/// Encode as ISO-8859-1: every char must be at most U+00FF.
pub fn encode_latin1(text: &str) -> Option<Vec<u8>> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}

/// Decode `bytes` with `enc`, failing on any malformed sequence.
pub fn decode_strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// The GBK family encoder used for re-encoding: GBK first (it writes `€` as the single
/// byte 0x80, as a GBK decoder reads it), GB18030 for what GBK cannot represent (it
/// round-trips every char GBK decoding can produce, private-use ones included).
pub fn gb_encode(text: &str) -> Option<Vec<u8>> {
    encode_strict(GBK, text).or_else(|| encode_strict(GB18030, text))
}

/// Decode exactly one two-byte GBK character, `None` if the pair is not one.
pub fn gbk_pair(lead: u8, trail: u8) -> Option<char> {
    let s = decode_strict(GBK, &[lead, trail])?;
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// Whether `b` can lead a two-byte GBK character.
pub fn is_gbk_lead(b: u8) -> bool {
    (0x81..=0xFE).contains(&b)
}

/// Whether `b` can trail a two-byte GBK character.
pub fn is_gbk_trail(b: u8) -> bool {
    (0x40..=0xFE).contains(&b) && b != 0x7F
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_use_round_trips_through_gb18030() {
        let bytes = gb_encode("\u{E000}").unwrap();
        assert_eq!(bytes, [0xAA, 0xA1]);
        assert_eq!(decode_strict(GBK, &bytes).unwrap(), "\u{E000}");
    }

    #[test]
    fn pair_decoding() {
        assert_eq!(gbk_pair(0xBB, 0xE1), Some('会'));
        assert_eq!(gbk_pair(0xCE, 0xAA), Some('为'));
        assert_eq!(gbk_pair(0xCE, 0x20), None);
    }

    #[test]
    fn latin1() {
        assert_eq!(encode_latin1("ä"), Some(vec![0xE4]));
        assert_eq!(encode_latin1("中"), None);
    }
}
