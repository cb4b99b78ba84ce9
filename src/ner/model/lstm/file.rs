//! The file of a stacked LSTM model.
//!
//! ```text
//! wenxi-ner-lstm 1\n
//! <one line of JSON: LstmHeader>\n
//! <the base model's length (u64) and its bytes: a perceptron model file>
//! <the tensors of each network, in the order of TENSORS, each: rows (u32), columns (u32),
//!  kind (u8), then the values: kind 0, rows × columns f32; kind 1, per row a scale (f32)
//!  and columns i8 (value = i8 × scale)>
//! ```
//!
//! A file may hold several networks (an ensemble, whose scores are averaged), trained on
//! the same data with the same base model: their tensors follow one another.
//!
//! All numbers are little-endian. Embeddings are stored as kind 1 (a quarter of the size),
//! the rest as kind 0.

use serde::{Deserialize, Serialize};

use super::net::Matrix;
use crate::Result;
use crate::ner::model::file::Reader;

/// The first line of a stacked LSTM model file.
pub(crate) const MAGIC: &[u8] = b"wenxi-ner-lstm 1\n";

/// The tensors of the file, in order.
pub(crate) const TENSORS: [&str; 13] = [
    "char_emb",
    "bigram_emb",
    "fwd_w_ih",
    "fwd_w_hh",
    "fwd_bias",
    "bwd_w_ih",
    "bwd_w_hh",
    "bwd_bias",
    "out_w",
    "out_b",
    "trans",
    "start",
    "end",
];

/// What the JSON line says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LstmHeader {
    /// The chars with an embedding, as code points: the char of row `i + 2` of `char_emb`
    /// (row 0 pads, row 1 stands for any other char). A number that is no char keeps its
    /// row unused.
    pub chars: Vec<u32>,
    /// The char pairs with an embedding, as pairs of code points; row `i + 2` of
    /// `bigram_emb`. [`BOUNDARY_START`] and [`BOUNDARY_END`] stand for the sentence's ends.
    pub bigrams: Vec<[u32; 2]>,
    /// How chars are normalised before they are looked up: each pair maps a char to
    /// another; chars not listed stay as they are.
    pub normalise: Vec<[u32; 2]>,
    /// The base model's scores are divided by this before the network reads them.
    pub score_scale: f32,
    /// How the model was trained (free form, for people).
    pub training: serde_json::Value,
}

/// The code point that stands for the start of a sentence in a bigram.
pub const BOUNDARY_START: u32 = 0x11_0000;
/// The code point that stands for the end of a sentence in a bigram.
pub const BOUNDARY_END: u32 = 0x11_0001;

/// Reading the tensors of an LSTM model file.
impl Reader<'_, '_> {
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32s(&mut self, n: usize) -> Result<Vec<f32>> {
        let bytes = self.take(n.checked_mul(4).ok_or_else(|| self.bad("bad size"))?)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    fn matrix(&mut self) -> Result<Matrix> {
        let rows = self.u32()? as usize;
        let cols = self.u32()? as usize;
        let kind = self.take(1)?[0];
        let n = rows.checked_mul(cols).ok_or_else(|| self.bad("bad size"))?;
        let data = match kind {
            0 => self.f32s(n)?,
            1 => {
                let mut data = Vec::with_capacity(n);
                for _ in 0..rows {
                    let scale = self.f32s(1)?[0];
                    data.extend(self.take(cols)?.iter().map(|&b| f32::from(b as i8) * scale));
                }
                data
            }
            _ => return Err(self.bad("unknown tensor kind")),
        };
        Ok(Matrix { rows, cols, data })
    }
}

/// The parts of a model file: header, base model bytes, tensors in the order of
/// [`TENSORS`], once per network.
pub(crate) struct Parts<'a> {
    pub header: LstmHeader,
    pub base: &'a [u8],
    pub tensors: Vec<Matrix>,
}

/// Read the bytes of a model file.
///
/// # Errors
///
/// [`crate::Error::Model`] when the bytes are not a whole model file.
pub(crate) fn read<'a>(name: &str, bytes: &'a [u8]) -> Result<Parts<'a>> {
    let (header, mut r) = Reader::open(name, bytes, MAGIC, "not a wenxi LSTM entity model file")?;
    let header: LstmHeader =
        serde_json::from_slice(header).map_err(|e| r.bad(&format!("bad header: {e}")))?;
    let len = u64::from_le_bytes(r.array()?);
    let base = r.take(usize::try_from(len).map_err(|_| r.bad("bad size"))?)?;
    let mut tensors = Vec::new();
    while !r.bytes.is_empty() {
        tensors.push(r.matrix()?);
    }
    Ok(Parts {
        header,
        base,
        tensors,
    })
}
