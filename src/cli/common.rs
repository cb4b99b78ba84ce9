//! Options shared by the subcommands that run the pipeline (`analyze`, `idf`).

use anyhow::Context;
use clap::Args;
use std::path::PathBuf;

use wenxi::Pipeline;
use wenxi::terms::TermsConfig;

/// How text is read into words and terms.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// A user dictionary in jieba's format (`word [freq] [pos]` per line); may be repeated
    #[arg(long, value_name = "FILE")]
    pub user_dict: Vec<PathBuf>,

    /// Keep stopwords in term counts and keywords
    #[arg(long)]
    pub keep_stopwords: bool,

    /// Keep bare numbers in term counts and keywords
    #[arg(long)]
    pub keep_numbers: bool,

    /// Shortest term counted, in chars
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_chars: usize,

    /// Do not repair mojibake (analyse the decoded text as is)
    #[arg(long)]
    pub no_repair: bool,
}

impl TextArgs {
    /// The term settings, with `top_n` terms and keywords.
    pub fn terms(&self, top_n: usize) -> TermsConfig {
        TermsConfig {
            stopwords: !self.keep_stopwords,
            drop_numbers: !self.keep_numbers,
            min_chars: self.min_chars.max(1),
            top_n,
            ..TermsConfig::default()
        }
    }

    /// Load the user dictionaries into the pipeline's segmenter.
    pub fn load_user_dicts(&self, pipeline: &mut Pipeline) -> anyhow::Result<()> {
        for dict in &self.user_dict {
            let file = std::fs::File::open(dict)
                .with_context(|| format!("{}: cannot open user dictionary", dict.display()))?;
            pipeline.segmenter_mut().load_user_dict(
                &dict.display().to_string(),
                &mut std::io::BufReader::new(file),
            )?;
        }
        Ok(())
    }
}

/// Use `threads` worker threads (all cores when `None`).
pub fn set_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    Ok(())
}

/// The entity model in `path` (a perceptron model from `wenxi train-ner` or a stacked LSTM
/// model from `scripts/train_lstm_ner.py`, told apart by their first line), or the shipped
/// one for `None`.
pub(crate) fn load_model(
    path: Option<&std::path::Path>,
) -> anyhow::Result<std::sync::Arc<dyn wenxi::ner::model::EntityModel>> {
    use anyhow::Context;
    use wenxi::ner::model::{LstmModel, PerceptronModel};
    let Some(p) = path else {
        return Ok(wenxi::ner::model::shipped()?);
    };
    let name = p.display().to_string();
    let bytes = std::fs::read(p).with_context(|| format!("{name}: cannot read"))?;
    let context = || format!("{name}: cannot load the entity model");
    Ok(if LstmModel::is_lstm_file(&bytes) {
        std::sync::Arc::new(LstmModel::from_bytes(&name, &bytes).with_context(context)?)
    } else {
        std::sync::Arc::new(PerceptronModel::from_bytes(&name, &bytes).with_context(context)?)
    })
}
