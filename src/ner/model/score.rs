//! Entity-level scoring: exact spans and types, precision, recall and F1 per type.

use std::collections::BTreeMap;

use serde::Serialize;

use super::tag::{MODEL_TYPES, Tag, spans};
use crate::ner::EntityType;

/// Counts of one type (or of all types).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Entities in the gold tags.
    pub gold: usize,
    /// Entities in the predicted tags.
    pub predicted: usize,
    /// Predicted entities with the span and type of a gold entity.
    pub correct: usize,
}

impl Counts {
    /// `correct / predicted` (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// `correct / gold` (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// The harmonic mean of precision and recall (0 when both are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores of PER, LOC and ORG, accumulated over sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    by_type: BTreeMap<EntityType, Counts>,
}

impl Scores {
    /// No sentence yet.
    pub fn new() -> Self {
        Scores::default()
    }

    /// Add one sentence: its gold and predicted tags (of the same length). An entity counts
    /// as correct when a predicted entity has exactly its span and type.
    ///
    /// # Panics
    ///
    /// When the two sequences differ in length.
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        assert_eq!(gold.len(), predicted.len(), "gold and predicted lengths");
        let g = spans(gold);
        let p = spans(predicted);
        for kind in MODEL_TYPES {
            self.by_type.entry(kind).or_default();
        }
        for (_, k) in &g {
            self.by_type.entry(*k).or_default().gold += 1;
        }
        for e in &p {
            let c = self.by_type.entry(e.1).or_default();
            c.predicted += 1;
            if g.contains(e) {
                c.correct += 1;
            }
        }
    }

    /// Add the counts of `other`.
    pub fn merge(&mut self, other: &Scores) {
        for (k, c) in &other.by_type {
            self.by_type.entry(*k).or_default().add(c);
        }
    }

    /// The counts of one type.
    pub fn of(&self, kind: EntityType) -> Counts {
        self.by_type.get(&kind).copied().unwrap_or_default()
    }

    /// The counts of all types together (micro average).
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.by_type.values() {
            all.add(c);
        }
        all
    }

    /// The types scored, in order (PER, ORG, LOC…, as [`EntityType`] orders them).
    pub fn types(&self) -> impl Iterator<Item = (EntityType, Counts)> + '_ {
        self.by_type.iter().map(|(k, c)| (*k, *c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split(' ').map(|t| Tag::parse(t).unwrap()).collect()
    }

    #[test]
    fn exact_spans_only() {
        let mut s = Scores::new();
        // gold: PER 0..2, LOC 3..5; predicted: PER 0..2 (right), LOC 3..4 (wrong span),
        // ORG 5..6 (spurious)
        s.add(
            &tags("B-PER I-PER O B-LOC I-LOC O"),
            &tags("B-PER I-PER O B-LOC O B-ORG"),
        );
        let per = s.of(EntityType::Per);
        assert_eq!((per.gold, per.predicted, per.correct), (1, 1, 1));
        let loc = s.of(EntityType::Loc);
        assert_eq!((loc.gold, loc.predicted, loc.correct), (1, 1, 0));
        let org = s.of(EntityType::Org);
        assert_eq!((org.gold, org.predicted, org.correct), (0, 1, 0));
        let all = s.overall();
        assert_eq!((all.gold, all.predicted, all.correct), (2, 3, 1));
        assert!((all.precision() - 1.0 / 3.0).abs() < 1e-12);
        assert!((all.recall() - 0.5).abs() < 1e-12);
        assert!((all.f1() - 0.4).abs() < 1e-12);
    }

    #[test]
    fn wrong_type_and_empty_cases() {
        let mut s = Scores::new();
        s.add(&tags("B-PER I-PER"), &tags("B-ORG I-ORG"));
        assert_eq!(s.overall().correct, 0);
        assert_eq!(s.of(EntityType::Loc), Counts::default());
        assert_eq!(s.of(EntityType::Loc).f1(), 0.0);
        let mut t = Scores::new();
        t.add(&tags("O B-LOC"), &tags("O B-LOC"));
        t.merge(&s);
        assert_eq!(t.overall().correct, 1);
        assert_eq!(t.overall().gold, 2);
        assert_eq!(t.of(EntityType::Loc).f1(), 1.0);
    }

    #[test]
    fn ill_formed_prediction_is_read_like_conlleval() {
        let mut s = Scores::new();
        s.add(&tags("B-LOC I-LOC"), &tags("I-LOC I-LOC"));
        assert_eq!(s.overall().correct, 1);
    }
}
