//! The CRF entity model: features of [`super::features`], weights learnt by a trainer of
//! the `crfs` crate (the averaged perceptron by default, or L2-regularised SGD), Viterbi
//! tagging by `crfs`.
//!
//! The crfs trainers do work in proportion to the whole feature table (about 0.9 million
//! features on MSRA) for every training instance, which makes an epoch over MSRA's 45,587
//! sentences take about a minute here. Gluing sentences into one instance
//! ([`TrainConfig::glue`]) divides that cost; the transition from the last char of one
//! sentence to the first of the next is then learnt too, which is almost always `O → O` or
//! `O → B`.
//!
//! ## Model file
//!
//! A model file is one line `wenxi-ner-crf 1`, one line of JSON (the [`ModelInfo`] and the
//! training dictionary as `[name, type mask]` pairs, mask bits PER 1, LOC 2, ORG 4), padded
//! with spaces so that the next byte starts at a multiple of 8, then the CRF in CRFsuite's
//! binary format as `crfs` writes it.

use std::path::Path;
use std::time::Instant;

use crfs::Attribute;
use serde::{Deserialize, Serialize};

use super::EntityModel;
use super::corpus::LabeledSentence;
use super::dict::EntityDict;
use super::features::{self, FeatureSet};
use super::sentence::Sentence;
use super::tag::Tag;
use crate::segment::Segmenter;
use crate::{Error, Result};

const MAGIC: &[u8] = b"wenxi-ner-crf 1\n";

/// How a CRF is trained.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// The trainer. Default: the averaged perceptron.
    pub algorithm: Algorithm,
    /// Passes over the training sentences. Default 30.
    pub epochs: usize,
    /// With [`Algorithm::L2Sgd`]: the L2 regularisation coefficient. Default 1.
    pub c2: f64,
    /// Folds for the dictionary of training names: a sentence's dictionary features come
    /// from the names of the other folds. Default 10.
    pub folds: usize,
    /// A feature (attribute × tag) seen fewer times in training is dropped, which keeps the
    /// model small. Default 2.
    pub min_freq: f64,
    /// Seed of the shuffling of sentences between epochs. Default 1.
    pub seed: u64,
    /// The feature groups. Default: all.
    pub features: FeatureSet,
    /// Sentences glued into one training instance. The crfs trainer does work in
    /// proportion to the whole feature table for each instance, so gluing `k` sentences
    /// makes an epoch up to `k` times faster; the perceptron then updates once per `k`
    /// sentences (a mini-batch). Features are still those of each sentence on its own.
    /// Default 4 (on MSRA: half the time of 1 per epoch, 0.006 F1 less at 10 epochs).
    pub glue: usize,
    /// The labels the CRF learns. Default BIOES (0.008 F1 more than BIO on MSRA dev).
    pub scheme: Scheme,
    /// Print the trainer's progress (one line per epoch) on stdout. Default off.
    pub verbose: bool,
}

/// A trainer of the `crfs` crate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    /// The averaged perceptron.
    #[default]
    Perceptron,
    /// Stochastic gradient descent on the CRF's L2-regularised log-likelihood.
    L2Sgd,
}

/// The labels a CRF learns; tagging always gives BIO tags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// `B-X`, `I-X`, `O` (also what model files from before the option say nothing about).
    #[default]
    Bio,
    /// `B-X`, `I-X`, `E-X` (last char), `S-X` (single-char entity), `O`.
    Bioes,
}

impl Scheme {
    /// The training labels of a sentence's BIO tags.
    fn labels(self, tags: &[Tag]) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = tags.iter().map(|t| t.as_str()).collect();
        if self == Scheme::Bioes {
            for (i, t) in tags.iter().enumerate() {
                let last = !matches!(tags.get(i + 1), Some(Tag::I(k)) if Some(*k) == t.kind());
                out[i] = match (t, last) {
                    (Tag::B(k), true) => bioes(k.as_str(), 'S'),
                    (Tag::I(k), true) => bioes(k.as_str(), 'E'),
                    _ => out[i],
                };
            }
        }
        out
    }

    /// The BIO tag of a label of either scheme.
    fn tag(label: &str) -> Option<Tag> {
        match label.split_once('-') {
            Some(("S", k)) => Tag::parse(&format!("B-{k}")),
            Some(("E", k)) => Tag::parse(&format!("I-{k}")),
            _ => Tag::parse(label),
        }
    }
}

fn bioes(kind: &str, pos: char) -> &'static str {
    match (kind, pos) {
        ("PER", 'S') => "S-PER",
        ("PER", _) => "E-PER",
        ("LOC", 'S') => "S-LOC",
        ("LOC", _) => "E-LOC",
        ("ORG", 'S') => "S-ORG",
        _ => "E-ORG",
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            algorithm: Algorithm::Perceptron,
            epochs: 30,
            c2: 1.0,
            folds: 10,
            min_freq: 2.0,
            seed: 1,
            features: FeatureSet::default(),
            glue: 4,
            scheme: Scheme::Bioes,
            verbose: false,
        }
    }
}

/// What a model file says about the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// The feature groups.
    pub features: FeatureSet,
    /// The trainer.
    #[serde(default)]
    pub algorithm: Algorithm,
    /// Training epochs.
    pub epochs: usize,
    /// L2 coefficient (for [`Algorithm::L2Sgd`]).
    #[serde(default)]
    pub c2: f64,
    /// Folds of the training dictionary.
    pub folds: usize,
    /// Minimum feature frequency.
    pub min_freq: f64,
    /// Shuffle seed.
    pub seed: u64,
    /// Sentences per training instance.
    #[serde(default = "one")]
    pub glue: usize,
    /// The labels the CRF learnt.
    #[serde(default)]
    pub scheme: Scheme,
    /// Training sentences.
    pub sentences: usize,
    /// Training chars.
    pub chars: usize,
    /// Names in the training dictionary.
    pub dictionary_names: usize,
    /// Seconds spent training (features and trainer).
    pub train_seconds: f64,
}

fn one() -> usize {
    1
}

#[derive(Serialize, Deserialize)]
struct Header {
    info: ModelInfo,
    dictionary: Vec<(String, u8)>,
}

/// A trained CRF. Build once and share (`Send + Sync`).
pub struct CrfModel {
    info: ModelInfo,
    dict: EntityDict,
    /// The CRF in CRFsuite's format (kept for saving).
    crf: &'static [u8],
    tagger: crfs::Tagger<'static>,
}

impl std::fmt::Debug for CrfModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrfModel")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

fn model_error(name: &str, e: impl std::fmt::Display) -> Error {
    Error::Model {
        name: name.to_owned(),
        message: e.to_string(),
    }
}

/// What takes one training instance: a crfs trainer's `append`.
type Append<'a> = dyn FnMut(&[Vec<Attribute>], &[&str]) -> std::io::Result<()> + 'a;

/// Give the features and labels of every training sentence to `append` (glued
/// `config.glue` sentences at a time); the number of chars.
fn feed(
    sentences: &[&LabeledSentence],
    segmenter: &Segmenter,
    config: &TrainConfig,
    dict: &EntityDict,
    folds: usize,
    append: &mut Append<'_>,
) -> Result<usize> {
    let n = sentences.len();
    let glue = config.glue.max(1);
    let (mut xseq, mut yseq) = (Vec::new(), Vec::new());
    let mut chars = 0;
    for (i, s) in sentences.iter().enumerate() {
        let sent = Sentence::new(&s.chars, segmenter);
        // With one fold there is no other fold: training sees no dictionary feature.
        let fold = Some(i * folds / n);
        xseq.extend(attributes(&sent, config.features, dict, fold));
        yseq.extend(config.scheme.labels(&s.tags));
        chars += s.chars.len();
        if (i + 1) % glue == 0 || i + 1 == n {
            append(&xseq, &yseq).map_err(|e| model_error("training", e))?;
            xseq.clear();
            yseq.clear();
        }
    }
    Ok(chars)
}

/// The features of one sentence as `crfs` attributes.
fn attributes(
    sent: &Sentence,
    set: FeatureSet,
    dict: &EntityDict,
    fold: Option<usize>,
) -> Vec<Vec<Attribute>> {
    let marks = if set.dictionary {
        dict.marks(sent.norm(), fold)
    } else {
        vec![0; sent.len()]
    };
    features::extract(sent, set, &marks)
        .into_iter()
        .map(|f| f.into_iter().map(Attribute::from).collect())
        .collect()
}

impl CrfModel {
    /// Train a model on `sentences` (words from `segmenter`).
    ///
    /// The crfs trainer writes its model to a file: a temporary file in the system's
    /// temporary directory is used and removed.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when there is nothing to train on or the trainer fails.
    pub fn train(
        sentences: &[LabeledSentence],
        segmenter: &Segmenter,
        config: &TrainConfig,
    ) -> Result<CrfModel> {
        let started = Instant::now();
        let sentences: Vec<&LabeledSentence> =
            sentences.iter().filter(|s| !s.chars.is_empty()).collect();
        if sentences.is_empty() {
            return Err(model_error("training", "no training sentences"));
        }
        features::warm_up();
        let folds = config.folds.clamp(1, 64);
        let dict = EntityDict::from_sentences(
            sentences
                .iter()
                .map(|s| (s.chars.as_slice(), s.tags.as_slice())),
            folds,
        );
        let train_err = |e: std::io::Error| model_error("training", e);
        let tmp = std::env::temp_dir().join(format!(
            "wenxi-crf-{}-{}.tmp",
            std::process::id(),
            started.elapsed().as_nanos()
        ));
        let epochs = config.epochs.max(1);
        let feed_all =
            |append: &mut Append<'_>| feed(&sentences, segmenter, config, &dict, folds, append);
        // The two trainers are distinct types of crfs: the same steps for each.
        let (chars, trained) = match config.algorithm {
            Algorithm::Perceptron => {
                let mut t = crfs::Trainer::averaged_perceptron();
                t.verbose(config.verbose);
                let p = t.params_mut();
                p.set_max_iterations(epochs).map_err(train_err)?;
                p.set_shuffle_seed(Some(config.seed));
                t.set_feature_minfreq(config.min_freq.max(0.0))
                    .map_err(train_err)?;
                let chars = feed_all(&mut |x, y| t.append(x, y).map(|_| ()))?;
                (chars, t.train(&tmp))
            }
            Algorithm::L2Sgd => {
                let mut t = crfs::Trainer::l2sgd();
                t.verbose(config.verbose);
                let p = t.params_mut();
                p.set_max_iterations(epochs).map_err(train_err)?;
                p.set_c2(config.c2.max(0.0)).map_err(train_err)?;
                p.set_shuffle_seed(Some(config.seed));
                t.set_feature_minfreq(config.min_freq.max(0.0))
                    .map_err(train_err)?;
                let chars = feed_all(&mut |x, y| t.append(x, y).map(|_| ()))?;
                (chars, t.train(&tmp))
            }
        };
        let bytes = std::fs::read(&tmp);
        let _ = std::fs::remove_file(&tmp);
        trained.map_err(train_err)?;
        let bytes = bytes.map_err(|source| Error::Read { path: tmp, source })?;
        let n = sentences.len();
        let glue = config.glue.max(1);
        let info = ModelInfo {
            features: config.features,
            epochs,
            algorithm: config.algorithm,
            c2: config.c2,
            folds,
            min_freq: config.min_freq,
            seed: config.seed,
            glue,
            scheme: config.scheme,
            sentences: n,
            chars,
            dictionary_names: dict.len(),
            train_seconds: started.elapsed().as_secs_f64(),
        };
        // At tagging time every training name is known.
        let dict = EntityDict::from_entries(dict.entries());
        CrfModel::assemble("training", info, dict, bytes)
    }

    fn assemble(name: &str, info: ModelInfo, dict: EntityDict, crf: Vec<u8>) -> Result<CrfModel> {
        // The tagger borrows the model, which borrows the bytes: both live as long as the
        // process (a model is loaded once and shared).
        let crf: &'static [u8] = Box::leak(crf.into_boxed_slice());
        let model: &'static crfs::Model<'static> = Box::leak(Box::new(
            crfs::Model::new(crf).map_err(|e| model_error(name, e))?,
        ));
        let tagger = model.tagger().map_err(|e| model_error(name, e))?;
        Ok(CrfModel {
            info,
            dict,
            crf,
            tagger,
        })
    }

    /// What the model file says about the model.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// The model file's bytes.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] if the header cannot be written (it always can).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let header = Header {
            info: self.info.clone(),
            dictionary: self.dict.entries(),
        };
        let mut out = MAGIC.to_vec();
        out.extend(serde_json::to_string(&header)?.as_bytes());
        while !(out.len() + 1).is_multiple_of(8) {
            out.push(b' ');
        }
        out.push(b'\n');
        out.extend_from_slice(self.crf);
        Ok(out)
    }

    /// Write the model to `path`.
    ///
    /// # Errors
    ///
    /// [`Error::Write`] when the file cannot be written.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()?).map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
    }

    /// Read a model file written by [`CrfModel::save`]. The model lives until the process
    /// ends: load it once and share it.
    ///
    /// # Errors
    ///
    /// [`Error::Read`] when the file cannot be read, [`Error::Model`] when it is not a model
    /// file.
    pub fn load(path: &Path) -> Result<CrfModel> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        CrfModel::from_bytes(&path.display().to_string(), &bytes)
    }

    /// Read a model from the bytes of a model file; `name` names it in errors.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the bytes are not a model file.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<CrfModel> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| model_error(name, "not a wenxi CRF model file"))?;
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| model_error(name, "truncated header"))?;
        let header: Header =
            serde_json::from_slice(&rest[..nl]).map_err(|e| model_error(name, e))?;
        let dict = EntityDict::from_entries(header.dictionary);
        features::warm_up();
        CrfModel::assemble(name, header.info, dict, rest[nl + 1..].to_vec())
    }
}

impl EntityModel for CrfModel {
    fn tag(&self, sentence: &Sentence) -> Vec<Tag> {
        if sentence.is_empty() {
            return Vec::new();
        }
        let xseq = attributes(sentence, self.info.features, &self.dict, None);
        match self.tagger.tag(&xseq) {
            Ok(labels) => labels
                .into_iter()
                .map(|l| Scheme::tag(l).unwrap_or(Tag::O))
                .collect(),
            // crfs fails only on a corrupt model, which loading has checked.
            Err(_) => vec![Tag::O; sentence.len()],
        }
    }

    fn name(&self) -> &str {
        "crf"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bioes_labels_and_back() {
        let tags: Vec<Tag> = "B-PER I-PER I-PER O B-LOC B-ORG I-ORG"
            .split(' ')
            .map(|t| Tag::parse(t).unwrap())
            .collect();
        let labels = Scheme::Bioes.labels(&tags);
        assert_eq!(
            labels,
            ["B-PER", "I-PER", "E-PER", "O", "S-LOC", "B-ORG", "E-ORG"]
        );
        let back: Vec<Tag> = labels.iter().map(|l| Scheme::tag(l).unwrap()).collect();
        assert_eq!(back, tags);
        assert_eq!(Scheme::Bio.labels(&tags)[2], "I-PER");
    }
}
