//! Lint: find garbled text (mojibake), suspicious characters and encoding trouble in text,
//! with a suggested repair where there is one. `wenxi check` is built on this.
//!
//! A [`Checker`] decodes the bytes ([`crate::ingest::decode`]), runs the repairer over the
//! text and reports, in text order, each of these [`Finding`] kinds:
//!
//! | kind | what | suggestion |
//! |---|---|---|
//! | the repair's kind (`gbk-misaligned`, `utf8-as-gbk`, `utf8-as-cp1252`, ...) | garbled text that the repairer can repair | the repair |
//! | `replacement-char`, `kunjinkao` (flagged by the repairer) | garbled text whose bytes are lost: runs of U+FFFD, `锟斤拷` | none |
//! | `replacement-char` | any other U+FFFD in the file (the bytes it stands for were lost before the file was written) | none |
//! | `private-use` | private-use characters (U+E000–U+F8FF, planes 15 and 16) outside a repaired or flagged span | none |
//! | `control-char` | control characters other than tab, line feed, carriage return and form feed, outside a repaired or flagged span | none |
//! | `malformed` | byte sequences that are malformed in the file's encoding (decoded as U+FFFD) | none |
//! | `mixed-encoding` | a stretch of the file in another encoding than the rest (see [`crate::ingest`]); one finding per such stretch | none |
//!
//! Adjacent characters of the same kind (`replacement-char`, `private-use`, `control-char`,
//! `malformed`) make one finding. A U+FFFD that decoding put in place of a malformed
//! sequence is reported as `malformed`, not as `replacement-char`.
//!
//! Positions: [`Finding::line`] and [`Finding::col`] are 1-based; lines are split on
//! `'\n'` and columns count chars. [`Finding::start`]/[`Finding::end`] are char offsets into
//! the decoded text; [`Finding::byte_start`]/[`Finding::byte_end`] are byte offsets into
//! the input bytes (the file as it is on disk).
//!
//! ```
//! let checker = wenxi::check::Checker::new();
//! let checked = checker.check_bytes("好的\u{FFFD}\n".as_bytes()).unwrap();
//! let f = &checked.findings[0];
//! assert_eq!((f.kind.as_str(), f.line, f.col), ("replacement-char", 1, 3));
//! assert_eq!((f.byte_start, f.byte_end), (6, 9));
//! ```

use serde::{Deserialize, Serialize};

use crate::ingest::{self, DecodeInfo, NotText};
use crate::repair::{Repaired, Repairer};

/// Kind of a U+FFFD, or a run of them, that the repairer did not flag.
pub const REPLACEMENT_CHAR: &str = "replacement-char";
/// Kind of private-use characters.
pub const PRIVATE_USE: &str = "private-use";
/// Kind of control characters.
pub const CONTROL_CHAR: &str = "control-char";
/// Kind of malformed byte sequences.
pub const MALFORMED: &str = "malformed";
/// Kind of a stretch in another encoding.
pub const MIXED_ENCODING: &str = "mixed-encoding";

/// Longest quoted text in a message, in chars; longer text is shortened with `…`.
const SHOWN_CHARS: usize = 12;

/// One thing found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Line number (1-based; lines end with `'\n'`).
    pub line: usize,
    /// Column (1-based, in chars) where the finding starts.
    pub col: usize,
    /// What was found (see the module documentation).
    pub kind: String,
    /// A one-line description for people; it includes the suggestion, if any.
    pub message: String,
    /// The text found, in full (the decoded text from `start` to `end`).
    pub text: String,
    /// The suggested replacement for `text`, if there is one.
    pub suggestion: Option<String>,
    /// Confidence in the suggestion, in [0, 1], if there is one.
    pub confidence: Option<f64>,
    /// Char offset into the decoded text where the finding starts.
    pub start: usize,
    /// Char offset into the decoded text, one past the finding.
    pub end: usize,
    /// Byte offset into the input bytes where the finding starts.
    pub byte_start: usize,
    /// Byte offset into the input bytes, one past the finding.
    pub byte_end: usize,
}

/// The result of checking one input.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Every finding, in text order.
    pub findings: Vec<Finding>,
    /// How the input was decoded.
    pub info: DecodeInfo,
}

/// Checks texts. Building one loads the repairer's language model, so build it once.
#[derive(Debug)]
pub struct Checker {
    repairer: Repairer,
}

impl Default for Checker {
    fn default() -> Self {
        Self::new()
    }
}

impl Checker {
    /// A checker with the default repairer.
    pub fn new() -> Self {
        Self::with_repairer(Repairer::new())
    }

    /// A checker using `repairer`.
    pub fn with_repairer(repairer: Repairer) -> Self {
        Checker { repairer }
    }

    /// Decode `bytes` and check the text. Fails only when the bytes look binary.
    pub fn check_bytes(&self, bytes: &[u8]) -> Result<Checked, NotText> {
        let decoded = ingest::decode(bytes)?;
        let repaired = self.repairer.repair(&decoded.text);
        let findings = findings(bytes, &decoded.text, &decoded.info, &repaired);
        Ok(Checked {
            findings,
            info: decoded.info,
        })
    }
}

/// A finding before its position is known.
struct Draft {
    kind: String,
    start: usize,
    end: usize,
    message: String,
    suggestion: Option<String>,
    confidence: Option<f64>,
}

/// Every finding in `text`, decoded from `bytes` as `info` says and repaired as `repaired`.
fn findings(bytes: &[u8], text: &str, info: &DecodeInfo, repaired: &Repaired) -> Vec<Finding> {
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    let malformed = &info.malformed_at;
    let is_malformed = |i: usize| malformed.binary_search(&i).is_ok();
    let mut drafts: Vec<Draft> = Vec::new();

    // Spans the repairer handled: characters inside them are not reported again.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for r in &repaired.repairs {
        covered.push((r.start, r.end));
        let before = slice(r.start, r.end);
        drafts.push(Draft {
            kind: r.kind.clone(),
            start: r.start,
            end: r.end,
            message: format!(
                "garbled text {} ({}); suggested repair {} (confidence {:.3})",
                show(&before),
                count(r.end - r.start),
                show(&r.after),
                r.confidence
            ),
            suggestion: Some(r.after.clone()),
            confidence: Some(r.confidence),
        });
    }
    for f in &repaired.flags {
        covered.push((f.start, f.end));
        let span = &chars[f.start..f.end];
        // U+FFFD that decoding made of malformed bytes is reported as `malformed`.
        let fffd_from_bytes = span
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c == '\u{FFFD}')
            .all(|(i, _)| is_malformed(f.start + i));
        if f.kind == REPLACEMENT_CHAR && fffd_from_bytes {
            continue;
        }
        let lost = if f.kind == "kunjinkao" {
            "U+FFFD written out in GBK and read back (锟斤拷): the original bytes are lost"
        } else {
            "the original bytes are lost (U+FFFD)"
        };
        drafts.push(Draft {
            kind: f.kind.clone(),
            start: f.start,
            end: f.end,
            message: format!(
                "garbled text {} ({}) left alone: {lost}; no repair suggested",
                show(&slice(f.start, f.end)),
                count(f.end - f.start)
            ),
            suggestion: None,
            confidence: None,
        });
    }
    covered.sort_unstable();
    let is_covered = |i: usize| {
        let k = covered.partition_point(|&(s, _)| s <= i);
        covered[..k].iter().rev().any(|&(s, e)| s <= i && i < e)
    };

    // Characters of their own kinds, adjacent ones together.
    let mut i = 0;
    while i < chars.len() {
        let Some(kind) = char_kind(chars[i], i, &is_malformed, &is_covered) else {
            i += 1;
            continue;
        };
        let start = i;
        while i < chars.len() && char_kind(chars[i], i, &is_malformed, &is_covered) == Some(kind) {
            i += 1;
        }
        drafts.push(Draft {
            kind: kind.to_owned(),
            start,
            end: i,
            message: char_message(kind, start, &chars[start..i], info),
            suggestion: None,
            confidence: None,
        });
    }

    // Stretches in another encoding than the file's.
    for s in &info.stretches {
        if s.encoding == info.encoding {
            continue;
        }
        drafts.push(Draft {
            kind: MIXED_ENCODING.to_owned(),
            start: s.char_start,
            end: s.char_end,
            message: format!(
                "bytes {}..{} are {}, not {} like the rest of the file ({} decoded as {}: {})",
                s.byte_start,
                s.byte_end,
                s.encoding,
                info.encoding,
                count(s.char_end - s.char_start),
                s.encoding,
                show(&slice(s.char_start, s.char_end))
            ),
            suggestion: None,
            confidence: None,
        });
    }

    drafts.sort_by(|a, b| (a.start, a.end, &a.kind).cmp(&(b.start, b.end, &b.kind)));
    let offsets: Vec<usize> = drafts.iter().flat_map(|d| [d.start, d.end]).collect();
    let byte_at = ingest::byte_offsets(bytes, info, &offsets);
    let lines = LineIndex::new(&chars);
    let mut out: Vec<Finding> = drafts
        .into_iter()
        .enumerate()
        .map(|(k, d)| {
            let (line, col) = lines.line_col(d.start);
            Finding {
                line,
                col,
                text: slice(d.start, d.end),
                kind: d.kind,
                message: d.message,
                suggestion: d.suggestion,
                confidence: d.confidence,
                start: d.start,
                end: d.end,
                byte_start: byte_at[2 * k],
                byte_end: byte_at[2 * k + 1],
            }
        })
        .collect();
    // Malformed sequences: name the bytes.
    for f in out.iter_mut().filter(|f| f.kind == MALFORMED) {
        f.message = format!(
            "{} (bytes {})",
            f.message,
            hex(&bytes[f.byte_start..f.byte_end.max(f.byte_start)])
        );
    }
    out
}

/// The kind of a character reported on its own, if it is one.
fn char_kind(
    c: char,
    i: usize,
    is_malformed: &impl Fn(usize) -> bool,
    is_covered: &impl Fn(usize) -> bool,
) -> Option<&'static str> {
    if c == '\u{FFFD}' && is_malformed(i) {
        return Some(MALFORMED);
    }
    if is_covered(i) {
        return None;
    }
    if c == '\u{FFFD}' {
        Some(REPLACEMENT_CHAR)
    } else if is_private_use(c) {
        Some(PRIVATE_USE)
    } else if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') {
        Some(CONTROL_CHAR)
    } else {
        None
    }
}

/// Whether `c` is a private-use character: U+E000–U+F8FF, or planes 15 and 16.
pub fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
}

/// The message for a run of characters of one kind that starts at char offset `start`.
fn char_message(kind: &str, start: usize, run: &[char], info: &DecodeInfo) -> String {
    let n = run.len();
    let codes = code_points(run);
    match kind {
        MALFORMED => {
            // In mixed input, the encoding of the stretch the bytes are in.
            let enc = info
                .stretches
                .iter()
                .find(|s| s.char_start <= start && start < s.char_end)
                .map_or(&info.encoding, |s| &s.encoding);
            if n == 1 {
                format!("malformed byte sequence for {enc}, decoded as U+FFFD")
            } else {
                format!("{n} malformed byte sequences for {enc}, decoded as U+FFFD")
            }
        }
        REPLACEMENT_CHAR if n == 1 => {
            "replacement character U+FFFD: the bytes it stands for were lost before this file \
             was written"
                .to_owned()
        }
        REPLACEMENT_CHAR => format!(
            "{n} replacement characters U+FFFD: the bytes they stand for were lost before this \
             file was written"
        ),
        PRIVATE_USE if n == 1 => format!(
            "private-use character {codes}: no standard meaning (a font's own symbol, or a trace \
             of mojibake)"
        ),
        PRIVATE_USE => format!(
            "{n} private-use characters {codes}: no standard meaning (a font's own symbols, or a \
             trace of mojibake)"
        ),
        _ if n == 1 => format!("control character {codes}"),
        _ => format!("{n} control characters {codes}"),
    }
}

/// `1 char`, `2 chars`.
fn count(n: usize) -> String {
    if n == 1 {
        "1 char".to_owned()
    } else {
        format!("{n} chars")
    }
}

/// `U+E000 U+E02C …`: the code points of up to four chars.
fn code_points(run: &[char]) -> String {
    let mut s: Vec<String> = run
        .iter()
        .take(4)
        .map(|&c| format!("U+{:04X}", u32::from(c)))
        .collect();
    if run.len() > 4 {
        s.push("…".to_owned());
    }
    s.join(" ")
}

/// Bytes as upper-case hex pairs, at most eight of them.
fn hex(bytes: &[u8]) -> String {
    let mut s: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02X}")).collect();
    if bytes.len() > 8 {
        s.push("…".to_owned());
    }
    s.join(" ")
}

/// `text` quoted for a one-line message: at most 12 chars (the first ones, `…`,
/// and the last two), with quotes, backslashes, control, private-use and other invisible
/// characters escaped as `\u{…}`.
pub fn show(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::from("\"");
    let mut push = |c: char| match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if c.is_control()
            || is_private_use(c)
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{FEFF}') =>
        {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
        c => out.push(c),
    };
    if chars.len() <= SHOWN_CHARS {
        chars.iter().for_each(|&c| push(c));
    } else {
        chars[..SHOWN_CHARS - 3].iter().for_each(|&c| push(c));
        push('…');
        chars[chars.len() - 2..].iter().for_each(|&c| push(c));
    }
    out.push('"');
    out
}

/// Char offsets of line starts, for turning an offset into line and column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(chars: &[char]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            chars
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c == '\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column (in chars) of char offset `at`.
    fn line_col(&self, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= at);
        (line, at - self.starts[line - 1] + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8]) -> Vec<Finding> {
        Checker::new().check_bytes(bytes).unwrap().findings
    }

    fn kinds(found: &[Finding]) -> Vec<(&str, usize, usize)> {
        found
            .iter()
            .map(|f| (f.kind.as_str(), f.line, f.col))
            .collect()
    }

    #[test]
    fn clean_text_has_no_findings() {
        assert!(check("今天天气很好。\n我们去公园散步吧。\n".as_bytes()).is_empty());
    }

    #[test]
    fn characters_of_their_own_kinds() {
        let text = "第一行正常。\n第二\u{FFFD}行\u{E001}\u{E002}。\n控制\u{7}字符\t可以\x0C。\n";
        let found = check(text.as_bytes());
        assert_eq!(
            kinds(&found),
            [
                (REPLACEMENT_CHAR, 2, 3),
                (PRIVATE_USE, 2, 5),
                (CONTROL_CHAR, 3, 3)
            ]
        );
        assert_eq!(found[1].text, "\u{E001}\u{E002}");
        assert_eq!((found[1].start, found[1].end), (11, 13));
        let prefix = "第一行正常。\n第二\u{FFFD}行".len();
        assert_eq!(
            (found[1].byte_start, found[1].byte_end),
            (prefix, prefix + 6)
        );
        assert!(
            found[1].message.contains("U+E001 U+E002"),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn malformed_bytes_are_named() {
        let mut bytes = "前面是正常的统一码文字，".as_bytes().to_vec();
        let at = bytes.len();
        bytes.push(0xFF);
        bytes.extend_from_slice("后面也是正常的文字。".as_bytes());
        let found = check(&bytes);
        assert_eq!(kinds(&found), [(MALFORMED, 1, 13)]);
        assert_eq!((found[0].byte_start, found[0].byte_end), (at, at + 1));
        assert!(
            found[0].message.contains("bytes FF"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_gbk_stretch_is_mixed_encoding() {
        let mut bytes = "这一行是统一码编码的中文。\n".repeat(3).into_bytes();
        let start = bytes.len();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("这一行是国标码编码的中文。").0);
        let end = bytes.len();
        bytes.extend_from_slice("\n最后一行又是统一码。\n".as_bytes());
        let found = check(&bytes);
        assert_eq!(kinds(&found), [(MIXED_ENCODING, 4, 1)]);
        assert_eq!((found[0].byte_start, found[0].byte_end), (start, end));
        assert_eq!(found[0].text, "这一行是国标码编码的中文。");
        assert!(
            found[0].message.contains("are GBK, not UTF-8"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn show_shortens_and_escapes() {
        assert_eq!(show("a\"b\u{E000}"), "\"a\\\"b\\u{e000}\"");
        let long: String = "一二三四五六七八九十".repeat(2);
        assert_eq!(show(&long), "\"一二三四五六七八九…九十\"");
    }

    #[test]
    fn line_and_column() {
        let chars: Vec<char> = "ab\ncd\n\ne".chars().collect();
        let idx = LineIndex::new(&chars);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(2), (1, 3));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(6), (3, 1));
        assert_eq!(idx.line_col(7), (4, 1));
    }
}
