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
        matches!(self, Kind::Utf8AsGbk | Kind::Big5AsGbk | Kind::GbkAsBig5 | Kind::GbkMisaligned)
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        Kind::Utf8AsGbk => decode_strict(UTF_8, &gb_encode(run)?)?,
        Kind::Utf8AsCp1252 => decode_strict(UTF_8, &encode_strict(WINDOWS_1252, run)?)?,
        Kind::Utf8AsLatin1 => decode_strict(UTF_8, &encode_latin1(run)?)?,
        Kind::GbkAsCp1252 => decode_strict(GBK, &encode_strict(WINDOWS_1252, run)?)?,
        Kind::GbkAsLatin1 => decode_strict(GBK, &encode_latin1(run)?)?,
        Kind::Big5AsGbk => decode_strict(BIG5, &gb_encode(run)?)?,
        Kind::GbkAsBig5 => decode_strict(GBK, &encode_strict(BIG5, run)?)?,
        Kind::GbkMisaligned => return misaligned(run),
    };
    (text != run).then(|| Reading::text(kind, text))
}

/// Shortest run (in chars) read as a misaligned GBK stream.
pub const MIN_MISALIGNED: usize = 6;

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
    // A short run gives too little evidence for inventing its edge characters.
    if core.chars().count() < MIN_MISALIGNED {
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
        let orig = encoding_rs::GBK.encode("会成功，认为").0.into_owned();
        let mut shifted = orig[1..].to_vec();
        shifted.push(b' ');
        let garbled = encoding_rs::GBK.decode(&shifted).0.into_owned();
        let garbled = garbled.trim_end();
        let r = read_as(Kind::GbkMisaligned, garbled).unwrap();
        assert_eq!(
            r.pieces,
            [
                Piece::Lost(Lost::Lead { trail: 0xE1 }),
                Piece::Text("成功，认".to_owned()),
                Piece::Lost(Lost::Trail { lead: 0xCE }),
            ]
        );
    }

    #[test]
    fn clean_text_has_no_strict_utf8_reading() {
        assert!(read_as(Kind::Utf8AsGbk, "今天天气很好").is_none());
    }
}
