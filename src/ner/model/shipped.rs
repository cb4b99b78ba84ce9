//! The model that ships with wenxi: `models/ner.bin`, built into the library.
//!
//! It is what `wenxi train-ner` writes with its defaults from the four train sets of
//! `../shared/data/ner` (MSRA, CLUENER, Weibo, Resume); the command is in `NER_EXPERIMENTS.md`
//! and the README. Training is deterministic, so it reproduces the file.

use std::sync::{Arc, OnceLock};

use super::PerceptronModel;
use crate::Result;

/// The bytes of `models/ner.bin`.
static BYTES: &[u8] = include_bytes!("../../../models/ner.bin");

/// The shipped model, read once per process on first use and shared.
///
/// # Errors
///
/// [`crate::Error::Model`] when the built-in file is not a model (a broken build).
pub fn shipped() -> Result<Arc<PerceptronModel>> {
    static MODEL: OnceLock<Arc<PerceptronModel>> = OnceLock::new();
    if let Some(m) = MODEL.get() {
        return Ok(m.clone());
    }
    let model = Arc::new(PerceptronModel::from_bytes("models/ner.bin", BYTES)?);
    Ok(MODEL.get_or_init(|| model).clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType;
    use crate::ner::model::find_entities;
    use crate::segment::Segmenter;

    #[test]
    fn shipped_model_loads_once_and_finds_names() {
        let a = shipped().expect("the shipped model reads");
        let b = shipped().expect("the shipped model reads");
        assert!(Arc::ptr_eq(&a, &b));
        let text = "江泽民在北京会见了美国客人。";
        let chars: Vec<char> = text.chars().collect();
        let found: Vec<(String, EntityType)> = find_entities(a.as_ref(), &Segmenter::new(), text)
            .into_iter()
            .map(|(s, k)| (s.slice(&chars), k))
            .collect();
        assert!(
            found.contains(&("江泽民".to_owned(), EntityType::Per)),
            "{found:?}"
        );
        assert!(
            found.contains(&("北京".to_owned(), EntityType::Loc)),
            "{found:?}"
        );
    }
}
