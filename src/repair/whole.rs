//! A document read whole with the wrong encoding: the test over its runs, and the reading
//! back of the runs a first pass left alone.

use super::*;

/// The runs that a pass over a document left alone (with no mark of lost bytes; see
/// [`plain`]), and how many of them read back from one kind of damage with no byte lost.
#[derive(Debug, Default)]
pub(super) struct WholeUtf8 {
    pub(super) runs: usize,
    pub(super) exact: usize,
}

/// Repairs of one kind that show a document read whole with the wrong encoding.
pub(super) const WHOLE_MIN_REPAIRS: usize = 3;

/// Runs left alone that are enough to judge a document by (the first ones): the test costs
/// a pass over the document's runs, which a long document with a few garbled lines need not
/// pay in full.
pub(super) const WHOLE_SAMPLE: usize = 200;

/// The kinds of damage a whole document is tested for: UTF-8 read as GBK or as windows-1252,
/// and GBK read as windows-1252.
pub(super) const WHOLE_KINDS: [Kind; 3] = [Kind::Utf8AsGbk, Kind::Utf8AsCp1252, Kind::GbkAsCp1252];

impl WholeUtf8 {
    /// Whether a document whose first pass made `repairs` repairs of one kind and left these
    /// runs alone was read whole with that kind of damage: a few such repairs, and at least
    /// four in five of the runs left alone read back with no byte lost. Clean Chinese text
    /// next to a garbled stretch hardly ever re-encodes into valid UTF-8 (a run of three
    /// chars that does is rare), so in a document that holds any, the share is low.
    pub(super) fn holds(&self, repairs: usize) -> bool {
        repairs >= WHOLE_MIN_REPAIRS && self.exact > 0 && self.exact * 5 >= self.runs * 4
    }

    /// Count a run left alone.
    pub(super) fn left_alone(&mut self, kind: Kind, run: &[char]) {
        if plain(kind, run) {
            self.runs += 1;
            self.exact += usize::from(exact_reading(kind, run).is_some());
        }
    }
}

/// Whether `run` may be damage of `kind` with no mark of lost bytes (U+FFFD, `?`): for GBK it
/// holds Han chars, for windows-1252 (of UTF-8 or of GBK) chars of Latin-1 or of that code
/// page.
pub(super) fn plain(kind: Kind, run: &[char]) -> bool {
    let some = |f: fn(char) -> bool| run.iter().any(|&c| f(c));
    let marks = some(|c| c == '\u{FFFD}' || c == '?');
    match kind {
        Kind::Utf8AsGbk => !marks && some(crate::segment::merge::is_han),
        _ => !marks && some(|c| ('\u{80}'..='\u{FF}').contains(&c) || is_cp1252_extra(c)),
    }
}

/// Whether `c` is one of the chars windows-1252 has at 0x80–0x9F (`€`, `‚`, `ƒ`, …, `Ÿ`).
pub(super) fn is_cp1252_extra(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    !unmappable && bytes.len() == 1 && (0x80..=0x9F).contains(&bytes[0])
}

/// The text of `run` read back from damage of `kind`, when its bytes are valid (UTF-8, or
/// GBK) with no byte lost, the same ASCII and no control char.
pub(super) fn exact_reading(kind: Kind, run: &[char]) -> Option<String> {
    let text: String = run.iter().collect();
    let ascii = |t: &str| t.chars().filter(char::is_ascii).count();
    let reading = read_as(kind, &text)?;
    let t = reading.whole_text()?;
    (t != text && ascii(t) == ascii(&text) && !t.chars().any(|c| c.is_control() || c == '\u{FFFD}'))
        .then(|| t.to_owned())
}

/// In a document read whole with damage of kind `whole`, the rounds that read a run left
/// alone back when [`exact_reading`] has a reading for it; else none.
pub(super) fn read_back(run: &[char], whole: Option<Kind>) -> Vec<Round> {
    let Some(kind) = whole.filter(|&k| plain(k, run)) else {
        return Vec::new();
    };
    let Some(reading) = exact_reading(kind, run) else {
        return Vec::new();
    };
    let choice = Choice {
        kind: kind.as_str().to_owned(),
        text: reading.clone(),
        inferred: Vec::new(),
        gain: OTHER_SCRIPT_GAIN,
    };
    vec![(reading.chars().collect(), vec![(0, run.len(), choice)])]
}
