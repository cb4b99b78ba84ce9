//! Trained sequence models for PER, LOC and ORG, tagging one BIO tag per char.
//!
//! The pieces:
//! * [`Sentence`]: a model's input, a sentence's chars with their normalised forms and
//!   jieba's words, built once and given to any model;
//! * [`EntityModel`]: the interface of a model (one [`Tag`] per char); [`PerceptronModel`]
//!   is the fast trained one (a first-order chain over hashed features, trained by the
//!   averaged structured perceptron), [`LstmModel`] the slower, more accurate one (a
//!   bidirectional LSTM with a CRF layer over a perceptron model's scores, trained by
//!   `scripts/train_lstm_ner.py`), [`JiebaPos`] the baseline of jieba's name tags;
//! * [`fold_scores`] and [`write_scores`]: what the LSTM model is trained on;
//! * [`parse_bio`]: char-BIO training and gold files, with the labels of other corpora
//!   mapped onto PER/LOC/ORG ([`map_label`]);
//! * [`Scores`]: entity-level precision, recall and F1 (exact span and type).
//!
//! * [`shipped`]: the model in `models/ner.bin`, built into the library, which the pipeline
//!   uses with the rules ([`crate::ner::ModelMerge`]) unless told not to.

mod averaged;
mod clusters;
mod compiled;
mod corpus;
mod dict;
mod features;
mod file;
mod hash;
mod labels;
mod lstm;
mod perceptron;
mod score;
mod sentence;
mod shipped;
mod stack;
mod tag;
mod train;
mod viterbi;
mod weights;

pub use corpus::{ColumnLine, LabeledSentence, parse_bio, parse_columns};
pub use features::FeatureSet;
pub use labels::Scheme;
pub use lstm::{BOUNDARY_END, BOUNDARY_START, LstmHeader, LstmModel};
pub use perceptron::{ModelInfo, PerceptronModel};
pub use score::{Counts, Scores};
pub use sentence::{Sentence, Word, normalize_char};
pub use shipped::shipped;
pub use stack::{fold_scores, write_scores};
pub use tag::{MODEL_TYPES, Tag, map_label, mark, spans};
pub use train::{MAX_WEIGHT, TrainConfig};

use crate::segment::{Segmenter, split_sentences};
use crate::span::CharSpan;

use super::EntityType;

/// A sequence model that tags the chars of a sentence. Build once and share.
pub trait EntityModel: Send + Sync {
    /// One tag per char of `sentence`.
    fn tag(&self, sentence: &Sentence) -> Vec<Tag>;

    /// A short name for messages (`perceptron`, `jieba`).
    fn name(&self) -> &str;
}

/// The baseline: jieba's tags of names read as entities (`nr`, `nrt`, `nrfg` → PER, `ns` →
/// LOC, `nt` → ORG), a whole word per entity.
#[derive(Debug, Clone, Copy, Default)]
pub struct JiebaPos;

impl EntityModel for JiebaPos {
    fn tag(&self, sentence: &Sentence) -> Vec<Tag> {
        let mut tags = vec![Tag::O; sentence.len()];
        for w in sentence.words() {
            let kind = if w.pos.starts_with("nr") {
                EntityType::Per
            } else if w.pos == "ns" {
                EntityType::Loc
            } else if w.pos == "nt" {
                EntityType::Org
            } else {
                continue;
            };
            mark(&mut tags, w.start, w.end, kind);
        }
        tags
    }

    fn name(&self) -> &str {
        "jieba"
    }
}

/// The entities `model` finds in `text`, as (char span into `text`, type), in order. The
/// text is split into sentences (`segment::split_sentences`) and each is tagged on its own.
pub fn find_entities(
    model: &dyn EntityModel,
    segmenter: &Segmenter,
    text: &str,
) -> Vec<(CharSpan, EntityType)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for span in split_sentences(text) {
        let sent = Sentence::new(&chars[span.start..span.end], segmenter);
        for (s, kind) in spans(&model.tag(&sent)) {
            out.push((
                CharSpan::new(span.start + s.start, span.start + s.end),
                kind,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jieba_baseline_tags_names() {
        let seg = Segmenter::new();
        let text = "江泽民在北京会见了客人。";
        let found = find_entities(&JiebaPos, &seg, text);
        let chars: Vec<char> = text.chars().collect();
        let named: Vec<(String, EntityType)> =
            found.iter().map(|(s, k)| (s.slice(&chars), *k)).collect();
        assert!(
            named.contains(&("北京".to_owned(), EntityType::Loc)),
            "{named:?}"
        );
    }
}
