//! Named entities, first version: lexicons and rules.
//!
//! Types: PER, ORG, LOC, PRODUCT, WORK, DATE, TIME, MONEY, PERCENT, QUANTITY.
//! All offsets are char offsets into the repaired text.
//!
//! jieba's name tags (`nr`, `ns`, `nt`) are only one piece of evidence; each rule adds
//! another:
//! * gazetteers of general knowledge in `data/ner/` (countries, places, companies,
//!   institutions, products), names that are also common words taken only with context
//!   (`gazetteer`, `ambiguous`);
//! * PER: surname + given-name shape, transliteration characters, middle-dot names, a stoplist
//!   of titles and roles (`person`);
//! * ORG: suffixes after proper names, `nt` tokens, apposition after a type noun (`org`);
//! * LOC: `ns` tokens with place suffixes (`place`); PRODUCT: model numbers and Latin names
//!   with clear evidence (`product`); WORK: titles in 《》, without the marks (`work`);
//! * DATE, TIME, MONEY, PERCENT, QUANTITY: numbers with units, spaces allowed (`numeric`).
//!
//! Overlaps are resolved longest first, then by strength of evidence (`candidate`); names
//! found by a rule are then found again everywhere with their short forms (`propagate`),
//! and mentions are grouped into entities with their forms (`aggregate`).
//!
//! [`model`] holds trained sequence models for PER, LOC and ORG; their mentions join the
//! rules' candidates ([`Recognizer::recognize_with`], [`ModelMerge`]).

mod aggregate;
mod ambiguous;
mod candidate;
mod combined;
mod doc;
mod gazetteer;
mod lexicon;
pub mod model;
mod number;
mod numeric;
mod org;
mod person;
mod place;
mod product;
mod propagate;
mod temporal;
mod value;
mod work;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::segment::Token;
use crate::span::CharSpan;
use candidate::{Candidate, Evidence, resolve};
pub use combined::RulesTagger;
use doc::Doc;
pub use value::{Value, normalise};

/// An entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation: company, institution, government body, team.
    #[serde(rename = "ORG")]
    Org,
    /// A place: country, region, city, geographic feature.
    #[serde(rename = "LOC")]
    Loc,
    /// A product, model, device or software.
    #[serde(rename = "PRODUCT")]
    Product,
    /// A work: book, film, programme, article (often in 《》).
    #[serde(rename = "WORK")]
    Work,
    /// A date or a period expressed as a date.
    #[serde(rename = "DATE")]
    Date,
    /// A time of day.
    #[serde(rename = "TIME")]
    Time,
    /// An amount of money.
    #[serde(rename = "MONEY")]
    Money,
    /// A percentage.
    #[serde(rename = "PERCENT")]
    Percent,
    /// A quantity with a unit or measure word.
    #[serde(rename = "QUANTITY")]
    Quantity,
}

impl EntityType {
    /// The type's short name as written in reports (`PER`, `ORG`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Product => "PRODUCT",
            EntityType::Work => "WORK",
            EntityType::Date => "DATE",
            EntityType::Time => "TIME",
            EntityType::Money => "MONEY",
            EntityType::Percent => "PERCENT",
            EntityType::Quantity => "QUANTITY",
        }
    }
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Char offset into the repaired text where the mention starts.
    pub start: usize,
    /// Char offset into the repaired text one past the mention's end.
    pub end: usize,
    /// The mention's text, equal to the repaired text sliced at `[start, end)`.
    pub text: String,
}

impl Mention {
    /// The mention's span.
    pub fn span(&self) -> CharSpan {
        CharSpan::new(self.start, self.end)
    }
}

/// An entity of a document: all mentions of one thing, under one or more surface forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical form (the longest or most complete surface form).
    pub text: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Number of mentions.
    pub count: usize,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// The distinct surface forms when there are several (e.g. `萨姆·阿尔特曼`, `阿尔特曼`);
    /// empty when the entity has one form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
    /// The normalised value of a DATE, TIME, MONEY, PERCENT or QUANTITY entity, read from
    /// its canonical form (`10亿美元` → 1000000000 USD), when it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// The lexicon-and-rules recogniser. Build once and share (`Send + Sync`).
#[derive(Debug, Default)]
pub struct Recognizer {}

/// How the PER, LOC and ORG mentions of a trained model ([`model::EntityModel`]) join the
/// rules' candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ModelMerge {
    /// A model mention is kept only where no rule candidate overlaps it: the model adds
    /// names the rules miss and changes none they find.
    Fill,
    /// Model mentions compete with the rules' candidates: longest first, and on equal
    /// length the rules' evidence wins over the model's.
    #[default]
    Compete,
    /// The model decides PER, LOC and ORG where it finds a name: a rule's PER, LOC or ORG
    /// candidate is kept only where no model mention overlaps it.
    Prefer,
}

impl Recognizer {
    /// A recogniser with the built-in lexicons and rules (parsed once per process).
    pub fn new() -> Self {
        std::sync::LazyLock::force(&lexicon::LEXICON);
        Recognizer {}
    }

    /// Find the entities of `text`, given its tokens (from [`crate::segment::Segmenter`]).
    /// Returned entities are sorted by first mention; no two share a char; every mention's
    /// text is `text` sliced at its char offsets.
    pub fn recognize(&self, text: &str, tokens: &[Token]) -> Vec<Entity> {
        self.recognize_with(text, tokens, &[], ModelMerge::default())
    }

    /// [`Self::recognize`], with the PER, LOC and ORG mentions of a trained model (char
    /// spans into `text`, e.g. from [`model::find_entities`]) merged into the rules'
    /// candidates as `merge` says. Names are then found again and grouped as for the rules'.
    pub fn recognize_with(
        &self,
        text: &str,
        tokens: &[Token],
        model: &[(CharSpan, EntityType)],
        merge: ModelMerge,
    ) -> Vec<Entity> {
        let doc = Doc::new(text, tokens);
        let gaz = gazetteer::find(&doc);
        let (pending, sure): (Vec<_>, Vec<_>) = gaz.iter().cloned().partition(|m| m.ambiguous);
        let mut cands: Vec<Candidate> = sure.into_iter().map(|m| m.cand).collect();
        cands.extend(numeric::find(&doc));
        cands.extend(work::find(&doc));
        cands.extend(person::find(&doc));
        cands.extend(org::find(&doc, &gaz));
        cands.extend(place::find(&doc));
        cands.extend(product::find(&doc, &gaz));
        let confirmed = ambiguous::confirm(&doc, &pending, &cands);
        cands.extend(confirmed);
        let found: Vec<Candidate> = model
            .iter()
            .filter(|(span, _)| span.end <= doc.len() && span.start < span.end)
            .map(|&(span, kind)| {
                let text = doc.slice(span.start, span.end);
                Candidate::new(span.start, span.end, kind, &text, Evidence::Model)
            })
            .filter(|m| !common_word(&doc.slice(m.start, m.end)))
            .filter(|m| merge != ModelMerge::Fill || !cands.iter().any(|c| c.overlaps(m)))
            .collect();
        if merge == ModelMerge::Prefer {
            cands.retain(|c| {
                !model::MODEL_TYPES.contains(&c.kind) || !found.iter().any(|m| m.overlaps(c))
            });
        }
        cands.extend(found);
        let mut first = resolve(cands.clone());
        let mut more = propagate::find(&doc, &first);
        // a name found again by the rules bounds a model's mention across it (`小萨才`):
        // drop the mention, let the candidates it had beaten compete again without it
        // (`英伟达` of `英伟达A100`), and look for names again
        let crossed: Vec<(usize, usize)> = first
            .iter()
            .filter(|c| {
                c.evidence == Evidence::Model
                    && more
                        .iter()
                        .any(|m| m.overlaps(c) && (m.start, m.end) != (c.start, c.end))
            })
            .map(|c| (c.start, c.end))
            .collect();
        if !crossed.is_empty() {
            cands.retain(|c| c.evidence != Evidence::Model || !crossed.contains(&(c.start, c.end)));
            first = resolve(cands);
            more = propagate::find(&doc, &first);
        }
        // a model's mention that is a short form or nickname of a name found elsewhere
        // (`小萨`) joins that name's entity
        for c in first.iter_mut().filter(|c| c.evidence == Evidence::Model) {
            if let Some(m) = more
                .iter()
                .find(|m| (m.start, m.end, m.kind) == (c.start, c.end, c.kind))
            {
                c.key = m.key.clone();
            }
        }
        let all = resolve(first.into_iter().chain(more).collect());
        aggregate::entities(&doc, all)
    }
}

/// Whether `text` is one word of jieba's dictionary that is not a name (`公司`, `政府`): a
/// model's mention of it is a common noun, not an entity.
fn common_word(text: &str) -> bool {
    crate::resources::DICTIONARY
        .pos(text)
        .is_some_and(|pos| !matches!(pos, "nr" | "nrt" | "nrfg" | "ns" | "nt" | "nz" | "j"))
}
