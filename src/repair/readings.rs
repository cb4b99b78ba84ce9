//! Candidate re-readings of a garbled run: undo a wrong decoding by re-encoding the text
//! with the encoding that produced it and decoding the bytes with the right one.

use encoding_rs::{BIG5, GBK, UTF_8, WINDOWS_1252};

use super::codec::{
    decode_strict, encode_latin1, encode_strict, gb_encode, is_gbk_lead, is_gbk_trail,
};

/// The kinds of mojibake wenxi undoes. The names are those of the report's `kind` member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// UTF-8 bytes decoded as GBK/GB18030 (`涓枃`).
    Utf8AsGbk,
    /// UTF-8 bytes decoded as windows-1252 (`ä¸­æ–‡`).
    Utf8AsCp1252,
    /// UTF-8 bytes decoded as ISO-8859-1.
    Utf8AsLatin1,
    /// GBK bytes decoded as windows-1252 (`ÖÐÎÄ`).
    GbkAsCp1252,
    /// GBK bytes decoded as ISO-8859-1.
    GbkAsLatin1,
    /// Big5 bytes decoded as GBK.
    Big5AsGbk,
    /// GBK bytes decoded as Big5.
    GbkAsBig5,
    /// A GBK stream decoded one byte late.
    GbkMisaligned,
}

impl Kind {
    /// The kind's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Utf8AsGbk => "utf8-as-gbk",
            Kind::Utf8AsCp1252 => "utf8-as-cp1252",
            Kind::Utf8AsLatin1 => "utf8-as-latin1",
            Kind::GbkAsCp1252 => "gbk-as-cp1252",
            Kind::GbkAsLatin1 => "gbk-as-latin1",
            Kind::Big5AsGbk => "big5-as-gbk",
            Kind::GbkAsBig5 => "gbk-as-big5",
            Kind::GbkMisaligned => "gbk-misaligned",
        }
    }

    /// Whether the garbled text was made by a double-byte decoder (GBK or Big5), which turns
    /// Chinese text mostly into Han characters.
    pub fn from_double_byte(self) -> bool {
        matches!(
            self,
            Kind::Utf8AsGbk | Kind::Big5AsGbk | Kind::GbkAsBig5 | Kind::GbkMisaligned
        )
    }

    /// Whether the original bytes were UTF-8: a reading must then be valid UTF-8, which
    /// random text seldom is, so even a short stretch is good evidence.
    pub fn to_utf8(self) -> bool {
        matches!(
            self,
            Kind::Utf8AsGbk | Kind::Utf8AsCp1252 | Kind::Utf8AsLatin1
        )
    }

    /// Every kind, in the order they are tried.
    pub const ALL: [Kind; 8] = [
        Kind::Utf8AsGbk,
        Kind::Utf8AsCp1252,
        Kind::Utf8AsLatin1,
        Kind::GbkAsCp1252,
        Kind::GbkAsLatin1,
        Kind::Big5AsGbk,
        Kind::GbkAsBig5,
        Kind::GbkMisaligned,
    ];
}

/// A byte lost at the edge of a run, to be inferred from context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lost {
    /// The lead byte is lost; the trail byte survived.
    Lead {
        /// The surviving trail byte.
        trail: u8,
    },
    /// The trail byte is lost; the lead byte survived.
    Trail {
        /// The surviving lead byte.
        lead: u8,
    },
    /// A GBK character that a Big5 decoder could not read: both its bytes were replaced by
    /// one U+FFFD.
    GbkPair,
    /// The last bytes of a UTF-8 sequence are lost; its first `len` bytes survived.
    Utf8 {
        /// The surviving bytes (the first `len` are meaningful).
        prefix: [u8; 3],
        /// How many bytes survived.
        len: u8,
    },
}

impl Lost {
    /// The surviving bytes in hex, `??` for each lost one, e.g. `?? E1`, `E3 80 ??`.
    pub fn label(&self) -> String {
        match *self {
            Lost::Lead { trail } => format!("?? {trail:02X}"),
            Lost::Trail { lead } => format!("{lead:02X} ??"),
            Lost::GbkPair => "?? ??".to_owned(),
            Lost::Utf8 { prefix, len } => {
                let total = utf8_len(prefix[0]);
                let mut parts: Vec<String> = prefix[..usize::from(len)]
                    .iter()
                    .map(|b| format!("{b:02X}"))
                    .collect();
                parts.extend(std::iter::repeat_n(
                    "??".to_owned(),
                    total.saturating_sub(usize::from(len)),
                ));
                parts.join(" ")
            }
        }
    }
}

/// Length of the UTF-8 sequence that `lead` starts (0 if it starts none).
pub fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// One piece of a reading: decoded text, or a character to infer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text decoded from surviving bytes.
    Text(String),
    /// A character whose other byte was lost.
    Lost(Lost),
}

/// A candidate reading of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// What was undone.
    pub kind: Kind,
    /// The reading, in order.
    pub pieces: Vec<Piece>,
}

impl Reading {
    fn text(kind: Kind, text: String) -> Self {
        Reading {
            kind,
            pieces: vec![Piece::Text(text)],
        }
    }
}

/// Every reading of `run` under `kind` (none when the bytes do not decode cleanly).
pub fn read_as(kind: Kind, run: &str) -> Option<Reading> {
    let text = match kind {
        Kind::Utf8AsGbk => return utf8_reading(kind, run, gb_encode),
        Kind::Utf8AsCp1252 => return utf8_reading(kind, run, |t| encode_strict(WINDOWS_1252, t)),
        Kind::Utf8AsLatin1 => return utf8_reading(kind, run, encode_latin1),
        Kind::GbkAsCp1252 => decode_strict(GBK, &encode_strict(WINDOWS_1252, run)?)?,
        Kind::GbkAsLatin1 => decode_strict(GBK, &encode_latin1(run)?)?,
        Kind::Big5AsGbk => decode_strict(BIG5, &gb_encode(run)?)?,
        Kind::GbkAsBig5 => return gbk_as_big5(run),
        Kind::GbkMisaligned => return misaligned(run),
    };
    (text != run).then(|| Reading::text(kind, text))
}

/// GBK bytes read as Big5: re-encode as Big5 and decode as GBK. Each U+FFFD stands for a
/// GBK character whose pair of bytes Big5 could not read (both bytes are consumed), to be
/// inferred.
fn gbk_as_big5(run: &str) -> Option<Reading> {
    let mut pieces = Vec::new();
    for (i, part) in run.split('\u{FFFD}').enumerate() {
        if i > 0 {
            pieces.push(Piece::Lost(Lost::GbkPair));
        }
        if !part.is_empty() {
            pieces.push(Piece::Text(decode_strict(
                GBK,
                &encode_strict(BIG5, part)?,
            )?));
        }
    }
    let same = matches!(pieces.as_slice(), [Piece::Text(t)] if t == run);
    (!same && !pieces.is_empty()).then_some(Reading {
        kind: Kind::GbkAsBig5,
        pieces,
    })
}

/// `run` without a final mark of a swallowed byte: U+FFFD (WHATWG decoders) or `?` after a
/// non-ASCII char (legacy Windows decoders).
pub fn strip_lost_marker(run: &str) -> &str {
    if let Some(core) = run.strip_suffix('\u{FFFD}') {
        return core;
    }
    match run.strip_suffix('?') {
        Some(core) if core.chars().next_back().is_some_and(|c| !c.is_ascii()) => core,
        _ => run,
    }
}

/// Whether `c` may mark a swallowed byte.
pub fn is_lost_marker(c: char) -> bool {
    c == '\u{FFFD}' || c == '?'
}

/// UTF-8 bytes read with a legacy decoder: re-encode with `encode` and decode as UTF-8. A
/// U+FFFD at the end of the run stands for a byte the legacy decoder swallowed; the UTF-8
/// sequence it belonged to is cut short, and its character is to be inferred.
fn utf8_reading(
    kind: Kind,
    run: &str,
    encode: impl Fn(&str) -> Option<Vec<u8>>,
) -> Option<Reading> {
    let core = strip_lost_marker(run);
    let lossy = core.len() != run.len();
    let bytes = encode(core)?;
    if !lossy {
        let text = decode_strict(UTF_8, &bytes)?;
        return (text != run).then(|| Reading::text(kind, text));
    }
    let valid = match std::str::from_utf8(&bytes) {
        Ok(_) => return None,
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        Err(_) => return None,
    };
    let rest = &bytes[valid..];
    if rest.is_empty() || rest.len() >= 3 || utf8_len(rest[0]) <= rest.len() {
        return None;
    }
    let mut prefix = [0u8; 3];
    prefix[..rest.len()].copy_from_slice(rest);
    let text = decode_strict(UTF_8, &bytes[..valid])?;
    Some(Reading {
        kind,
        pieces: vec![
            Piece::Text(text),
            Piece::Lost(Lost::Utf8 {
                prefix,
                len: rest.len() as u8,
            }),
        ],
    })
}

/// Stretches `[start, end)` of `chars` whose bytes, re-encoded as GBK, windows-1252 or
/// ISO-8859-1, form valid UTF-8 with at least one multi-byte sequence: where UTF-8 read with
/// a legacy decoder may sit inside clean text. A U+FFFD right after a stretch whose bytes end
/// in a cut UTF-8 sequence is taken in (a swallowed last byte).
pub fn utf8_stretches(chars: &[char]) -> Vec<(usize, usize)> {
    type Encoder = fn(&str) -> Option<Vec<u8>>;
    let encoders: [Encoder; 3] = [gb_encode, |t| encode_strict(WINDOWS_1252, t), encode_latin1];
    let mut out = Vec::new();
    for encode in encoders {
        let bytes: Vec<Option<Vec<u8>>> = chars.iter().map(|c| encode(&c.to_string())).collect();
        let mut i = 0;
        while i < chars.len() {
            let mut buf: Vec<u8> = Vec::new();
            // every end where the bytes so far are complete UTF-8; the last is the longest
            let mut ends = Vec::new();
            let mut j = i;
            while j < chars.len() {
                let Some(b) = &bytes[j] else { break };
                buf.extend_from_slice(b);
                j += 1;
                match std::str::from_utf8(&buf) {
                    Ok(s) if !s.is_ascii() => ends.push(j),
                    Ok(_) => {}
                    Err(e) if e.error_len().is_none() => {
                        if chars.get(j).is_some_and(|&c| is_lost_marker(c)) {
                            ends.push(j + 1);
                        }
                    }
                    Err(_) => break,
                }
            }
            ends.retain(|&end| end >= i + 2);
            match ends.last() {
                Some(&last) => {
                    out.extend(ends.iter().map(|&end| (i, end)));
                    // A first char that is a whole UTF-8 sequence by itself (`要`, D2 AA, reads
                    // as `Ҫ`) may be clean text before the stretch: try without it too.
                    let alone = bytes[i]
                        .as_deref()
                        .is_some_and(|b| b.len() > 1 && std::str::from_utf8(b).is_ok());
                    i = if alone { i + 1 } else { last };
                }
                None => i += 1,
            }
        }
    }
    out
}

/// Shortest run (in chars) read as a misaligned GBK stream.
pub const MIN_MISALIGNED: usize = 6;
/// Shortest run read so when it ends in the mark of a swallowed byte.
pub const MIN_MISALIGNED_LOSSY: usize = 2;

/// A GBK stream decoded one byte late: the run's bytes are the original's without its first
/// byte. Re-encode, take the first byte as the trail of a character whose lead was lost, and
/// decode the rest; a lead byte left over at the end (often shown as U+FFFD, since its trail
/// was swallowed) is a character whose trail was lost.
fn misaligned(run: &str) -> Option<Reading> {
    let core = run.trim_end_matches('\u{FFFD}');
    let lost_end = core.len() != run.len();
    if run.len() - core.len() > '\u{FFFD}'.len_utf8() {
        return None;
    }
    // A short run gives too little evidence for inventing its edge characters, unless a
    // swallowed byte at its end says that the decoder was out of step.
    let min = if lost_end {
        MIN_MISALIGNED_LOSSY
    } else {
        MIN_MISALIGNED
    };
    if core.chars().count() < min {
        return None;
    }
    let bytes = gb_encode(core)?;
    if bytes.len() < 3 {
        return None;
    }
    let mut pieces = Vec::new();
    let first = bytes[0];
    if !is_gbk_trail(first) || first.is_ascii() {
        return None;
    }
    pieces.push(Piece::Lost(Lost::Lead { trail: first }));
    let mut rest = &bytes[1..];
    let mut tail = None;
    if let Some((&last, body)) = rest.split_last()
        && is_gbk_lead(last)
        && (lost_end || decode_strict(GBK, rest).is_none())
        && decode_strict(GBK, body).is_some()
    {
        tail = Some(last);
        rest = body;
    }
    pieces.push(Piece::Text(decode_strict(GBK, rest)?));
    if let Some(lead) = tail {
        pieces.push(Piece::Lost(Lost::Trail { lead }));
    } else if lost_end {
        return None;
    }
    Some(Reading {
        kind: Kind::GbkMisaligned,
        pieces,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_as_gbk() {
        let garbled = encoding_rs::GBK
            .decode("中文文本".as_bytes())
            .0
            .into_owned();
        let r = read_as(Kind::Utf8AsGbk, &garbled).unwrap();
        assert_eq!(r.pieces, [Piece::Text("中文文本".to_owned())]);
    }

    #[test]
    fn utf8_as_cp1252() {
        let garbled = encoding_rs::WINDOWS_1252
            .decode("中文".as_bytes())
            .0
            .into_owned();
        let r = read_as(Kind::Utf8AsCp1252, &garbled).unwrap();
        assert_eq!(r.pieces, [Piece::Text("中文".to_owned())]);
    }

    #[test]
    fn misaligned_with_lost_edges() {
        let orig = encoding_rs::GBK
            .encode("会成功，他很直白地认为")
            .0
            .into_owned();
        let mut shifted = orig[1..].to_vec();
        shifted.push(b' ');
        let garbled = encoding_rs::GBK.decode(&shifted).0.into_owned();
        let garbled = garbled.trim_end();
        let r = read_as(Kind::GbkMisaligned, garbled).unwrap();
        assert_eq!(
            r.pieces,
            [
                Piece::Lost(Lost::Lead { trail: 0xE1 }),
                Piece::Text("成功，他很直白地认".to_owned()),
                Piece::Lost(Lost::Trail { lead: 0xCE }),
            ]
        );
    }

    #[test]
    fn utf8_as_gbk_with_swallowed_last_byte() {
        // 。 is E3 80 82; a GBK decoder reads E3 80 as 銆 and swallows 82 before a newline
        let r = read_as(Kind::Utf8AsGbk, "鍘嗗彶銆\u{FFFD}").unwrap();
        assert_eq!(
            r.pieces,
            [
                Piece::Text("历史".to_owned()),
                Piece::Lost(Lost::Utf8 {
                    prefix: [0xE3, 0x80, 0],
                    len: 2
                }),
            ]
        );
        assert_eq!(
            Lost::Utf8 {
                prefix: [0xE3, 0x80, 0],
                len: 2
            }
            .label(),
            "E3 80 ??"
        );
    }

    #[test]
    fn finds_utf8_stretch_inside_clean_text() {
        let garbled = encoding_rs::GBK.decode("行两".as_bytes()).0.into_owned();
        let text: Vec<char> = format!("岘港会举{garbled}年一度").chars().collect();
        assert!(utf8_stretches(&text).contains(&(4, 7)));
    }

    #[test]
    fn clean_text_has_no_strict_utf8_reading() {
        assert!(read_as(Kind::Utf8AsGbk, "今天天气很好").is_none());
    }
}
