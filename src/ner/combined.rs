//! The rules, alone or with a trained model, seen as a tagger of PER, LOC and ORG, so that
//! `wenxi eval-ner` scores what the pipeline reports the way it scores a model.

use super::model::{EntityModel, MODEL_TYPES, Sentence, Tag, mark, spans};
use super::{ModelMerge, Recognizer};
use crate::segment::Token;
use crate::span::CharSpan;

/// The recogniser's PER, LOC and ORG entities as BIO tags, with a model's mentions merged in
/// when there is a model.
pub struct RulesTagger {
    recognizer: Recognizer,
    model: Option<std::sync::Arc<dyn EntityModel>>,
    merge: ModelMerge,
    name: String,
}

impl RulesTagger {
    /// The rules alone (`model`: `None`), or with `model`'s mentions merged as `merge` says.
    pub fn new(model: Option<std::sync::Arc<dyn EntityModel>>, merge: ModelMerge) -> Self {
        let name = match &model {
            None => "rules".to_owned(),
            Some(m) => format!("rules+{}", m.name()),
        };
        RulesTagger {
            recognizer: Recognizer::new(),
            model,
            merge,
            name,
        }
    }
}

impl EntityModel for RulesTagger {
    fn tag(&self, sentence: &Sentence) -> Vec<Tag> {
        let chars = sentence.chars();
        let text: String = chars.iter().collect();
        let tokens: Vec<Token> = sentence
            .words()
            .iter()
            .map(|w| Token {
                text: chars[w.start..w.end].iter().collect(),
                span: CharSpan::new(w.start, w.end),
                pos: w.pos.clone(),
            })
            .collect();
        let found = self
            .model
            .as_ref()
            .map(|m| spans(&m.tag(sentence)))
            .unwrap_or_default();
        let entities = self
            .recognizer
            .recognize_with(&text, &tokens, &found, self.merge);
        let mut tags = vec![Tag::O; chars.len()];
        for e in entities.iter().filter(|e| MODEL_TYPES.contains(&e.kind)) {
            for m in &e.mentions {
                mark(&mut tags, m.start, m.end, e.kind);
            }
        }
        tags
    }

    fn name(&self) -> &str {
        &self.name
    }
}
