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
    /// Big5 bytes decoded as windows-1252 (`¤¤¤å`).
    Big5AsCp1252,
    /// Big5 bytes decoded as ISO-8859-1.
    Big5AsLatin1,
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
            Kind::Big5AsCp1252 => "big5-as-cp1252",
            Kind::Big5AsLatin1 => "big5-as-latin1",
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

    /// Whether GBK or Big5 bytes were decoded as windows-1252 or ISO-8859-1, which turns
    /// Chinese text into Latin-1 letters and symbols (`ÖÐÎÄ`).
    pub fn from_single_byte(self) -> bool {
        matches!(
            self,
            Kind::GbkAsCp1252 | Kind::GbkAsLatin1 | Kind::Big5AsCp1252 | Kind::Big5AsLatin1
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
    pub const ALL: [Kind; 10] = [
        Kind::Utf8AsGbk,
        Kind::Utf8AsCp1252,
        Kind::Utf8AsLatin1,
        Kind::GbkAsCp1252,
        Kind::GbkAsLatin1,
        Kind::Big5AsCp1252,
        Kind::Big5AsLatin1,
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
    /// Bytes inside a UTF-8 sequence are lost (a decoder replaced them by one U+FFFD and
    /// went on); the others survived.
    Hole {
        /// The sequence's bytes (the first `len` are meaningful; lost ones are 0).
        bytes: [u8; 4],
        /// The sequence's length.
        len: u8,
        /// Which bytes are lost (bit i: byte i).
        mask: u8,
        /// What the lost bytes may be.
        hole: HoleBytes,
        /// The byte after the sequence, if known (a GBK decoder's failure depends on it).
        after: Option<u8>,
    },
    /// One byte of a GBK pair read as windows-1252 is lost: a byte that code page does not
    /// define, replaced by U+FFFD.
    Cp1252Gap {
        /// The byte that survived.
        known: u8,
        /// Whether the lost byte is the lead (else the trail).
        lead_lost: bool,
    },
    /// One byte of a double-byte pair read with the other double-byte encoding is lost: a
    /// byte that decoder could not read there (see [`HoleBytes`]), replaced by U+FFFD, after
    /// which it read on from the next byte.
    PairGap {
        /// Whether the pair is Big5 (read as GBK); else GBK (read as Big5).
        big5: bool,
        /// The byte that survived.
        known: u8,
        /// Whether the lost byte is the lead (else the trail).
        lead_lost: bool,
        /// The byte after the lost one, when the trail is lost (the decoder's failure
        /// depends on it).
        next: Option<u8>,
    },
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
            Lost::Cp1252Gap {
                known,
                lead_lost: true,
            }
            | Lost::PairGap {
                known,
                lead_lost: true,
                ..
            } => format!("?? {known:02X}"),
            Lost::Cp1252Gap { known, .. } | Lost::PairGap { known, .. } => {
                format!("{known:02X} ??")
            }
            Lost::Trail { lead } => format!("{lead:02X} ??"),
            Lost::GbkPair => "?? ??".to_owned(),
            Lost::Hole {
                bytes, len, mask, ..
            } => (0..usize::from(len))
                .map(|i| {
                    if mask & (1 << i) != 0 {
                        "??".to_owned()
                    } else {
                        format!("{:02X}", bytes[i])
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
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
    /// The reading's text when no byte was lost (one piece of text), else `None`.
    pub fn whole_text(&self) -> Option<&str> {
        match self.pieces.as_slice() {
            [Piece::Text(t)] => Some(t),
            _ => None,
        }
    }

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
        Kind::GbkAsCp1252 if run.contains('\u{FFFD}') => return gbk_as_cp1252_with_holes(run),
        Kind::GbkAsCp1252 => decode_strict(GBK, &encode_strict(WINDOWS_1252, run)?)?,
        Kind::GbkAsLatin1 => decode_strict(GBK, &encode_latin1(run)?)?,
        Kind::Big5AsCp1252 => decode_strict(BIG5, &encode_strict(WINDOWS_1252, run)?)?,
        Kind::Big5AsLatin1 => decode_strict(BIG5, &encode_latin1(run)?)?,
        Kind::Big5AsGbk if run.contains('\u{FFFD}') => return big5_as_gbk_with_holes(run),
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
    // Each U+FFFD (or `?`, from decoders writing into a legacy code page) may stand for one
    // byte that the decoder could not read (Python's and Windows' decoders replace it and go
    // on). Else a final one after GBK text marks a sequence cut short, read below.
    if kind != Kind::Utf8AsLatin1 && (run.contains('\u{FFFD}') || run.contains('?')) {
        let marked: String = run
            .chars()
            .map(|c| if c == '?' { '\u{FFFD}' } else { c })
            .collect();
        if let Some(r) = hole_reading(kind, &marked, &marked, &encode) {
            return Some(r);
        }
        let inner = strip_lost_marker(&marked);
        if kind == Kind::Utf8AsGbk && inner.len() < marked.len() && inner.contains('\u{FFFD}') {
            return hole_reading(kind, &marked, inner, &encode);
        }
    }
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

/// Bytes that windows-1252 does not define: a strict decoder replaces each by U+FFFD.
pub const CP1252_UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// What byte a U+FFFD inside UTF-8 read with a legacy decoder stands for (one U+FFFD, one
/// byte: such decoders replace the byte they cannot read and go on with the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HoleBytes {
    /// A byte windows-1252 does not define.
    Cp1252,
    /// A byte GBK could not read: 0x80 (which Python's and Windows' GBK do not read as `€`),
    /// or a lead byte that makes no pair with the byte after it, or only a pair in a
    /// user-defined area (which those decoders reject).
    Gbk,
    /// A byte Python's Big5 could not read: one that makes no pair of Big5 proper (leads
    /// A1–F9, no user-defined or reserved area) with the byte after it.
    Big5,
}

impl HoleBytes {
    /// Whether `b`, followed by `next` (`None`: unknown), fits.
    pub fn fits(self, b: u8, next: Option<u8>) -> bool {
        match self {
            HoleBytes::Cp1252 => CP1252_UNDEFINED.contains(&b),
            HoleBytes::Gbk => {
                b == 0x80
                    || next.is_none_or(|n| {
                        super::codec::gbk_pair(b, n)
                            .is_none_or(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
                    })
            }
            HoleBytes::Big5 => b >= 0x80 && next.is_none_or(|n| !big5_proper(b, n)),
        }
    }
}

/// Whether `lead trail` is a pair of Big5 proper, as Python's `big5` reads it: lead A1–F9,
/// trail 40–7E or A1–FE, outside the reserved rows C6A1–C8FE, decoding to no user-defined
/// char.
fn big5_proper(lead: u8, trail: u8) -> bool {
    let code = u16::from(lead) << 8 | u16::from(trail);
    (0xA1..=0xF9).contains(&lead)
        && ((0x40..=0x7E).contains(&trail) || (0xA1..=0xFE).contains(&trail))
        && !(0xC6A1..=0xC8FE).contains(&code)
        && decode_strict(BIG5, &[lead, trail])
            .is_some_and(|s| s.chars().all(|c| !('\u{E000}'..='\u{F8FF}').contains(&c)))
}

/// Whether the U+FFFD in `run` are explained as single bytes lost from UTF-8 read as GBK
/// or windows-1252, or from GBK read as windows-1252 (every other char re-encodes into
/// valid UTF-8 or GBK around them): then they mark repairable damage, however dense, not
/// bytes gone for good.
pub fn holes_explain(run: &[char]) -> bool {
    let text: String = run.iter().collect();
    // `锟斤拷` is U+FFFD itself gone through GBK: the bytes were lost before
    if !text.contains('\u{FFFD}') || text.contains("锟斤拷") {
        return false;
    }
    // Big5 read as GBK byte by byte (U+FFFD for each byte GBK could not read) explains the
    // run only whole: a few chars around a U+FFFD say nothing.
    if explained(&text)
        || read_as(Kind::Big5AsGbk, &text)
            .is_some_and(|r| r.pieces.iter().any(|p| matches!(p, Piece::Lost(_))))
    {
        return true;
    }
    // Mojibake inside clean text (`2008骞寸��涓夊…，“`): each U+FFFD explained by a stretch
    // of UTF-8 around it.
    let stretches: Vec<(usize, usize)> = utf8_stretches(run)
        .into_iter()
        .filter(|&(a, b)| explained(&run[a..b].iter().collect::<String>()))
        .collect();
    run.iter()
        .enumerate()
        .filter(|&(_, &c)| c == '\u{FFFD}')
        .all(|(i, _)| stretches.iter().any(|&(a, b)| a <= i && i < b))
}

/// Whether `text` reads whole as bytes lost from UTF-8 read as GBK or windows-1252, or from
/// GBK read as windows-1252, with no U+FFFD left over.
fn explained(text: &str) -> bool {
    [Kind::Utf8AsGbk, Kind::Utf8AsCp1252, Kind::GbkAsCp1252]
        .into_iter()
        .any(|kind| {
            read_as(kind, text).is_some_and(|r| {
                r.pieces
                    .iter()
                    .any(|p| matches!(p, Piece::Lost(Lost::Hole { .. } | Lost::Cp1252Gap { .. })))
                    && r.pieces
                        .iter()
                        .all(|p| !matches!(p, Piece::Text(t) if t.contains('\u{FFFD}')))
            })
        })
}

/// GBK bytes read as windows-1252 by a decoder that replaced the bytes that code page does
/// not define by U+FFFD: each is one byte of a GBK pair, whose char is to be inferred.
fn gbk_as_cp1252_with_holes(run: &str) -> Option<Reading> {
    let mut toks: Vec<Tok> = Vec::new();
    for (i, part) in run.split('\u{FFFD}').enumerate() {
        if i > 0 {
            toks.push(Tok::Hole);
        }
        toks.extend(
            encode_strict(WINDOWS_1252, part)?
                .into_iter()
                .map(Tok::Byte),
        );
    }
    let pieces = pair_up(
        &toks,
        |l, t| super::codec::gbk_pair(l, t).map(String::from),
        |known, lead_lost, _| Lost::Cp1252Gap { known, lead_lost },
    )?;
    let lost = pieces.iter().any(|p| matches!(p, Piece::Lost(_)));
    lost.then_some(Reading {
        kind: Kind::GbkAsCp1252,
        pieces,
    })
}

/// Big5 bytes read as GBK by a decoder that replaced each byte it could not read by U+FFFD
/// and read on from the next byte (Python's `errors="replace"`): each U+FFFD is one byte of
/// a Big5 pair, whose char is to be inferred.
///
/// Such a decoder reads on after each byte it rejects, so two U+FFFD side by side are rare,
/// and most of the text is read: a run where U+FFFD come in clusters, or outnumber the chars
/// read, is GBK read as UTF-8 (bytes gone), not this.
fn big5_as_gbk_with_holes(run: &str) -> Option<Reading> {
    byte_by_byte(
        Kind::Big5AsGbk,
        run,
        |t| encode_strict(GBK, t),
        |l, t| decode_strict(BIG5, &[l, t]),
        true,
    )
}

/// GBK bytes read as Big5 by a decoder that replaced each byte it could not read by U+FFFD
/// and read on from the next byte (Python's), where a WHATWG decoder replaces the pair: each
/// U+FFFD is one byte of a GBK pair. Tried beside [`read_as`]'s reading, which takes each
/// U+FFFD for a whole pair.
pub fn gbk_as_big5_byte_by_byte(run: &str) -> Option<Reading> {
    byte_by_byte(
        Kind::GbkAsBig5,
        run,
        |t| {
            // Python's Big5 reads rows C6A1–C8FE (kana, Cyrillic) where the WHATWG tables
            // put other chars: bytes from there do not come back
            let bytes = encode_strict(BIG5, t)?;
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] < 0x80 {
                    i += 1;
                    continue;
                }
                let code = u16::from(bytes[i]) << 8 | u16::from(*bytes.get(i + 1)?);
                if (0xC6A1..=0xC8FE).contains(&code) {
                    return None;
                }
                i += 2;
            }
            Some(bytes)
        },
        |l, t| super::codec::gbk_pair(l, t).map(String::from),
        false,
    )
}

/// Double-byte text read with the other double-byte encoding by a decoder that replaced
/// each byte it could not read by U+FFFD and read on from the next byte: re-encode the text
/// between them with `encode`, pair the bytes up again and decode each pair with `pair`; a
/// U+FFFD in a pair makes a lost char ([`Lost::PairGap`], of a Big5 pair when `big5`).
/// U+FFFD side by side, or more U+FFFD than chars read, are no such text.
fn byte_by_byte(
    kind: Kind,
    run: &str,
    encode: impl Fn(&str) -> Option<Vec<u8>>,
    pair: impl Fn(u8, u8) -> Option<String>,
    big5: bool,
) -> Option<Reading> {
    let holes = run.chars().filter(|&c| c == '\u{FFFD}').count();
    let read = run
        .chars()
        .filter(|&c| c != '\u{FFFD}' && !c.is_ascii())
        .count();
    if holes == 0 || run.contains("\u{FFFD}\u{FFFD}") || read < holes {
        return None;
    }
    let mut toks: Vec<Tok> = Vec::new();
    for (i, part) in run.split('\u{FFFD}').enumerate() {
        if i > 0 {
            toks.push(Tok::Hole);
        }
        // such decoders read pairs of the encoding proper: no user-defined area
        if part.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)) {
            return None;
        }
        toks.extend(encode(part)?.into_iter().map(Tok::Byte));
    }
    let pieces = pair_up(&toks, pair, |known, lead_lost, next| Lost::PairGap {
        big5,
        known,
        lead_lost,
        next,
    })?;
    let lost = pieces.iter().any(|p| matches!(p, Piece::Lost(_)));
    lost.then_some(Reading { kind, pieces })
}

/// Re-encoded bytes and holes paired up again as double-byte text: an ASCII byte stands
/// alone, two bytes are decoded by `pair`, a hole beside a byte makes a lost char
/// (`gap(known byte, lead lost, byte after the lost one)`). `None` when a pair does not
/// decode or two holes pair up.
fn pair_up(
    toks: &[Tok],
    pair: impl Fn(u8, u8) -> Option<String>,
    gap: impl Fn(u8, bool, Option<u8>) -> Lost,
) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < toks.len() {
        let next = match toks.get(i + 2) {
            Some(Tok::Byte(b)) => Some(*b),
            _ => None,
        };
        match (toks[i], toks.get(i + 1).copied()) {
            (Tok::Byte(b), _) if b < 0x80 => {
                text.push(char::from(b));
                i += 1;
                continue;
            }
            (Tok::Byte(l), Some(Tok::Byte(t))) => text.push_str(&pair(l, t)?),
            (Tok::Byte(l), Some(Tok::Hole)) => {
                push_text(&mut pieces, &mut text);
                pieces.push(Piece::Lost(gap(l, false, next)));
            }
            (Tok::Hole, Some(Tok::Byte(t))) => {
                push_text(&mut pieces, &mut text);
                pieces.push(Piece::Lost(gap(t, true, None)));
            }
            _ => return None,
        }
        i += 2;
    }
    push_text(&mut pieces, &mut text);
    Some(pieces)
}

/// A token of re-encoded text: a byte, or a U+FFFD whose bytes were lost.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok {
    Byte(u8),
    Hole,
}

/// UTF-8 bytes read with a decoder that replaced unreadable bytes by U+FFFD and went on:
/// re-encode the text between them, and read each U+FFFD as lost bytes inside a UTF-8
/// sequence (see [`HoleBytes`]), whose character is to be inferred. A final mark of a
/// swallowed byte (GBK) is read as in [`utf8_reading`].
fn hole_reading(
    kind: Kind,
    run: &str,
    holes_in: &str,
    encode: &impl Fn(&str) -> Option<Vec<u8>>,
) -> Option<Reading> {
    let mut toks: Vec<Tok> = Vec::new();
    for (i, part) in holes_in.split('\u{FFFD}').enumerate() {
        if i > 0 {
            toks.push(Tok::Hole);
        }
        toks.extend(encode(part)?.into_iter().map(Tok::Byte));
    }
    let tail = &run[holes_in.len()..];
    let mut pieces: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < toks.len() {
        let Tok::Byte(lead) = toks[i] else {
            return None;
        };
        let n = if lead.is_ascii() { 1 } else { utf8_len(lead) };
        if n == 0 {
            return None;
        }
        // the sequence's bytes, with each hole's kind and where it is
        let mut seq = [0u8; 4];
        let mut mask = 0u8;
        let (mut k, mut j) = (1usize, i + 1);
        seq[0] = lead;
        while k < n {
            match toks.get(j) {
                Some(Tok::Byte(b)) if (0x80..=0xBF).contains(b) => {
                    seq[k] = *b;
                    k += 1;
                }
                Some(Tok::Hole) => {
                    mask |= 1 << k;
                    k += 1;
                }
                Some(Tok::Byte(_)) => return None,
                None => break,
            }
            j += 1;
        }
        if k < n {
            // cut short at the end of the run: only a final mark of a swallowed byte explains it
            if tail.is_empty() || mask != 0 || n - k > 2 {
                return None;
            }
            let mut prefix = [0u8; 3];
            prefix[..k].copy_from_slice(&seq[..k]);
            push_text(&mut pieces, &mut text);
            pieces.push(Piece::Lost(Lost::Utf8 {
                prefix,
                len: k as u8,
            }));
            return finish(kind, pieces, text);
        }
        if mask == 0 {
            text.push_str(&decode_strict(UTF_8, &seq[..n])?);
        } else {
            push_text(&mut pieces, &mut text);
            pieces.push(Piece::Lost(Lost::Hole {
                bytes: seq,
                len: n as u8,
                mask,
                hole: if kind == Kind::Utf8AsCp1252 {
                    HoleBytes::Cp1252
                } else {
                    HoleBytes::Gbk
                },
                after: match toks.get(j) {
                    Some(Tok::Byte(b)) => Some(*b),
                    _ => None,
                },
            }));
        }
        i = j;
    }
    if !tail.is_empty() {
        return None;
    }
    finish(kind, pieces, text)
}

fn push_text(pieces: &mut Vec<Piece>, text: &mut String) {
    if !text.is_empty() {
        pieces.push(Piece::Text(std::mem::take(text)));
    }
}

/// The reading made of `pieces` and the `text` after them, if it lost anything.
fn finish(kind: Kind, mut pieces: Vec<Piece>, mut text: String) -> Option<Reading> {
    push_text(&mut pieces, &mut text);
    pieces
        .iter()
        .any(|p| matches!(p, Piece::Lost(_)))
        .then_some(Reading { kind, pieces })
}

/// Stretches `[start, end)` of `chars` whose bytes, re-encoded as GBK, windows-1252 or
/// ISO-8859-1, form valid UTF-8 with at least one multi-byte sequence: where UTF-8 read with
/// a legacy decoder may sit inside clean text. A U+FFFD right after a stretch whose bytes end
/// in a cut UTF-8 sequence is taken in (a swallowed last byte).
pub fn utf8_stretches(chars: &[char]) -> Vec<(usize, usize)> {
    type Encoder = fn(&str) -> Option<Vec<u8>>;
    let encoders: [Encoder; 3] = [gb_encode, |t| encode_strict(WINDOWS_1252, t), encode_latin1];
    let mut out = Vec::new();
    for (k, encode) in encoders.into_iter().enumerate() {
        // a U+FFFD inside may stand for a lost continuation byte (GBK, windows-1252);
        // ISO-8859-1 reads every byte
        let holes = k < 2;
        let bytes: Vec<Option<Vec<u8>>> = chars
            .iter()
            .map(|&c| match c {
                '\u{FFFD}' => None,
                c => encode(&c.to_string()),
            })
            .collect();
        let mut i = 0;
        while i < chars.len() {
            // every end where the bytes so far are complete UTF-8; the last is the longest
            let mut ends = Vec::new();
            let mut states = Utf8States::start();
            let mut multi = false;
            let mut j = i;
            while j < chars.len() {
                states = match &bytes[j] {
                    // a `?` may be a question mark or stand for a lost byte
                    Some(_) if chars[j] == '?' => {
                        Utf8States(states.byte(b'?').0 | states.hole(holes).0)
                    }
                    Some(b) => {
                        multi |= b.iter().any(|&x| x >= 0xC0);
                        b.iter().fold(states, |st, &x| st.byte(x))
                    }
                    None if chars[j] == '\u{FFFD}' => states.hole(holes),
                    None => break,
                };
                if states.is_empty() {
                    break;
                }
                j += 1;
                if states.complete() && multi {
                    ends.push(j);
                } else if states.cut() && chars.get(j).is_some_and(|&c| is_lost_marker(c)) && multi
                {
                    ends.push(j + 1);
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

/// The states a UTF-8 decoder may be in after bytes some of which were lost: a bit set over
/// how many continuation bytes are still due (0-3).
#[derive(Clone, Copy)]
struct Utf8States(u8);

impl Utf8States {
    fn start() -> Self {
        Utf8States(1)
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the bytes so far may end on a char boundary.
    fn complete(self) -> bool {
        self.0 & 1 != 0
    }

    /// Whether the bytes so far may end inside a sequence.
    fn cut(self) -> bool {
        self.0 & !1 != 0
    }

    fn byte(self, b: u8) -> Self {
        let mut next = 0u8;
        for due in 0..4 {
            if self.0 & (1 << due) == 0 {
                continue;
            }
            if due > 0 {
                if (0x80..=0xBF).contains(&b) {
                    next |= 1 << (due - 1);
                }
            } else if b.is_ascii() {
                next |= 1;
            } else if let n @ 2..=4 = utf8_len(b) {
                next |= 1 << (n - 1);
            }
        }
        Utf8States(next)
    }

    /// After a U+FFFD standing for one lost continuation byte (`possible`: whether the
    /// decoder could have lost one at all).
    fn hole(self, possible: bool) -> Self {
        // a continuation byte was due: one fewer is
        Utf8States(if possible { (self.0 & !1) >> 1 } else { 0 })
    }
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
    // A lone char from GBK's user-defined area before the mark is evidence enough.
    let user_defined = lost_end && core.chars().all(|c| matches!(c as u32, 0xE000..=0xF8FF));
    let min = if user_defined {
        1
    } else if lost_end {
        MIN_MISALIGNED_LOSSY
    } else {
        MIN_MISALIGNED
    };
    if core.chars().count() < min {
        return None;
    }
    let bytes = gb_encode(core)?;
    if bytes.len() < if user_defined { 2 } else { 3 } {
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
        // 。 is E3 80 82; a GBK decoder reads E3 80 as 銆 and cannot read 82 before a newline
        let r = read_as(Kind::Utf8AsGbk, "鍘嗗彶銆\u{FFFD}").unwrap();
        let lost = Lost::Hole {
            bytes: [0xE3, 0x80, 0, 0],
            len: 3,
            mask: 0b100,
            hole: HoleBytes::Gbk,
            after: None,
        };
        assert_eq!(
            r.pieces,
            [Piece::Text("历史".to_owned()), Piece::Lost(lost)]
        );
        assert_eq!(lost.label(), "E3 80 ??");
        let cut = Lost::Utf8 {
            prefix: [0xE3, 0, 0],
            len: 1,
        };
        assert_eq!(cut.label(), "E3 ?? ??");
    }

    #[test]
    fn python_decoders_replace_one_byte_per_mark() {
        // 初始化 is E5 88 9D E5 A7 8B E5 8C 96: Python's GBK reads E5 88 as 鍒, 9D E5 as 濆,
        // rejects the user-defined pair A7 8B and replaces A7 alone, then reads 8B E5 and 8C 96
        let r = read_as(Kind::Utf8AsGbk, "鍒濆\u{FFFD}嬪寲").unwrap();
        let Piece::Lost(lost) = r.pieces[1] else {
            panic!("{:?}", r.pieces)
        };
        assert_eq!(r.pieces[0], Piece::Text("初".to_owned()));
        assert_eq!(lost.label(), "E5 ?? 8B");
        assert!(crate::repair::infer::fitting_chars(lost).contains(&'始'));
        // 提 is E6 8F 90: windows-1252 defines neither 8F nor 90
        let r = read_as(Kind::Utf8AsCp1252, "æ\u{FFFD}\u{FFFD}ç¤º").unwrap();
        let Piece::Lost(lost) = r.pieces[0] else {
            panic!("{:?}", r.pieces)
        };
        assert_eq!(lost.label(), "E6 ?? ??");
        let fit = crate::repair::infer::fitting_chars(lost);
        assert!(fit.contains(&'提') && fit.len() <= 25, "{fit:?}");
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
