//! `wenxi tag`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use wenxi::ner::model::{ColumnLine, EntityModel, Sentence, find_entities, parse_columns};
use wenxi::segment::Segmenter;

/// Tag people, places and organisations (PER, LOC, ORG) with a trained entity model.
///
/// Plain text (the default): prints one line per entity, `start<TAB>end<TAB>type<TAB>text`,
/// with char offsets into the input (each file counted from 0).
///
/// --conll: the input has one char per line (its first field; further fields are ignored)
/// and an empty line between sentences; the output has `<char> <tag>` per line (BIO tags),
/// with the input's empty lines kept.
///
/// Reads the FILEs, or stdin when none is given, in any encoding. The model comes from
/// `wenxi train-ner`.
///
/// Examples:
///
///   echo "江泽民在北京会见了美国客人。" | wenxi tag --model models/ner.bin
///
///   wenxi tag --conll test.txt > tagged.txt
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct TagArgs {
    /// Files to tag [default: stdin]
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Read and write one char per line (CoNLL-style columns)
    #[arg(long)]
    conll: bool,

    /// A model file: from `wenxi train-ner`, or a stacked LSTM model from
    /// `scripts/train_lstm_ner.py` (slower, more accurate) [default: the shipped model]
    #[arg(long, short, value_name = "FILE")]
    model: Option<PathBuf>,
}

/// Read a file, or stdin for `None`, in any encoding (as `wenxi analyze` reads it).
fn read_text(path: Option<&PathBuf>) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    match path {
        Some(p) => {
            bytes = std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
        }
        None => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("<stdin>: cannot read")?;
        }
    }
    let name = path.map_or_else(|| "<stdin>".to_owned(), |p| p.display().to_string());
    match wenxi::ingest::decode(&bytes) {
        Ok(d) => Ok(d.text),
        Err(e) => anyhow::bail!("{name}: binary file ({}), not text", e.reason),
    }
}

pub fn run(args: TagArgs) -> anyhow::Result<ExitCode> {
    let model = super::common::load_model(args.model.as_deref())?;
    let segmenter = Segmenter::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let sources: Vec<Option<&PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(Some).collect()
    };
    for source in sources {
        let text = read_text(source)?;
        if args.conll {
            write_conll(model.as_ref(), &segmenter, &text, &mut out)?;
        } else {
            let chars: Vec<char> = text.chars().collect();
            for (span, kind) in find_entities(model.as_ref(), &segmenter, &text) {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    span.start,
                    span.end,
                    kind.as_str(),
                    span.slice(&chars)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_conll(
    model: &dyn EntityModel,
    segmenter: &Segmenter,
    text: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let lines = parse_columns(text);
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        let mut fields = Vec::new();
        while let Some(ColumnLine::Token(f)) = lines.get(j) {
            fields.push(f.as_str());
            j += 1;
        }
        if fields.is_empty() {
            writeln!(out)?;
            i += 1;
            continue;
        }
        // A field of several chars (not expected) is tagged by its first char.
        let chars: Vec<char> = fields.iter().filter_map(|f| f.chars().next()).collect();
        let tags = model.tag(&Sentence::new(&chars, segmenter));
        for (f, t) in fields.iter().zip(tags) {
            writeln!(out, "{f} {}", t.as_str())?;
        }
        i = j;
    }
    Ok(())
}
