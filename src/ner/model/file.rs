//! The model file.
//!
//! ```text
//! wenxi-ner-ap 1\n
//! <one line of JSON: the ModelInfo and the training dictionary>\n
//! <the weights, little-endian>
//! ```
//!
//! The JSON line is `{"info": …, "dictionary": [[name, type mask], …]}` (mask bits PER 1,
//! LOC 2, ORG 4). The weights are, in order: the number of labels `L` (u32), the averaged
//! weight of one step (f64), the `(L + 1)²` transition weights (i32), the number of
//! features `F` (u64), their ids (`F` × u64, ascending), their label masks (`F` × u16),
//! the number of weights `W` (u64) and the weights (`W` × i16), each feature's in label
//! order, features in id order.

use super::weights::{MAX_LABELS, Row, Weights};
use crate::{Error, Result};

/// The first line of a model file.
pub(crate) const MAGIC: &[u8] = b"wenxi-ner-ap 1\n";

/// The bytes of a model file with header `header` (one line of JSON) and `weights`.
pub(crate) fn write(header: &str, weights: &Weights) -> Vec<u8> {
    let l = weights.labels;
    let rows: Vec<(u64, &Row)> = weights.rows().collect();
    let mask = |row: &Row| -> u16 { (0..l).filter(|&y| row[y] != 0).fold(0, |m, y| m | 1 << y) };
    let values: usize = rows.iter().map(|r| mask(r.1).count_ones() as usize).sum();
    let mut out =
        Vec::with_capacity(MAGIC.len() + header.len() + 16 + rows.len() * 10 + values * 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(header.as_bytes());
    out.push(b'\n');
    out.extend((weights.labels as u32).to_le_bytes());
    out.extend(weights.scale.to_le_bytes());
    for t in &weights.transitions {
        out.extend(t.to_le_bytes());
    }
    out.extend((rows.len() as u64).to_le_bytes());
    for r in &rows {
        out.extend(r.0.to_le_bytes());
    }
    for r in &rows {
        out.extend(mask(r.1).to_le_bytes());
    }
    out.extend((values as u64).to_le_bytes());
    for r in &rows {
        for w in r.1[..l].iter().filter(|&&w| w != 0) {
            out.extend(w.to_le_bytes());
        }
    }
    out
}

/// A reader of little-endian values that fails on a short input (the model files of both
/// kinds, `lstm/file.rs` too); `name` names the file in errors.
pub(crate) struct Reader<'n, 'a> {
    pub(crate) name: &'n str,
    pub(crate) bytes: &'a [u8],
}

impl<'n, 'a> Reader<'n, 'a> {
    /// The bytes of a model file after its first line `magic` and its JSON header line, and
    /// that header; `what` says what kind of file was expected when the magic is missing.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the magic or the end of the header is missing.
    pub(crate) fn open(
        name: &'n str,
        bytes: &'a [u8],
        magic: &[u8],
        what: &str,
    ) -> Result<(&'a [u8], Reader<'n, 'a>)> {
        let bad = |message: &str| Error::Model {
            name: name.to_owned(),
            message: message.to_owned(),
        };
        let rest = bytes.strip_prefix(magic).ok_or_else(|| bad(what))?;
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("truncated header"))?;
        let reader = Reader {
            name,
            bytes: &rest[nl + 1..],
        };
        Ok((&rest[..nl], reader))
    }

    /// The error for this file with `message`.
    pub(crate) fn bad(&self, message: &str) -> Error {
        Error::Model {
            name: self.name.to_owned(),
            message: message.to_owned(),
        }
    }

    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(self.bad("truncated model file"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    /// The next `N` bytes, as an array.
    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    /// A count of items of `size` bytes each, checked against what is left.
    pub(crate) fn count(&mut self, size: usize) -> Result<usize> {
        let n = u64::from_le_bytes(self.array()?);
        match usize::try_from(n) {
            Ok(n) if n.checked_mul(size).is_some_and(|b| b <= self.bytes.len()) => Ok(n),
            _ => Err(self.bad("truncated model file")),
        }
    }
}

/// Split the bytes of a model file into its header (the JSON line) and its weights.
///
/// # Errors
///
/// [`Error::Model`] when the bytes are not a whole model file.
pub(crate) fn read<'a>(name: &str, bytes: &'a [u8]) -> Result<(&'a [u8], Weights)> {
    let (header, mut r) = Reader::open(
        name,
        bytes,
        MAGIC,
        "not a wenxi entity model file (older models must be retrained)",
    )?;
    let bad = |message: &str| Error::Model {
        name: name.to_owned(),
        message: message.to_owned(),
    };
    let labels = u32::from_le_bytes(r.array()?) as usize;
    if !(1..=MAX_LABELS).contains(&labels) {
        return Err(bad("bad number of labels"));
    }
    let scale = f64::from_le_bytes(r.array()?);
    let transitions = r
        .take((labels + 1) * (labels + 1) * 4)?
        .chunks_exact(4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let features = r.count(10)?;
    let ids = r.take(features * 8)?;
    let masks = r.take(features * 2)?;
    let n_values = r.count(2)?;
    let values: Vec<i16> = r
        .take(n_values * 2)?
        .chunks_exact(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect();
    if !r.bytes.is_empty() {
        return Err(bad("trailing bytes after the weights"));
    }
    let mut rows: Vec<(u64, Row)> = Vec::with_capacity(features);
    let mut at = 0;
    for (id, mask) in ids.chunks_exact(8).zip(masks.chunks_exact(2)) {
        let id = u64::from_le_bytes(id.try_into().unwrap_or_default());
        let mask = u16::from_le_bytes([mask[0], mask[1]]);
        if mask >> labels != 0 || at + mask.count_ones() as usize > values.len() {
            return Err(bad("corrupt weights"));
        }
        let mut row = [0; MAX_LABELS];
        for (y, w) in row.iter_mut().enumerate().take(labels) {
            if mask & 1 << y != 0 {
                *w = values[at];
                at += 1;
            }
        }
        rows.push((id, row));
    }
    if at != values.len() {
        return Err(bad("corrupt weights"));
    }
    let weights = Weights::from_rows(labels, scale, transitions, rows.into_iter());
    Ok((header, weights))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let w = Weights::from_sums(2, &[7, 3], &[10, -4, 0, 6], &[1; 9], 2, 0.0);
        let bytes = write("{}", &w);
        let (header, back) = read("m", &bytes).unwrap();
        assert_eq!(header, b"{}");
        assert_eq!(back, w);
        for cut in [MAGIC.len() + 2, bytes.len() - 1] {
            let e = read("m", &bytes[..cut]).unwrap_err().to_string();
            assert!(e.contains("truncated"), "{e}");
        }
        assert!(read("m", b"wenxi-ner-crf 1\n{}\n").is_err());
    }
}
