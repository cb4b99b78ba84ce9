//! A stacked tagger: a bidirectional LSTM with a CRF layer that reads each char, the char
//! pairs around it and the scores of a [`PerceptronModel`] (the base model), and tags PER,
//! LOC and ORG. It is slower than the base model and more accurate (see
//! `NER_EXPERIMENTS.md`).
//!
//! Per char `t` of a sentence, the network reads
//! * the embedding of the normalised char (full-width forms folded to ASCII, ASCII letters
//!   lowered, digits as `0`: the header's `normalise` table);
//! * the embeddings of the pairs (char `t − 1`, char `t`) and (char `t`, char `t + 1`),
//!   with the sentence's ends as pseudo-chars;
//! * the base model's score of each BIOES label, divided by `score_scale`;
//!
//! runs an LSTM over them forwards and one backwards, maps both states and the base
//! model's scores to a score per BIOES label, and picks the best label path under the
//! CRF's transition scores among the paths BIOES allows.
//!
//! The base model was trained on the same data; the network was trained on its scores for
//! sentences it had not seen (ten folds), so that it learns how far to trust them. The
//! training script is `scripts/train_lstm_ner.py` (PyTorch); this module only tags.

mod file;
mod net;

use std::path::Path;

use rustc_hash::FxHashMap;

pub use file::{BOUNDARY_END, BOUNDARY_START, LstmHeader};
use net::{Lstm, Matrix, viterbi};

use super::labels::Scheme;
use super::viterbi::Allowed;
use super::{EntityModel, PerceptronModel, Sentence, Tag};
use crate::{Error, Result};

/// A trained stacked LSTM model. Build once and share (`Send + Sync`).
#[derive(Debug, Clone)]
pub struct LstmModel {
    header: LstmHeader,
    base: PerceptronModel,
    norm: FxHashMap<char, char>,
    chars: FxHashMap<char, u32>,
    bigrams: FxHashMap<(u32, u32), u32>,
    /// The networks; with more than one (an ensemble) their scores are averaged.
    nets: Vec<Net>,
    /// The CRF's scores of label pairs, first and last labels, averaged over the networks.
    trans: Vec<f32>,
    start: Vec<f32>,
    end: Vec<f32>,
    allowed: Allowed,
}

/// One trained network.
#[derive(Debug, Clone)]
struct Net {
    char_emb: Matrix,
    bigram_emb: Matrix,
    fwd: Lstm,
    bwd: Lstm,
    out_w: Matrix,
    out_b: Vec<f32>,
}

fn model_error(name: &str, message: impl std::fmt::Display) -> Error {
    Error::Model {
        name: name.to_owned(),
        message: message.to_string(),
    }
}

impl LstmModel {
    /// Read a model file.
    ///
    /// # Errors
    ///
    /// [`Error::Read`] when the file cannot be read, [`Error::Model`] when it is not a
    /// stacked LSTM model file.
    pub fn load(path: &Path) -> Result<LstmModel> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        LstmModel::from_bytes(&path.display().to_string(), &bytes)
    }

    /// Whether `bytes` start like a stacked LSTM model file.
    pub fn is_lstm_file(bytes: &[u8]) -> bool {
        bytes.starts_with(file::MAGIC)
    }

    /// Read a model from the bytes of a model file; `name` names it in errors.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the bytes are not a model file or its parts do not fit.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<LstmModel> {
        let parts = file::read(name, bytes)?;
        let base = PerceptronModel::from_bytes(name, parts.base)?;
        let scheme = base.info().scheme;
        if scheme != Scheme::Bioes {
            return Err(model_error(name, "the base model must use BIOES labels"));
        }
        let labels = scheme.labels();
        let header = parts.header;
        let per_net = file::TENSORS.len();
        if parts.tensors.is_empty() || parts.tensors.len() % per_net != 0 {
            return Err(model_error(name, "the tensors do not make whole networks"));
        }
        if !(header.score_scale.is_finite() && header.score_scale > 0.0) {
            return Err(model_error(name, "bad score scale"));
        }
        let k = parts.tensors.len() / per_net;
        let (mut trans, mut start, mut end) = (
            vec![0f32; labels * labels],
            vec![0f32; labels],
            vec![0f32; labels],
        );
        let mut nets = Vec::with_capacity(k);
        let mut t = parts.tensors.into_iter();
        for _ in 0..k {
            let mut next = || t.next().ok_or_else(|| model_error(name, "missing tensor"));
            let (char_emb, bigram_emb) = (next()?, next()?);
            let fwd = Lstm {
                w_ih: next()?,
                w_hh: next()?,
                bias: next()?.data,
            };
            let bwd = Lstm {
                w_ih: next()?,
                w_hh: next()?,
                bias: next()?.data,
            };
            let (out_w, out_b) = (next()?, next()?.data);
            let (tr, st, en) = (next()?.data, next()?.data, next()?.data);
            let h = fwd.hidden();
            let input = char_emb.cols + 2 * bigram_emb.cols + labels;
            let fits = |lstm: &Lstm| {
                lstm.w_ih.rows == 4 * h
                    && lstm.w_ih.cols == input
                    && lstm.w_hh.rows == 4 * h
                    && lstm.w_hh.cols == h
                    && lstm.bias.len() == 4 * h
            };
            if !fits(&fwd)
                || !fits(&bwd)
                || out_w.rows != labels
                || out_w.cols != 2 * h + labels
                || out_b.len() != labels
                || tr.len() != labels * labels
                || st.len() != labels
                || en.len() != labels
                || char_emb.rows != header.chars.len() + 2
                || bigram_emb.rows != header.bigrams.len() + 2
            {
                return Err(model_error(name, "the tensors do not fit together"));
            }
            for (sum, part) in [(&mut trans, &tr), (&mut start, &st), (&mut end, &en)] {
                for (a, b) in sum.iter_mut().zip(part) {
                    *a += b / k as f32;
                }
            }
            nets.push(Net {
                char_emb,
                bigram_emb,
                fwd,
                bwd,
                out_w,
                out_b,
            });
        }
        let code = |c: u32| char::from_u32(c).ok_or_else(|| model_error(name, "bad char"));
        let mut norm = FxHashMap::default();
        for &[a, b] in &header.normalise {
            norm.insert(code(a)?, code(b)?);
        }
        let chars = header
            .chars
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| Some((char::from_u32(c)?, i as u32 + 2)))
            .collect();
        let bigrams = header
            .bigrams
            .iter()
            .enumerate()
            .map(|(i, &[a, b])| ((a, b), i as u32 + 2))
            .collect();
        Ok(LstmModel {
            allowed: scheme.allowed(),
            header,
            base,
            norm,
            chars,
            bigrams,
            nets,
            trans,
            start,
            end,
        })
    }

    /// What the model file says about the model.
    pub fn header(&self) -> &LstmHeader {
        &self.header
    }

    /// The base model whose scores the network reads.
    pub fn base(&self) -> &PerceptronModel {
        &self.base
    }

    /// The label of each char of `sentence` (BIOES numbers).
    fn labels(&self, sentence: &Sentence) -> Vec<u8> {
        let scores = self.base.emission_scores(sentence);
        let emissions = self.emissions(sentence.norm(), &scores);
        let labels = self.start.len();
        let a = &self.allowed;
        viterbi(
            &emissions,
            &self.trans,
            &self.start,
            &self.end,
            |x, y| a.ok(x, y),
            |y| a.ok(labels, y),
            |y| a.ok(y, labels),
        )
    }

    /// The networks' score of each label for each char (averaged over the networks),
    /// given the chars (as [`super::normalize_char`] gives them) and the base model's
    /// scores.
    fn emissions(&self, norm: &[char], scores: &[Vec<f32>]) -> Vec<Vec<f32>> {
        let n = norm.len();
        let units: Vec<u32> = norm
            .iter()
            .map(|c| u32::from(*self.norm.get(c).unwrap_or(c)))
            .collect();
        let unit = |i: isize| -> u32 {
            if i < 0 {
                BOUNDARY_START
            } else if i as usize >= n {
                BOUNDARY_END
            } else {
                units[i as usize]
            }
        };
        let pair = |a: u32, b: u32| *self.bigrams.get(&(a, b)).unwrap_or(&1) as usize;
        let rows: Vec<(usize, usize, usize)> = (0..n)
            .map(|t| {
                let ti = t as isize;
                let c = char::from_u32(units[t]).and_then(|c| self.chars.get(&c));
                (
                    *c.unwrap_or(&1) as usize,
                    pair(unit(ti - 1), unit(ti)),
                    pair(unit(ti), unit(ti + 1)),
                )
            })
            .collect();
        let scaled: Vec<Vec<f32>> = scores
            .iter()
            .map(|row| row.iter().map(|s| s / self.header.score_scale).collect())
            .collect();
        let k = self.nets.len() as f32;
        let mut out = vec![vec![0f32; self.start.len()]; n];
        for net in &self.nets {
            for (o, e) in out.iter_mut().zip(net.emissions(&rows, &scaled)) {
                for (a, b) in o.iter_mut().zip(e) {
                    *a += b / k;
                }
            }
        }
        out
    }
}

impl Net {
    /// Scores per label for chars whose embedding rows are `rows` (char, pair before,
    /// pair after) and whose scaled base scores are `scores`.
    fn emissions(&self, rows: &[(usize, usize, usize)], scores: &[Vec<f32>]) -> Vec<Vec<f32>> {
        let inputs: Vec<Vec<f32>> = rows
            .iter()
            .zip(scores)
            .map(|(&(c, before, after), s)| {
                let mut x = self.char_emb.row(c).to_vec();
                x.extend_from_slice(self.bigram_emb.row(before));
                x.extend_from_slice(self.bigram_emb.row(after));
                x.extend_from_slice(s);
                x
            })
            .collect();
        let (hf, hb) = (self.fwd.run(&inputs, false), self.bwd.run(&inputs, true));
        (0..inputs.len())
            .map(|t| {
                let mut feats = hf[t].clone();
                feats.extend_from_slice(&hb[t]);
                feats.extend_from_slice(&scores[t]);
                let mut e = self.out_b.clone();
                self.out_w.mul_add(&feats, &mut e);
                e
            })
            .collect()
    }
}

impl EntityModel for LstmModel {
    fn tag(&self, sentence: &Sentence) -> Vec<Tag> {
        if sentence.is_empty() {
            return Vec::new();
        }
        let mut tags: Vec<Tag> = self
            .labels(sentence)
            .into_iter()
            .map(|y| Scheme::Bioes.decode(y))
            .collect();
        super::tag::snap_to_words(&mut tags, sentence.norm());
        tags
    }

    fn name(&self) -> &str {
        "lstm"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::model::{Scores, parse_bio};
    use crate::segment::Segmenter;

    /// A tiny model and the network's scores that PyTorch gave for the first sentences of
    /// its training data (`--check`), made by
    ///
    /// ```text
    /// wenxi train-ner tests/data/ner_tiny.txt --folds 2 --out base.bin --stack-scores s.tsv
    /// python3 scripts/train_lstm_ner.py --scores s.tsv --base base.bin --hidden 8 \
    ///     --char-dim 8 --bigram-dim 4 --epochs 30 --min-count 1 --lr 0.02 --threads 1 \
    ///     --out tests/data/ner_tiny_lstm.bin --check tests/data/ner_tiny_lstm_check.json
    /// ```
    const TINY: &[u8] = include_bytes!("../../../../tests/data/ner_tiny_lstm.bin");
    const CHECK: &str = include_str!("../../../../tests/data/ner_tiny_lstm_check.json");
    const FIXTURE: &str = include_str!("../../../../tests/data/ner_tiny.txt");

    #[derive(serde::Deserialize)]
    struct Check {
        units: String,
        scores: Vec<Vec<f32>>,
        emissions: Vec<Vec<f32>>,
    }

    #[test]
    fn the_network_scores_as_pytorch_does() {
        let model = LstmModel::from_bytes("tiny", TINY).unwrap();
        let checks: Vec<Check> = serde_json::from_str(CHECK).unwrap();
        assert_eq!(checks.len(), 3);
        for c in checks {
            let units: Vec<char> = c.units.chars().collect();
            let got = model.emissions(&units, &c.scores);
            assert_eq!(got.len(), c.emissions.len());
            for (g, want) in got.iter().zip(&c.emissions) {
                for (x, y) in g.iter().zip(want) {
                    assert!((x - y).abs() < 1e-3, "{x} against {y} in {}", c.units);
                }
            }
        }
    }

    #[test]
    fn the_tiny_model_tags_its_training_sentences() {
        let model = LstmModel::from_bytes("tiny", TINY).unwrap();
        let seg = Segmenter::new();
        let mut scores = Scores::new();
        for s in parse_bio("tiny", FIXTURE).unwrap() {
            let tags = model.tag(&Sentence::new(&s.chars, &seg));
            assert_eq!(tags.len(), s.chars.len());
            scores.add(&s.tags, &tags);
        }
        assert!(scores.overall().f1() > 0.8, "{:?}", scores.overall());
        assert_eq!(model.tag(&Sentence::new(&[], &seg)), Vec::new());
    }

    #[test]
    fn an_ensemble_of_one_network_twice_scores_as_the_network() {
        let nl = TINY[file::MAGIC.len()..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap();
        let at = file::MAGIC.len() + nl + 1;
        let base = u64::from_le_bytes(TINY[at..at + 8].try_into().unwrap()) as usize;
        let tensors = &TINY[at + 8 + base..];
        let twice = [TINY, tensors].concat();
        let one = LstmModel::from_bytes("tiny", TINY).unwrap();
        let two = LstmModel::from_bytes("twice", &twice).unwrap();
        assert_eq!(two.nets.len(), 2);
        let seg = Segmenter::new();
        for s in parse_bio("tiny", FIXTURE).unwrap() {
            let sent = Sentence::new(&s.chars, &seg);
            let scores = one.base.emission_scores(&sent);
            let (a, b) = (
                one.emissions(sent.norm(), &scores),
                two.emissions(sent.norm(), &scores),
            );
            for (x, y) in a.iter().flatten().zip(b.iter().flatten()) {
                assert!((x - y).abs() < 1e-5);
            }
            assert_eq!(one.tag(&sent), two.tag(&sent));
        }
        // half a network more is refused
        let mut broken = twice.clone();
        broken.extend_from_slice(&tensors[..tensors.len() / 2]);
        assert!(LstmModel::from_bytes("broken", &broken).is_err());
    }

    #[test]
    fn broken_files_are_refused() {
        assert!(LstmModel::is_lstm_file(TINY));
        for cut in [10, TINY.len() / 2, TINY.len() - 1] {
            let e = LstmModel::from_bytes("tiny", &TINY[..cut]).unwrap_err();
            assert!(e.to_string().contains("tiny"), "{e}");
        }
        let mut longer = TINY.to_vec();
        longer.push(0);
        assert!(LstmModel::from_bytes("tiny", &longer).is_err());
        assert!(LstmModel::from_bytes("tiny", b"wenxi-ner-ap 1\n{}\n").is_err());
    }
}
