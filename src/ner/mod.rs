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
//! [`model`] holds trained sequence models for PER, LOC and ORG (not used by the pipeline
//! yet).

mod aggregate;
mod ambiguous;
mod candidate;
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
use candidate::{Candidate, resolve};
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
        let first = resolve(cands);
        let more = propagate::find(&doc, &first);
        let all = resolve(first.into_iter().chain(more).collect());
        aggregate::entities(&doc, all)
    }
}
