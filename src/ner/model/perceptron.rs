//! The trained entity model: a first-order chain over the hashed features of
//! [`super::features`] and BIO or BIOES labels, its weights learnt by the averaged
//! structured perceptron ([`super::train`]), tagged by Viterbi search.

use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::EntityModel;
use super::compiled::CharRows;
use super::corpus::LabeledSentence;
use super::dict::{EntityDict, Layer};
use super::features::{self, FeatureSet};
use super::file;
use super::labels::Scheme;
use super::sentence::Sentence;
use super::tag::Tag;
use super::train::{self, Data, TrainConfig};
use super::viterbi::Allowed;
use super::weights::{MAX_LABELS, Scorer, Weights};
use crate::segment::Segmenter;
use crate::{Error, Result};

/// What a model file says about the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// The feature groups.
    pub features: FeatureSet,
    /// The labels the model learnt.
    pub scheme: Scheme,
    /// Training epochs.
    pub epochs: usize,
    /// Folds of the training dictionary.
    pub folds: usize,
    /// Minimum feature frequency (chars).
    pub min_freq: u32,
    /// Pruning threshold of averaged weights.
    pub prune: f64,
    /// Shuffle seed.
    pub seed: u64,
    /// Training sentences.
    pub sentences: usize,
    /// Sentences that counted more than once: (weight, sentences with it), by weight.
    /// Empty when every sentence counted once (and in files from before weights).
    #[serde(default)]
    pub weighted: Vec<(u32, usize)>,
    /// Training chars.
    pub chars: usize,
    /// Distinct features in training (after `min_freq`).
    pub trained_features: usize,
    /// Features with a weight in the model.
    pub features_kept: usize,
    /// Emission weights in the model.
    pub weights: usize,
    /// Names in the training dictionary.
    pub dictionary_names: usize,
    /// Seconds spent training (features, perceptron and weights), to the millisecond.
    pub train_seconds: f64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    info: ModelInfo,
    dictionary: Vec<(String, u8)>,
}

/// A trained model. Build once and share (`Send + Sync`).
#[derive(Debug, Clone)]
pub struct PerceptronModel {
    info: ModelInfo,
    /// The gazetteers, jieba's names and the training names.
    dict: EntityDict,
    weights: Weights,
    /// The label pairs of the scheme.
    allowed: Allowed,
    /// The unit and cluster weights of single chars, summed per offset.
    compiled: CharRows,
}

fn model_error(name: &str, e: impl std::fmt::Display) -> Error {
    Error::Model {
        name: name.to_owned(),
        message: e.to_string(),
    }
}

impl PerceptronModel {
    /// Train a model on `sentences` (words from `segmenter`).
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when there is nothing to train on.
    pub fn train(
        sentences: &[LabeledSentence],
        segmenter: &Segmenter,
        config: &TrainConfig,
    ) -> Result<PerceptronModel> {
        Self::train_weighted(sentences, &[], segmenter, config)
    }

    /// [`Self::train`], where sentence `i` counts `weights[i]` times (its updates are that
    /// large; 1 where `weights` is short; 0 counts as 1 and at most
    /// [`super::MAX_WEIGHT`] counts). A corpus whose
    /// annotation follows the wanted conventions less closely can so count less.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when there is nothing to train on.
    pub fn train_weighted(
        sentences: &[LabeledSentence],
        weights: &[u32],
        segmenter: &Segmenter,
        config: &TrainConfig,
    ) -> Result<PerceptronModel> {
        let started = Instant::now();
        let (sentences, counts): (Vec<&LabeledSentence>, Vec<u32>) = sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.chars.is_empty())
            .map(|(i, s)| (s, weights.get(i).copied().unwrap_or(1)))
            .unzip();
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
        let data = Data::extract(
            &sentences,
            &counts,
            segmenter,
            config,
            &features::names_with(&dict),
            folds,
        );
        if config.verbose {
            eprintln!(
                "wenxi: features of {} chars extracted in {:.1} s: {} distinct, {} in all",
                data.chars(),
                started.elapsed().as_secs_f64(),
                data.ids.len(),
                data.feats.len()
            );
        }
        let sums = train::perceptron(&data, config);
        let weights = Weights::from_sums(
            config.scheme.labels(),
            &data.ids,
            &sums.emissions,
            &sums.transitions,
            sums.instances,
            config.prune,
        );
        let info = ModelInfo {
            features: config.features,
            scheme: config.scheme,
            epochs: config.epochs.max(1),
            folds,
            min_freq: config.min_freq,
            prune: config.prune,
            seed: config.seed,
            sentences: sentences.len(),
            weighted: {
                let mut by: std::collections::BTreeMap<u32, usize> = Default::default();
                for &w in data.weights.iter().filter(|&&w| w > 1) {
                    *by.entry(w as u32).or_default() += 1;
                }
                by.into_iter().collect()
            },
            chars: data.chars(),
            trained_features: data.ids.len(),
            features_kept: weights.features(),
            weights: weights.values(),
            dictionary_names: dict.len(),
            train_seconds: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        };
        // At tagging time every training name is known.
        let mut names = EntityDict::default();
        names.add_entries(Layer::Training, dict.entries());
        Ok(PerceptronModel {
            allowed: info.scheme.allowed(),
            compiled: CharRows::new(&weights, info.features),
            info,
            dict: features::names_with(&names),
            weights,
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
        Ok(file::write(&serde_json::to_string(&header)?, &self.weights))
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

    /// Read a model file written by [`PerceptronModel::save`].
    ///
    /// # Errors
    ///
    /// [`Error::Read`] when the file cannot be read, [`Error::Model`] when it is not a model
    /// file.
    pub fn load(path: &Path) -> Result<PerceptronModel> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        PerceptronModel::from_bytes(&path.display().to_string(), &bytes)
    }

    /// Read a model from the bytes of a model file; `name` names it in errors.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the bytes are not a model file.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<PerceptronModel> {
        let (header, weights) = file::read(name, bytes)?;
        let header: Header = serde_json::from_slice(header).map_err(|e| model_error(name, e))?;
        if weights.labels != header.info.scheme.labels() {
            return Err(model_error(name, "the weights do not fit the labels"));
        }
        features::warm_up();
        Ok(PerceptronModel {
            allowed: header.info.scheme.allowed(),
            compiled: CharRows::new(&weights, header.info.features),
            info: header.info,
            dict: {
                let mut names = EntityDict::default();
                names.add_entries(Layer::Training, header.dictionary);
                features::names_with(&names)
            },
            weights,
        })
    }

    /// The emission score of each label (as [`Scheme`] numbers them) for each char of
    /// `sentence`, in units of the averaged weights: what the Viterbi search adds to the
    /// transitions. A second model can read them as features (stacking).
    pub fn emission_scores(&self, sentence: &Sentence) -> Vec<Vec<f32>> {
        let scores = self.scores(sentence);
        let (labels, scale) = (self.weights.labels, self.weights.scale);
        scores
            .iter()
            .map(|row| {
                row[..labels]
                    .iter()
                    .map(|&x| (f64::from(x) * scale) as f32)
                    .collect()
            })
            .collect()
    }

    /// The label of each char of `sentence` (as [`Scheme`] numbers them).
    fn labels(&self, sentence: &Sentence) -> Vec<u8> {
        self.weights.decode(&self.scores(sentence), &self.allowed)
    }

    /// The summed weights of each char's features, one row per char.
    fn scores(&self, sentence: &Sentence) -> Vec<[i32; MAX_LABELS]> {
        let marks = self.dict.marks(sentence.norm(), None);
        let mut scorer = Scorer::new(&self.weights, sentence.len());
        let (set, rows) = (self.info.features, Some(&self.compiled));
        features::extract_but(sentence, set, &marks, rows, &mut |i, id| scorer.add(i, id));
        let mut scores = scorer.finish();
        self.compiled.add(sentence.norm(), &mut scores);
        scores
    }

    /// [`Self::scores`] without the compiled rows (for the test that they agree).
    #[cfg(test)]
    fn scores_uncompiled(&self, sentence: &Sentence) -> Vec<[i32; MAX_LABELS]> {
        let marks = self.dict.marks(sentence.norm(), None);
        let mut scorer = Scorer::new(&self.weights, sentence.len());
        features::extract(sentence, self.info.features, &marks, &mut |i, id| {
            scorer.add(i, id)
        });
        scorer.finish()
    }
}

impl EntityModel for PerceptronModel {
    fn tag(&self, sentence: &Sentence) -> Vec<Tag> {
        if sentence.is_empty() {
            return Vec::new();
        }
        let scheme = self.info.scheme;
        let mut tags: Vec<Tag> = self
            .labels(sentence)
            .into_iter()
            .map(|y| scheme.decode(y))
            .collect();
        super::tag::snap_to_words(&mut tags, sentence.norm());
        tags
    }

    fn name(&self) -> &str {
        "perceptron"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::model::{parse_bio, shipped};

    const FIXTURE: &str = include_str!("../../../tests/data/ner_tiny.txt");

    /// Text with Han chars, punctuation, Latin words, digits and chars outside the tables.
    const TEXTS: [&str; 4] = [
        "OpenAI的CEO萨姆·阿尔特曼2023年在北京会见了王小明。",
        "王小明昨天在上海",
        "“ＧＰＴ－４”发布，𠀀字与㐀字。",
        "a",
    ];

    fn assert_compiled_rows_agree(model: &PerceptronModel, segmenter: &Segmenter) {
        for text in TEXTS {
            let chars: Vec<char> = text.chars().collect();
            let s = Sentence::new(&chars, segmenter);
            assert_eq!(model.scores(&s), model.scores_uncompiled(&s), "{text}");
        }
    }

    #[test]
    fn compiled_rows_give_the_scores_of_the_features() {
        let segmenter = Segmenter::new();
        let sentences = parse_bio("tiny", FIXTURE).unwrap();
        let model =
            PerceptronModel::train(&sentences, &segmenter, &TrainConfig::default()).unwrap();
        assert!(model.info().features.clusters);
        assert!(model.compiled.has('北') && !model.compiled.has('a'));
        assert_compiled_rows_agree(&model, &segmenter);
        // The shipped model, and a model without the cluster features.
        assert_compiled_rows_agree(&shipped().unwrap(), &segmenter);
        let config = TrainConfig {
            features: FeatureSet {
                clusters: false,
                ..FeatureSet::default()
            },
            ..TrainConfig::default()
        };
        let model = PerceptronModel::train(&sentences, &segmenter, &config).unwrap();
        assert_compiled_rows_agree(&model, &segmenter);
    }
}
