//! The runs of one line as they are judged: what became of each, and the line around a run
//! with the repairs so far applied.

use super::*;

/// What became of one run of a line.
pub(super) struct Judged {
    /// The run, as char offsets into its line.
    pub(super) span: (usize, usize),
    /// Its repair in rounds; empty when it is left as it was.
    pub(super) rounds: Vec<Round>,
    /// Garbled spans left alone (kind, char offsets into the run).
    pub(super) flags: Vec<(String, (usize, usize))>,
    /// Whether it looked garbled but was left alone, and is judged again when a run after it
    /// is repaired.
    pub(super) retry: bool,
}

/// The chars of `line` that its runs of `judged` (in order) have become: the run's own chars
/// when it is left alone.
pub(super) fn run_text<'a>(line: &'a [char], j: &'a Judged) -> &'a [char] {
    match j.rounds.last() {
        Some(last) => &last.0,
        None => &line[j.span.0..j.span.1],
    }
}

/// The last `n` chars of `line` before char offset `to`, with the repairs of the runs judged
/// so far (`judged`, in order) applied.
pub(super) fn repaired_before(line: &[char], judged: &[Judged], to: usize, n: usize) -> Vec<char> {
    let mut rev: Vec<char> = Vec::with_capacity(n);
    let mut pos = to;
    let before = judged.partition_point(|j| j.span.1 <= to);
    for j in judged[..before].iter().rev() {
        if rev.len() >= n {
            break;
        }
        rev.extend(line[j.span.1..pos].iter().rev());
        rev.extend(run_text(line, j).iter().rev());
        pos = j.span.0;
    }
    rev.extend(line[..pos].iter().rev().take(n));
    rev.truncate(n);
    rev.reverse();
    rev
}

/// The first `n` chars of `line` from char offset `from` on, with the repairs of the runs of
/// `judged` (in order) that start there or after applied.
pub(super) fn repaired_after(line: &[char], judged: &[Judged], from: usize, n: usize) -> Vec<char> {
    let mut out = Vec::with_capacity(n.min(line.len() - from.min(line.len())));
    let mut pos = from;
    let first = judged.partition_point(|j| j.span.0 < from);
    for j in &judged[first..] {
        if out.len() >= n {
            break;
        }
        out.extend(&line[pos..j.span.0]);
        out.extend(run_text(line, j));
        pos = j.span.1;
    }
    out.extend(line[pos..].iter().take(n));
    out.truncate(n);
    out
}
