//! Command-line arguments and dispatch.

mod analyze;
mod check;
mod common;
mod eval_ner;
mod idf;
mod merge;
mod repair;
mod tag;
mod train_ner;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// wenxi (文析): turn raw Chinese text into trustworthy analysis.
///
/// Reads files in any encoding, repairs garbled text (mojibake), segments words, finds named
/// entities, counts terms, ranks keywords, and writes JSON reports.
#[derive(Debug, Parser)]
#[command(name = "wenxi", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Analyze(analyze::AnalyzeArgs),
    Check(check::CheckArgs),
    EvalNer(eval_ner::EvalNerArgs),
    Idf(idf::IdfArgs),
    Merge(merge::MergeArgs),
    Repair(repair::RepairArgs),
    Tag(tag::TagArgs),
    TrainNer(train_ner::TrainNerArgs),
}

/// Run the parsed command; the exit code says whether every input succeeded.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Check(args) => check::run(args),
        Command::EvalNer(args) => eval_ner::run(args),
        Command::Idf(args) => idf::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Repair(args) => repair::run(args),
        Command::Tag(args) => tag::run(args),
        Command::TrainNer(args) => train_ner::run(args),
    }
}
