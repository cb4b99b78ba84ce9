//! What a stacked model ([`super::LstmModel`]) is trained on: each training sentence with
//! the scores a base model gives its chars, from a base model that did not see it.
//!
//! The sentences are cut into `folds` contiguous folds; for each fold a [`PerceptronModel`]
//! is trained on the others and scores the fold's chars ([`PerceptronModel::
//! emission_scores`]). The network so learns how far to trust the base model on text it
//! has not seen, which is what it gets when tagging.
//!
//! [`write_scores`] writes them as text, one line per char and an empty line after each
//! sentence:
//!
//! ```text
//! <char>\t<gold label, BIOES number>\t<one score per label, space-separated>
//! ```
//!
//! Labels are numbered as [`Scheme::Bioes`] numbers them: `O` is 0, then B, I, E, S of PER,
//! LOC and ORG in turn.

use std::io::Write;

use rayon::prelude::*;

use super::corpus::LabeledSentence;
use super::labels::Scheme;
use super::perceptron::PerceptronModel;
use super::sentence::Sentence;
use super::train::TrainConfig;
use crate::segment::Segmenter;
use crate::{Error, Result};

/// The scores of each char of each sentence (`[sentence][char][label]`) from base models
/// trained with `config` on all folds but the sentence's own. Folds train in parallel (on
/// rayon's pool); each takes as long and as much memory as one training.
///
/// # Errors
///
/// [`Error::Model`] when there are fewer sentences than folds, or fewer than 2 folds.
pub fn fold_scores(
    sentences: &[LabeledSentence],
    segmenter: &Segmenter,
    config: &TrainConfig,
    folds: usize,
) -> Result<Vec<Vec<Vec<f32>>>> {
    let n = sentences.len();
    if folds < 2 || n < folds {
        return Err(Error::Model {
            name: "stacking".to_owned(),
            message: format!("{folds} folds of {n} sentences"),
        });
    }
    let quiet = TrainConfig {
        verbose: false,
        ..config.clone()
    };
    let parts: Vec<Result<Vec<Vec<Vec<f32>>>>> = (0..folds)
        .into_par_iter()
        .map(|k| {
            let (a, b) = (k * n / folds, (k + 1) * n / folds);
            let rest: Vec<LabeledSentence> = sentences[..a]
                .iter()
                .chain(&sentences[b..])
                .cloned()
                .collect();
            let model = PerceptronModel::train(&rest, segmenter, &quiet)?;
            if config.verbose {
                eprintln!("wenxi: fold {} of {folds} scored", k + 1);
            }
            Ok(sentences[a..b]
                .iter()
                .map(|s| model.emission_scores(&Sentence::new(&s.chars, segmenter)))
                .collect())
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for p in parts {
        out.extend(p?);
    }
    Ok(out)
}

/// Write `sentences` with their `scores` in the format of the module's doc.
///
/// # Errors
///
/// The writer's errors.
pub fn write_scores(
    mut w: impl Write,
    sentences: &[LabeledSentence],
    scores: &[Vec<Vec<f32>>],
) -> std::io::Result<()> {
    for (s, sc) in sentences.iter().zip(scores) {
        let gold = Scheme::Bioes.encode(&s.tags);
        for ((c, g), row) in s.chars.iter().zip(&gold).zip(sc) {
            write!(w, "{c}\t{g}\t")?;
            for (i, x) in row.iter().enumerate() {
                let sep = if i == 0 { "" } else { " " };
                write!(w, "{sep}{x:.3}")?;
            }
            writeln!(w)?;
        }
        writeln!(w)?;
    }
    Ok(())
}
