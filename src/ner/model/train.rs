//! Training: the features of every training sentence are extracted once and stored as
//! indices, then the structured perceptron runs over them for some epochs.
//!
//! For each sentence (in an order shuffled every epoch with a fixed seed) the current
//! weights pick the best label sequence (Viterbi); where it differs from the gold labels,
//! the features of each wrong char gain 1 on the gold label and lose 1 on the predicted one,
//! and the transitions of the gold path gain 1 and those of the predicted path lose 1. The
//! model keeps the average of the weights over all instances ([`super::averaged`]).
//!
//! A sentence may carry a weight `w` (its corpus's, see [`Data::extract`]): its updates are
//! `w` instead of 1, so that a corpus whose annotation follows the wanted conventions less
//! closely counts less.

use std::time::Instant;

use rustc_hash::FxHashMap;

use super::averaged::Averaged;
use super::corpus::LabeledSentence;
use super::dict::EntityDict;
use super::features::{self, FeatureSet};
use super::hash::SplitMix;
use super::labels::Scheme;
use super::sentence::Sentence;
use super::viterbi::{Lattice, best_path};
use crate::segment::Segmenter;

/// How a model is trained.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training sentences. Default 30.
    pub epochs: usize,
    /// Folds for the dictionary of training names: a sentence's dictionary features come
    /// from the names of the other folds. Default 10.
    pub folds: usize,
    /// A feature seen on fewer chars than this in training is dropped before training.
    /// Default 1 (none dropped).
    pub min_freq: u32,
    /// An averaged weight smaller than this in magnitude is dropped from the model, which
    /// keeps the model small. Default 0 (only weights that round to 0 are dropped).
    pub prune: f64,
    /// Seed of the shuffling of sentences before each epoch. Default 1.
    pub seed: u64,
    /// The feature groups. Default: all.
    pub features: FeatureSet,
    /// The labels the model learns. Default BIOES.
    pub scheme: Scheme,
    /// Print one line per epoch on stderr. Default off.
    pub verbose: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 30,
            folds: 10,
            min_freq: 1,
            prune: 0.0,
            seed: 1,
            features: FeatureSet::default(),
            scheme: Scheme::Bioes,
            verbose: false,
        }
    }
}

/// The training sentences as feature indices and labels.
pub(crate) struct Data {
    /// Feature index → feature id.
    pub ids: Vec<u64>,
    /// Per char (all sentences in a row), where its features start in `feats`; one more
    /// entry at the end.
    pub starts: Vec<usize>,
    /// Feature indices.
    pub feats: Vec<u32>,
    /// Gold label per char.
    pub gold: Vec<u8>,
    /// Per sentence, its first char; one more entry at the end.
    pub sentences: Vec<usize>,
    /// Per sentence, the size of its updates (at least 1).
    pub weights: Vec<i32>,
}

impl Data {
    /// Extract the features of `sentences` (`dict` from [`features::names_with`]; the
    /// dictionary features of sentence `i` of `n` from the training names outside fold
    /// `i * folds / n`) and drop the features seen on fewer than `min_freq` chars.
    /// `weights` gives each sentence's update size (1 where it is short or 0).
    pub fn extract(
        sentences: &[&LabeledSentence],
        weights: &[u32],
        segmenter: &Segmenter,
        config: &TrainConfig,
        dict: &EntityDict,
        folds: usize,
    ) -> Data {
        let n = sentences.len();
        let mut index: FxHashMap<u64, u32> = FxHashMap::default();
        let mut ids = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut data = Data {
            ids: Vec::new(),
            starts: vec![0],
            feats: Vec::new(),
            gold: Vec::new(),
            sentences: vec![0],
            weights: (0..sentences.len())
                .map(|i| weights.get(i).map_or(1, |&w| w.clamp(1, MAX_WEIGHT) as i32))
                .collect(),
        };
        let mut pairs: Vec<(u32, u64)> = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            let sent = Sentence::new(&s.chars, segmenter);
            let marks = dict.marks(sent.norm(), Some(i * folds / n));
            pairs.clear();
            features::extract(&sent, config.features, &marks, &mut |pos, id| {
                pairs.push((pos as u32, id));
            });
            // Group by char, keeping the order of each char's features.
            pairs.sort_by_key(|p| p.0);
            let mut p = 0;
            for c in 0..sent.len() {
                while p < pairs.len() && pairs[p].0 as usize == c {
                    let id = pairs[p].1;
                    let next = ids.len() as u32;
                    let f = *index.entry(id).or_insert(next);
                    if f == next {
                        ids.push(id);
                        counts.push(0);
                    }
                    counts[f as usize] += 1;
                    data.feats.push(f);
                    p += 1;
                }
                data.starts.push(data.feats.len());
            }
            data.gold.extend(config.scheme.encode(&s.tags));
            data.sentences.push(data.gold.len());
        }
        drop(index);
        // Drop rare features, renumbering the others.
        let mut new_index = vec![u32::MAX; ids.len()];
        for (f, &c) in counts.iter().enumerate() {
            if c >= config.min_freq {
                new_index[f] = data.ids.len() as u32;
                data.ids.push(ids[f]);
            }
        }
        if data.ids.len() < ids.len() {
            let mut w = 0;
            let mut start = 0;
            for c in 0..data.gold.len() {
                let end = data.starts[c + 1];
                for r in start..end {
                    let f = new_index[data.feats[r] as usize];
                    if f != u32::MAX {
                        data.feats[w] = f;
                        w += 1;
                    }
                }
                start = end;
                data.starts[c + 1] = w;
            }
            data.feats.truncate(w);
            data.feats.shrink_to_fit();
        }
        data
    }

    /// Number of training chars.
    pub fn chars(&self) -> usize {
        self.gold.len()
    }
}

/// The largest update size of a sentence.
pub const MAX_WEIGHT: u32 = 100;

/// What training learns: the sums of the weights over all instances (the averages times
/// the number of instances), per feature index and label, and per transition.
pub(crate) struct Sums {
    /// `ids.len() × labels` sums.
    pub emissions: Vec<i64>,
    /// `(labels + 1)²` sums (see [`Lattice`]).
    pub transitions: Vec<i64>,
    /// Instances seen (sentences × epochs).
    pub instances: u32,
}

/// Run the averaged perceptron over `data` for `config.epochs` epochs.
pub(crate) fn perceptron(data: &Data, config: &TrainConfig) -> Sums {
    let l = config.scheme.labels();
    let stride = l + 1;
    let mut emissions = Averaged::new(data.ids.len(), l);
    let mut transitions = Averaged::new(1, stride * stride);
    let allowed = config.scheme.allowed();
    let mut order: Vec<usize> = (0..data.sentences.len() - 1).collect();
    let mut rng = SplitMix::new(config.seed);
    let mut now: u32 = 1;
    let (mut em, mut tr) = (Vec::new(), Vec::new());
    let (mut back, mut pred) = (Vec::new(), Vec::new());
    for epoch in 0..config.epochs.max(1) {
        let started = Instant::now();
        rng.shuffle(&mut order);
        let (mut wrong_sentences, mut wrong_chars) = (0usize, 0usize);
        for &s in &order {
            let chars = data.sentences[s]..data.sentences[s + 1];
            let gold = &data.gold[chars.clone()];
            em.clear();
            em.resize(gold.len() * l, 0i64);
            for (i, c) in chars.clone().enumerate() {
                let e = &mut em[i * l..(i + 1) * l];
                for &f in &data.feats[data.starts[c]..data.starts[c + 1]] {
                    for (x, &w) in e.iter_mut().zip(emissions.row(f as usize)) {
                        *x += i64::from(w);
                    }
                }
            }
            tr.clear();
            tr.extend(transitions.weights().iter().map(|&w| i64::from(w)));
            let lattice = Lattice {
                labels: l,
                emissions: &em,
                transitions: &tr,
                allowed: &allowed,
            };
            best_path(lattice, &mut back, &mut pred);
            if pred.as_slice() != gold {
                wrong_sentences += 1;
                let w = data.weights[s];
                for (i, c) in chars.enumerate() {
                    let (g, p) = (usize::from(gold[i]), usize::from(pred[i]));
                    if g == p {
                        continue;
                    }
                    wrong_chars += 1;
                    for &f in &data.feats[data.starts[c]..data.starts[c + 1]] {
                        emissions.update(f as usize, g, w, now);
                        emissions.update(f as usize, p, -w, now);
                    }
                }
                let edge = |path: &[u8], i: usize| {
                    let a = if i == 0 { l } else { usize::from(path[i - 1]) };
                    let b = path.get(i).map_or(l, |&y| usize::from(y));
                    a * stride + b
                };
                for i in 0..=gold.len() {
                    let (g, p) = (edge(gold, i), edge(&pred, i));
                    if g != p {
                        transitions.update(0, g, w, now);
                        transitions.update(0, p, -w, now);
                    }
                }
            }
            now += 1;
        }
        if config.verbose {
            eprintln!(
                "wenxi: epoch {:>3}: {wrong_sentences} sentence(s) and {wrong_chars} char(s) \
                 wrong ({:.2}% of chars), {:.1} s",
                epoch + 1,
                100.0 * wrong_chars as f64 / data.chars().max(1) as f64,
                started.elapsed().as_secs_f64()
            );
        }
    }
    let instances = now - 1;
    Sums {
        emissions: emissions.into_sums(instances),
        transitions: transitions.into_sums(instances),
        instances,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::model::tag::Tag;

    fn sentence(text: &str, tags: &str) -> LabeledSentence {
        LabeledSentence {
            chars: text.chars().collect(),
            tags: tags.split(' ').map(|t| Tag::parse(t).unwrap()).collect(),
        }
    }

    #[test]
    fn rare_features_are_dropped_and_indices_stay_consistent() {
        let a = sentence("王明说", "B-PER I-PER O");
        let b = sentence("王明走", "B-PER I-PER O");
        let sents = [&a, &b];
        let seg = Segmenter::new();
        let dict = features::names_with(&EntityDict::default());
        let all = Data::extract(&sents, &[], &seg, &TrainConfig::default(), &dict, 1);
        let config = TrainConfig {
            min_freq: 2,
            ..TrainConfig::default()
        };
        let common = Data::extract(&sents, &[], &seg, &config, &dict, 1);
        assert_eq!(all.chars(), 6);
        assert_eq!(common.gold, all.gold);
        assert!(common.ids.len() < all.ids.len());
        assert_eq!(*common.starts.last().unwrap(), common.feats.len());
        // Kept features keep their ids.
        for c in 0..6 {
            let kept: Vec<u64> = common.feats[common.starts[c]..common.starts[c + 1]]
                .iter()
                .map(|&f| common.ids[f as usize])
                .collect();
            let before: Vec<u64> = all.feats[all.starts[c]..all.starts[c + 1]]
                .iter()
                .map(|&f| all.ids[f as usize])
                .filter(|id| common.ids.contains(id))
                .collect();
            assert_eq!(kept, before);
        }
    }

    #[test]
    fn perceptron_separates_a_tiny_set() {
        let a = sentence("王明说", "B-PER I-PER O");
        let b = sentence("去北京", "O B-LOC I-LOC");
        let sents = [&a, &b];
        let config = TrainConfig {
            epochs: 5,
            ..TrainConfig::default()
        };
        let data = Data::extract(
            &sents,
            &[],
            &Segmenter::new(),
            &config,
            &EntityDict::default(),
            1,
        );
        let sums = perceptron(&data, &config);
        assert_eq!(sums.instances, 10);
        // The averaged weights tag both sentences right.
        for s in 0..2 {
            let chars = data.sentences[s]..data.sentences[s + 1];
            assert_eq!(tag(&data, &sums, &config, s), data.gold[chars]);
        }
    }

    /// The labels the averaged weights `sums` give training sentence `s` of `data`.
    fn tag(data: &Data, sums: &Sums, config: &TrainConfig, s: usize) -> Vec<u8> {
        let l = config.scheme.labels();
        let chars = data.sentences[s]..data.sentences[s + 1];
        let mut em = vec![0i64; chars.len() * l];
        for (i, c) in chars.enumerate() {
            for &f in &data.feats[data.starts[c]..data.starts[c + 1]] {
                for y in 0..l {
                    em[i * l + y] += sums.emissions[f as usize * l + y];
                }
            }
        }
        let (mut back, mut out) = (Vec::new(), Vec::new());
        let lattice = Lattice {
            labels: l,
            emissions: &em,
            transitions: &sums.transitions,
            allowed: &config.scheme.allowed(),
        };
        best_path(lattice, &mut back, &mut out);
        out
    }

    #[test]
    fn a_weighted_sentence_counts_as_many_times_its_weight() {
        let a = sentence("王明说", "B-PER I-PER O");
        let b = sentence("去北京", "O B-LOC I-LOC");
        let sents = [&a, &b];
        let seg = Segmenter::new();
        let dict = EntityDict::default();
        let config = TrainConfig {
            epochs: 3,
            ..TrainConfig::default()
        };
        let once = perceptron(
            &Data::extract(&sents, &[], &seg, &config, &dict, 1),
            &config,
        );
        let thrice = perceptron(
            &Data::extract(&sents, &[3, 3], &seg, &config, &dict, 1),
            &config,
        );
        // Every update three times as large: the same paths, three times the sums.
        assert!(once.emissions.iter().any(|&x| x != 0));
        let tripled: Vec<i64> = once.emissions.iter().map(|&x| 3 * x).collect();
        assert_eq!(thrice.emissions, tripled);
        // Two sentences that disagree: the heavier one's labels win.
        let per = sentence("王明说", "B-PER I-PER O");
        let loc = sentence("王明说", "B-LOC I-LOC O");
        let config = TrainConfig {
            epochs: 10,
            ..TrainConfig::default()
        };
        for (weights, heavier) in [([3, 1], &per), ([1, 3], &loc)] {
            let data = Data::extract(&[&per, &loc], &weights, &seg, &config, &dict, 1);
            let sums = perceptron(&data, &config);
            let want = config.scheme.encode(&heavier.tags);
            assert_eq!(tag(&data, &sums, &config, 0), want, "weights {weights:?}");
        }
    }
}
