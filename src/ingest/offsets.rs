//! From char offsets of the decoded text back to byte offsets of the input.

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use super::DecodeInfo;

/// Map char offsets into the text that [`decode`](super::decode) made of `bytes` (with
/// `info`, its record) to byte offsets into `bytes`: where each char's bytes start. An
/// offset at or past the end of the text maps to `bytes.len()`; a char that replaced a
/// malformed sequence maps to the sequence's first byte. The result is in the order of
/// `chars`, which need not be sorted.
///
/// This decodes the input again, a byte at a time, so call it once with every offset you
/// need.
///
/// ```
/// let bytes = encoding_rs::GBK.encode("中文 ok").0;
/// let d = wenxi::ingest::decode(&bytes).unwrap();
/// assert_eq!(wenxi::ingest::byte_offsets(&bytes, &d.info, &[0, 1, 2, 3, 5]), [0, 2, 4, 5, 7]);
/// ```
pub fn byte_offsets(bytes: &[u8], info: &DecodeInfo, chars: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..chars.len()).collect();
    order.sort_by_key(|&i| chars[i]);
    let mut out = vec![bytes.len(); chars.len()];
    let mut queries = order.into_iter().peekable();
    let pieces: Vec<(usize, usize, usize, &'static Encoding)> = if info.stretches.is_empty() {
        let enc = Encoding::for_label(info.encoding.as_bytes()).unwrap_or(UTF_8);
        let start = if info.bom {
            Encoding::for_bom(bytes).map_or(0, |(_, n)| n)
        } else {
            0
        };
        vec![(start, bytes.len(), 0, enc)]
    } else {
        info.stretches
            .iter()
            .map(|s| {
                let enc = Encoding::for_label(s.encoding.as_bytes()).unwrap_or(UTF_8);
                (s.byte_start, s.byte_end, s.char_start, enc)
            })
            .collect()
    };
    for (start, end, char_start, enc) in pieces {
        let mut walk = Walk {
            decoder: enc.new_decoder_without_bom_handling(),
            buf: String::with_capacity(32),
            chars: char_start,
            pending: start,
        };
        for pos in start..=end {
            let (src, last) = if pos < end {
                (&bytes[pos..pos + 1], false)
            } else {
                (&bytes[end..end], true)
            };
            walk.feed(src, pos, last, &mut |c, b| {
                while let Some(&q) = queries.peek() {
                    if chars[q] > c {
                        break;
                    }
                    out[q] = b;
                    queries.next();
                }
            });
        }
    }
    out
}

/// A decoder fed one byte at a time, reporting where each char starts.
struct Walk {
    decoder: encoding_rs::Decoder,
    buf: String,
    /// Chars produced so far (offset of the next char in the decoded text).
    chars: usize,
    /// Byte offset where the next char's bytes start.
    pending: usize,
}

impl Walk {
    /// Feed `src` (the byte at `pos`, or nothing at the end); `emit(char_offset, byte)` is
    /// called for each char produced, in order.
    fn feed(
        &mut self,
        mut src: &[u8],
        pos: usize,
        last: bool,
        emit: &mut impl FnMut(usize, usize),
    ) {
        let mut consumed = pos;
        loop {
            self.buf.clear();
            self.buf.reserve(32);
            let (result, read) =
                self.decoder
                    .decode_to_string_without_replacement(src, &mut self.buf, last);
            src = &src[read..];
            consumed += read;
            let n = self.buf.chars().count();
            for _ in 0..n {
                emit(self.chars, self.pending);
                self.chars += 1;
            }
            if n > 0 {
                self.pending = consumed;
            }
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(len, extra) => {
                    let at = consumed.saturating_sub(usize::from(len) + usize::from(extra));
                    emit(self.chars, at.min(self.pending));
                    self.chars += 1;
                    self.pending = consumed - usize::from(extra);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::decode;
    use super::*;

    fn all_offsets(bytes: &[u8]) -> (String, Vec<usize>) {
        let d = decode(bytes).unwrap();
        let n = d.text.chars().count();
        let q: Vec<usize> = (0..=n).collect();
        (d.text.clone(), byte_offsets(bytes, &d.info, &q))
    }

    #[test]
    fn utf8_offsets_are_char_indices() {
        let text = "ab中文\n，ok🙂!";
        let (_, got) = all_offsets(text.as_bytes());
        let mut want: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        want.push(text.len());
        assert_eq!(got, want);
    }

    #[test]
    fn malformed_utf8_maps_to_the_bad_byte() {
        let bytes = "中文中文中文中文中文\u{FF01}".as_bytes();
        let mut b = bytes.to_vec();
        b.insert(6, 0xFF);
        b.insert(13, b'x');
        let (text, got) = all_offsets(&b);
        assert_eq!(text, "中文\u{FFFD}中文x中文中文中文\u{FF01}");
        assert_eq!(&got[..7], [0, 3, 6, 7, 10, 13, 14]);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "中a🙂b".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (_, got) = all_offsets(&bytes);
        assert_eq!(got, [2, 4, 6, 10, 12]);
    }

    #[test]
    fn unsorted_queries_keep_their_order() {
        let bytes = "一二三".as_bytes();
        let d = decode(bytes).unwrap();
        assert_eq!(byte_offsets(bytes, &d.info, &[2, 0, 3, 1]), [6, 0, 9, 3]);
    }
}
