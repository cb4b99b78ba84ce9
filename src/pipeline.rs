//! The pipeline: configuration plus loaded dictionaries and models, built once.

use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::ingest;
use crate::ner::model::{EntityModel, find_entities};
use crate::ner::{ModelMerge, Recognizer};
use crate::repair::Repairer;
use crate::report::{DOCUMENT_SCHEMA, DocumentReport, Keywords, ReportToken, Source, Stats};
use crate::resources::IdfTable;
use crate::segment::{Segmenter, merge::is_han, split_sentences};
use crate::terms::{TermExtractor, TermsConfig};
use crate::{Error, Result};

/// What the pipeline does.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Term and keyword settings.
    pub terms: TermsConfig,
    /// Skip the repair stage (analyse the decoded text as is).
    pub no_repair: bool,
    /// Also report the tokens of each document (`tokens` in the report).
    pub emit_tokens: bool,
    /// How the entity model's mentions join the rules' ([`Pipeline::set_entity_model`]).
    pub ner_merge: ModelMerge,
    /// Find entities with the lexicons and rules only, without the shipped entity model
    /// ([`crate::ner::model::shipped`]).
    pub rules_only: bool,
}

/// Everything needed to analyse documents. `Send + Sync`: share one across threads.
pub struct Pipeline {
    config: Config,
    segmenter: Segmenter,
    repairer: Repairer,
    recognizer: Recognizer,
    model: Option<Arc<dyn EntityModel>>,
    terms: TermExtractor,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("config", &self.config)
            .field("model", &self.model.as_ref().map(|m| m.name().to_owned()))
            .finish_non_exhaustive()
    }
}

impl Pipeline {
    /// Build a pipeline (loads jieba's dictionary, the shipped entity model unless
    /// [`Config::rules_only`], and the other built-in resources).
    pub fn new(config: Config) -> Self {
        let model: Option<Arc<dyn EntityModel>> = if config.rules_only {
            None
        } else {
            // built into the library and read by a unit test: an error is a broken build
            Some(crate::ner::model::shipped().expect("the built-in entity model reads"))
        };
        Pipeline {
            segmenter: Segmenter::new(),
            repairer: Repairer::new(),
            recognizer: Recognizer::new(),
            model,
            terms: TermExtractor::new(config.terms.clone()),
            config,
        }
    }

    /// The segmenter, e.g. to add a user dictionary before analysing.
    pub fn segmenter_mut(&mut self) -> &mut Segmenter {
        &mut self.segmenter
    }

    /// Find PER, LOC and ORG with `model` (instead of the shipped model), merged with the
    /// rules' as [`Config::ner_merge`] says.
    pub fn set_entity_model(&mut self, model: Arc<dyn EntityModel>) {
        self.model = Some(model);
    }

    /// Use `table` instead of jieba's IDF table for TF-IDF keywords.
    pub fn set_idf(&mut self, table: Arc<IdfTable>) {
        self.terms = self.terms.clone().with_idf(table);
    }

    /// The candidate terms of a decoded text, in text order: repaired (unless
    /// [`Config::no_repair`]), segmented and filtered as the report's terms are
    /// ([`TermExtractor::candidates`]). What `wenxi idf` counts.
    pub fn candidate_terms(&self, decoded: &str) -> Vec<String> {
        let repaired;
        let text = if self.config.no_repair {
            decoded
        } else {
            repaired = self.repairer.repair(decoded);
            repaired.text.as_str()
        };
        self.terms.candidates(&self.segmenter.segment(text))
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The repairer.
    pub fn repairer(&self) -> &Repairer {
        &self.repairer
    }

    /// Analyse the raw bytes of one document; `path` is recorded in the report as given.
    pub fn analyze_bytes(&self, path: &str, bytes: &[u8]) -> Result<DocumentReport> {
        let decoded = ingest::decode(bytes).map_err(|e| Error::Binary {
            path: path.to_owned(),
            reason: e.reason,
        })?;
        let info = decoded.info;
        let source = Source {
            path: path.to_owned(),
            id: None,
            bytes: bytes.len(),
            sha256: hex(&Sha256::digest(bytes)),
            encoding: info.encoding,
            bom: info.bom,
            method: info.method,
            confident: info.confident,
            malformed: info.malformed,
            stretches: info.stretches,
        };
        Ok(self.analyze_decoded(source, decoded.text))
    }

    /// Analyse an already-decoded text, e.g. one record of a JSON Lines file. `path` and `id`
    /// are recorded in the report as given; the report's `source` says encoding `UTF-8`,
    /// method `method`, and gives the size and SHA-256 of the text's UTF-8 bytes.
    pub fn analyze_text(
        &self,
        path: &str,
        id: Option<&str>,
        method: &str,
        text: &str,
    ) -> DocumentReport {
        let source = Source {
            path: path.to_owned(),
            id: id.map(str::to_owned),
            bytes: text.len(),
            sha256: hex(&Sha256::digest(text.as_bytes())),
            encoding: "UTF-8".to_owned(),
            bom: false,
            method: method.to_owned(),
            confident: true,
            malformed: 0,
            stretches: Vec::new(),
        };
        self.analyze_decoded(source, text.to_owned())
    }

    /// Repair, segment, recognise and count a decoded text whose `source` is known.
    fn analyze_decoded(&self, source: Source, decoded: String) -> DocumentReport {
        let repaired = if self.config.no_repair {
            crate::repair::Repaired {
                text: decoded,
                ..Default::default()
            }
        } else {
            self.repairer.repair(&decoded)
        };
        let text = &repaired.text;
        let tokens = self.segmenter.segment(text);
        let entities = match &self.model {
            Some(model) => {
                let found = find_entities(model.as_ref(), &self.segmenter, text);
                self.recognizer
                    .recognize_with(text, &tokens, &found, self.config.ner_merge)
            }
            None => self.recognizer.recognize(text, &tokens),
        };
        let terms = self.terms.extract(&tokens);
        let stats = Stats {
            chars: text.chars().count(),
            lines: if text.is_empty() {
                0
            } else {
                text.lines().count()
            },
            sentences: split_sentences(text).len(),
            tokens: tokens.iter().filter(|t| !t.is_space()).count(),
            han_chars: text.chars().filter(|&c| is_han(c)).count(),
            repaired_chars: repaired.repairs.iter().map(|r| r.end - r.start).sum(),
        };
        DocumentReport {
            schema: DOCUMENT_SCHEMA.to_owned(),
            source,
            repairs: repaired.repairs,
            flags: repaired.flags,
            stats,
            entities,
            terms: terms.counts,
            keywords: Keywords {
                tfidf: terms.tfidf,
                textrank: terms.textrank,
            },
            tokens: self.config.emit_tokens.then(|| {
                tokens
                    .iter()
                    .filter(|t| !t.is_space())
                    .map(|t| ReportToken {
                        text: t.text.clone(),
                        start: t.span.start,
                        end: t.span.end,
                        pos: t.pos.clone(),
                    })
                    .collect()
            }),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
