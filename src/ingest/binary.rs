//! Telling text from binary data.

use super::NotText;

/// How many leading bytes are inspected for NUL bytes.
const SNIFF_LEN: usize = 64 * 1024;

/// Whether `bytes` look like binary data rather than text in any supported encoding.
/// UTF-16 without a BOM counts as binary (it is full of NUL bytes); with a BOM it is text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    encoding_rs::Encoding::for_bom(bytes).is_none() && check_bytes(bytes).is_err()
}

/// Refuse input with NUL bytes near its start (no text encoding we decode without a BOM
/// uses them).
pub(crate) fn check_bytes(bytes: &[u8]) -> Result<(), NotText> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(NotText {
            reason: format!("NUL byte at offset {pos}"),
        });
    }
    Ok(())
}

/// Refuse decoded text in which more than 10% of the first chars are control characters
/// other than tab, newline, carriage return and form feed.
pub(crate) fn check_text(text: &str) -> Result<(), NotText> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(SNIFF_LEN) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') {
            control += 1;
        }
    }
    if total >= 16 && control * 10 > total {
        return Err(NotText {
            reason: format!("{control} control characters in the first {total}"),
        });
    }
    Ok(())
}
