//! wenxi (文析): trustworthy analysis of raw Chinese text.
//!
//! The pipeline, stage by stage:
//!
//! 1. [`ingest`]: bytes in any encoding → text, recording the encoding;
//! 2. [`repair`]: find garbled runs (mojibake) and repair them, recording every change;
//! 3. [`segment`]: words (jieba-rs) and sentences, with char offsets;
//! 4. [`ner`]: people, organisations, places, products, dates, money, quantities;
//! 5. [`terms`]: term counts and keywords (TF-IDF, TextRank);
//! 6. [`report`]: the JSON report types (the wire contract);
//! 7. [`batch`]: many inputs (files, JSON Lines records), in parallel and in chunks, with
//!    atomic writes and mergeable partial counts.
//!
//! [`check`] is a lint on top of ingest and repair (`wenxi check`).
//!
//! ```
//! let pipeline = wenxi::Pipeline::new(wenxi::Config::default());
//! let report = pipeline.analyze_bytes("demo.txt", "马斯克在2015年创立了OpenAI。".as_bytes()).unwrap();
//! assert!(report.entities.iter().any(|e| e.text == "马斯克"));
//! ```
#![deny(missing_docs)]

pub mod batch;
mod charset;
pub mod check;
pub mod error;
pub mod ingest;
pub mod ner;
pub mod pipeline;
pub mod repair;
pub mod report;
pub mod resources;
pub mod segment;
pub mod span;
pub mod terms;

pub use error::{Error, Result};
pub use pipeline::{Config, Pipeline};
pub use span::CharSpan;
