//! `wenxi train-ner`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;

use wenxi::ner::model::{
    FeatureSet, PerceptronModel, Scheme, TrainConfig, fold_scores, parse_bio, write_scores,
};
use wenxi::segment::Segmenter;

/// Train the entity model (PER, LOC, ORG) from char-BIO files.
///
/// Each FILE has one char per line, `<char> <label>`, and an empty line after each sentence.
/// Labels of CLUENER (name, address, company, government, organization), Weibo (PER.NAM,
/// LOC.NAM, GPE.NAM, ORG.NAM) and Resume (NAME, LOC, ORG) are mapped onto PER/LOC/ORG;
/// other types become O.
///
/// The model is a first-order chain (BIOES labels, Viterbi search) over hashed char, jieba
/// and lexicon features and a dictionary of the names seen in training, trained with the
/// averaged structured perceptron. Sentences are shuffled before each epoch with a fixed
/// seed, so training is deterministic. Training on MSRA (2M chars) with the defaults takes
/// about 40 s and 0.6 GB of memory here; the model file is about 6 MB.
///
/// --weights gives each FILE's sentences a weight: their updates count that many times.
/// The shipped model counts CLUENER a quarter as much as the others, because CLUENER leaves
/// many places unmarked (中国, 美国, 亚洲 are O there) and marks others by other conventions
/// (美 in 美军 as a government).
///
/// Examples:
///
///   wenxi train-ner ../shared/data/ner/msra/train.txt --out models/ner.bin
///
///   # the shipped model (about 60 s)
///   D=../shared/data/ner
///   wenxi train-ner $D/msra/train.txt $D/cluener/train.txt $D/weibo/train.txt \
///       $D/resume/train.txt --weights 4,1,4,4
///
///   wenxi train-ner msra/train.txt cluener/train.txt --epochs 10 --min-freq 2 --bio
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct TrainNerArgs {
    /// char-BIO training files
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,

    /// Where to write the model
    #[arg(long, short, value_name = "FILE", default_value = "models/ner.bin")]
    out: PathBuf,

    /// Passes over the training data
    #[arg(long, value_name = "N", default_value_t = 30)]
    epochs: usize,

    /// Folds for the dictionary of training names (features of a fold come from the others)
    #[arg(long, value_name = "N", default_value_t = 10)]
    folds: usize,

    /// Drop features seen on fewer chars than this before training (smaller model)
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_freq: u32,

    /// Drop averaged weights smaller than this in magnitude (smaller model)
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    prune: f64,

    /// Weight of each FILE's sentences, in the order of the files (whole numbers, 1 to 100;
    /// default 1 each; the fold models of --stack-scores do not use them)
    #[arg(long, value_name = "W,W,...", value_delimiter = ',')]
    weights: Vec<u32>,

    /// Seed of the shuffling before each epoch
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,

    /// Learn BIO labels instead of BIOES (where the last and single chars of entities have
    /// labels of their own)
    #[arg(long)]
    bio: bool,

    /// Train on the first N sentences only
    #[arg(long, value_name = "N")]
    limit: Option<usize>,

    /// Leave out jieba's words and tags
    #[arg(long)]
    no_jieba: bool,

    /// Leave out surnames, transliteration chars, suffixes and gazetteers
    #[arg(long)]
    no_lexicon: bool,

    /// Leave out the dictionary of training names
    #[arg(long)]
    no_dict: bool,

    /// Leave out the names of jieba's dictionary
    #[arg(long)]
    no_jieba_names: bool,

    /// Leave out the clusters of chars and words (from pretrained embeddings)
    #[arg(long)]
    no_clusters: bool,

    /// Add the pair of chars around each char (−1, +1) to the char features (the default
    /// before the clusters)
    #[arg(long)]
    skip_pair: bool,

    /// Also write, for `scripts/train_lstm_ner.py`, each training sentence with the scores
    /// of a model trained like this one on the other folds (--folds of them, trained two at a
    /// time: this multiplies the training time by about --folds / 2)
    #[arg(long, value_name = "FILE")]
    stack_scores: Option<PathBuf>,

    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: TrainNerArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if !args.weights.is_empty() && args.weights.len() != args.files.len() {
        anyhow::bail!(
            "--weights has {} weight(s) for {} file(s): give one per file",
            args.weights.len(),
            args.files.len()
        );
    }
    if let Some(w) = args
        .weights
        .iter()
        .find(|&&w| !(1..=wenxi::ner::model::MAX_WEIGHT).contains(&w))
    {
        anyhow::bail!(
            "--weights: {w} is out of range (1 to {})",
            wenxi::ner::model::MAX_WEIGHT
        );
    }
    let mut sentences = Vec::new();
    let mut weights = Vec::new();
    for (i, file) in args.files.iter().enumerate() {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read", file.display()))?;
        let s = parse_bio(&file.display().to_string(), &text)?;
        if !args.quiet {
            eprintln!("wenxi: {}: {} sentence(s)", file.display(), s.len());
        }
        weights.extend(std::iter::repeat_n(
            args.weights.get(i).copied().unwrap_or(1),
            s.len(),
        ));
        sentences.extend(s);
    }
    if let Some(n) = args.limit {
        sentences.truncate(n);
        weights.truncate(n);
    }
    let (sentences, weights): (Vec<_>, Vec<u32>) = sentences
        .into_iter()
        .zip(weights)
        .filter(|(s, _)| !s.chars.is_empty())
        .unzip();
    let config = TrainConfig {
        epochs: args.epochs,
        folds: args.folds,
        min_freq: args.min_freq,
        prune: args.prune,
        seed: args.seed,
        features: FeatureSet {
            jieba: !args.no_jieba,
            lexicon: !args.no_lexicon,
            dictionary: !args.no_dict,
            jieba_names: !args.no_jieba_names,
            clusters: !args.no_clusters,
            skip_pair: args.skip_pair,
        },
        scheme: if args.bio { Scheme::Bio } else { Scheme::Bioes },
        verbose: !args.quiet,
    };
    let chars: usize = sentences.iter().map(|s| s.chars.len()).sum();
    if !args.quiet {
        let f = config.features;
        let groups: Vec<&str> = [
            (true, "chars"),
            (f.jieba, "jieba"),
            (f.lexicon, "lexicon"),
            (f.jieba_names, "jieba-names"),
            (f.dictionary, "dict"),
            (f.clusters, "clusters"),
            (f.skip_pair, "skip-pair"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        eprintln!(
            "wenxi: training on {} sentence(s), {chars} chars: averaged perceptron, {} epoch(s), \
             {:?} labels, {} fold(s), min feature frequency {}, pruning under {}, seed {}, \
             features {}{}",
            sentences.len(),
            config.epochs,
            config.scheme,
            config.folds,
            config.min_freq,
            config.prune,
            config.seed,
            groups.join("+"),
            if args.weights.is_empty() {
                String::new()
            } else {
                let w: Vec<String> = args.weights.iter().map(u32::to_string).collect();
                format!(", file weights {}", w.join(","))
            }
        );
    }
    let segmenter = Segmenter::new();
    let model = PerceptronModel::train_weighted(&sentences, &weights, &segmenter, &config)?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot write", dir.display()))?;
    }
    model.save(&args.out)?;
    if !args.quiet {
        let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
        eprintln!(
            "wenxi: model in {} ({:.1} MB: {} features, {} weights, {} training names); \
             trained in {:.1} s, {:.1} s in all",
            args.out.display(),
            size as f64 / 1e6,
            model.info().features_kept,
            model.info().weights,
            model.info().dictionary_names,
            model.info().train_seconds,
            started.elapsed().as_secs_f64()
        );
    }
    if let Some(path) = &args.stack_scores {
        let scores = fold_scores(&sentences, &segmenter, &config, args.folds)?;
        let tmp = path.with_extension("tmp");
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("{}: cannot write", tmp.display()))?;
        write_scores(std::io::BufWriter::new(file), &sentences, &scores)
            .and_then(|()| std::fs::rename(&tmp, path))
            .with_context(|| format!("{}: cannot write", path.display()))?;
        if !args.quiet {
            eprintln!(
                "wenxi: scores of {} folds in {}, {:.1} s in all",
                args.folds,
                path.display(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
