//! The labels a model learns (BIO or BIOES), as small integers.

use serde::{Deserialize, Serialize};

use super::tag::{MODEL_TYPES, Tag};
use super::viterbi::Allowed;

/// The labels a model learns; tagging always gives BIO tags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// `B-X`, `I-X`, `O`.
    Bio,
    /// `B-X`, `I-X`, `E-X` (last char), `S-X` (single-char entity), `O`.
    #[default]
    Bioes,
}

/// A label's position part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    B,
    I,
    E,
    S,
}

/// The parts of each type's labels, in label order.
const BIO_PARTS: [Part; 2] = [Part::B, Part::I];
const BIOES_PARTS: [Part; 4] = [Part::B, Part::I, Part::E, Part::S];

impl Scheme {
    fn parts(self) -> &'static [Part] {
        match self {
            Scheme::Bio => &BIO_PARTS,
            Scheme::Bioes => &BIOES_PARTS,
        }
    }

    /// Number of labels: `O` (label 0), then the parts of PER, LOC and ORG in turn.
    pub fn labels(self) -> usize {
        1 + MODEL_TYPES.len() * self.parts().len()
    }

    /// The name of label `label` (`O`, `B-PER`, `S-ORG`, …).
    pub fn name(self, label: u8) -> String {
        if label == 0 {
            return "O".to_owned();
        }
        let parts = self.parts();
        let i = usize::from(label - 1);
        let part = match parts[i % parts.len()] {
            Part::B => 'B',
            Part::I => 'I',
            Part::E => 'E',
            Part::S => 'S',
        };
        format!("{part}-{}", MODEL_TYPES[i / parts.len()].as_str())
    }

    fn label(self, part: Part, type_index: usize) -> u8 {
        let parts = self.parts();
        let p = parts.iter().position(|&q| q == part).unwrap_or(0);
        (1 + type_index * parts.len() + p) as u8
    }

    /// The labels of a sentence's BIO tags. With BIOES, the last char of an entity is `E`
    /// and a one-char entity `S`. An `I-X` that does not continue an `X` starts one (as
    /// [`super::spans`] reads it), so the labels always form an allowed path.
    pub fn encode(self, tags: &[Tag]) -> Vec<u8> {
        let tags: Vec<Tag> = tags
            .iter()
            .enumerate()
            .map(|(i, &t)| match t {
                Tag::I(k) if i == 0 || tags[i - 1].kind() != Some(k) => Tag::B(k),
                _ => t,
            })
            .collect();
        tags.iter()
            .enumerate()
            .map(|(i, &t)| {
                let Some(k) = t.kind() else { return 0 };
                let ti = MODEL_TYPES.iter().position(|&m| m == k).unwrap_or(0);
                let last = !matches!(tags.get(i + 1), Some(Tag::I(n)) if *n == k);
                let part = match (t, self, last) {
                    (Tag::B(_), Scheme::Bioes, true) => Part::S,
                    (Tag::I(_), Scheme::Bioes, true) => Part::E,
                    (Tag::B(_), _, _) => Part::B,
                    _ => Part::I,
                };
                self.label(part, ti)
            })
            .collect()
    }

    /// The part and type index of a label; `None` for `O` and the boundary.
    fn split(self, label: usize) -> Option<(Part, usize)> {
        if label == 0 || label >= self.labels() {
            return None;
        }
        let parts = self.parts();
        Some((parts[(label - 1) % parts.len()], (label - 1) / parts.len()))
    }

    /// Which labels may follow which (the index `labels()` is the sentence boundary). BIO:
    /// `I-X` only after `B-X` or `I-X`. BIOES: after `B-X` or `I-X` only `I-X` or `E-X`;
    /// `I-X` and `E-X` only there.
    pub(crate) fn allowed(self) -> Allowed {
        Allowed::new(self.labels(), |a, b| {
            let (a, b) = (self.split(a), self.split(b));
            let continues = matches!(b, Some((Part::I | Part::E, _)));
            match (self, a) {
                (Scheme::Bio, a) => match b {
                    Some((Part::I, t)) => matches!(a, Some((_, s)) if s == t),
                    _ => true,
                },
                (Scheme::Bioes, Some((Part::B | Part::I, t))) => {
                    continues && b.is_some_and(|(_, s)| s == t)
                }
                (Scheme::Bioes, _) => !continues,
            }
        })
    }

    /// The BIO tag of a label (`S` reads as `B`, `E` as `I`).
    pub fn decode(self, label: u8) -> Tag {
        if label == 0 || usize::from(label) >= self.labels() {
            return Tag::O;
        }
        let parts = self.parts();
        let i = usize::from(label - 1);
        let kind = MODEL_TYPES[i / parts.len()];
        match parts[i % parts.len()] {
            Part::B | Part::S => Tag::B(kind),
            Part::I | Part::E => Tag::I(kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split(' ').map(|t| Tag::parse(t).unwrap()).collect()
    }

    #[test]
    fn bioes_labels_and_back() {
        let t = tags("B-PER I-PER I-PER O B-LOC B-ORG I-ORG");
        let labels = Scheme::Bioes.encode(&t);
        let names: Vec<String> = labels.iter().map(|&l| Scheme::Bioes.name(l)).collect();
        assert_eq!(
            names,
            ["B-PER", "I-PER", "E-PER", "O", "S-LOC", "B-ORG", "E-ORG"]
        );
        let back: Vec<Tag> = labels.iter().map(|&l| Scheme::Bioes.decode(l)).collect();
        assert_eq!(back, t);
        let bio = Scheme::Bio.encode(&t);
        assert_eq!(Scheme::Bio.name(bio[2]), "I-PER");
        let back: Vec<Tag> = bio.iter().map(|&l| Scheme::Bio.decode(l)).collect();
        assert_eq!(back, t);
    }

    #[test]
    fn allowed_pairs() {
        let s = Scheme::Bioes;
        let l = s.labels();
        let label = |name: &str| (0..l).find(|&y| s.name(y as u8) == name).unwrap();
        let a = s.allowed();
        assert!(a.ok(l, label("B-PER")));
        assert!(!a.ok(l, label("E-PER")));
        assert!(a.ok(label("B-PER"), label("E-PER")));
        assert!(!a.ok(label("B-PER"), label("E-LOC")));
        assert!(!a.ok(label("B-PER"), label("O")));
        assert!(!a.ok(label("I-ORG"), l));
        assert!(a.ok(label("S-ORG"), label("B-ORG")));
        assert!(a.ok(label("E-LOC"), l));
        let b = Scheme::Bio.allowed();
        assert!(!b.ok(0, 2) && b.ok(1, 2) && b.ok(2, 2) && !b.ok(7, 2) && b.ok(1, 7));
        // Gold labels always form an allowed path, even from ill-formed tags.
        let tags: Vec<Tag> = "I-PER I-PER O I-LOC B-ORG I-PER"
            .split(' ')
            .map(|t| Tag::parse(t).unwrap())
            .collect();
        for s in [Scheme::Bio, Scheme::Bioes] {
            let a = s.allowed();
            let mut prev = s.labels();
            for y in s.encode(&tags) {
                assert!(a.ok(prev, usize::from(y)), "{s:?}");
                prev = usize::from(y);
            }
            assert!(a.ok(prev, s.labels()));
        }
    }

    #[test]
    fn label_counts_and_names_are_distinct() {
        assert_eq!(Scheme::Bio.labels(), 7);
        assert_eq!(Scheme::Bioes.labels(), 13);
        for s in [Scheme::Bio, Scheme::Bioes] {
            let mut names: Vec<String> = (0..s.labels() as u8).map(|l| s.name(l)).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), s.labels());
        }
    }
}
