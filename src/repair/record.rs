//! The records of repairs.

use super::choose::{confidence, round3};
use super::*;

/// The record of one repair.
pub(super) fn record(
    line: usize,
    start: usize,
    end: usize,
    rstart: usize,
    before: &[char],
    choice: Choice,
) -> Repair {
    let after_len = choice.text.chars().count();
    Repair {
        line,
        start,
        end,
        repaired_start: rstart,
        repaired_end: rstart + after_len,
        before: before.iter().collect(),
        after: choice.text,
        kind: choice.kind,
        confidence: confidence(choice.gain),
        inferred: choice
            .inferred
            .into_iter()
            .map(|(off, bytes, cands, p)| Inferred {
                offset: rstart + off,
                bytes,
                chosen: cands[0].0.to_string(),
                confidence: round3(p),
                candidates: cands
                    .into_iter()
                    .map(|(c, score)| Candidate {
                        text: c.to_string(),
                        score: round3(score),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// One record for a run repaired in several rounds: the smallest span that changed.
pub(super) fn combined<'a>(
    line: usize,
    (start, rstart): (usize, usize),
    run: &[char],
    fixed: &[char],
    choices: impl Iterator<Item = &'a Choice>,
) -> Repair {
    let pre = run.iter().zip(fixed).take_while(|(a, b)| a == b).count();
    let max_suf = run.len().min(fixed.len()) - pre;
    let suf = run
        .iter()
        .rev()
        .zip(fixed.iter().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    let mut kinds: Vec<&str> = Vec::new();
    let mut gain = f64::INFINITY;
    for c in choices {
        if !kinds.contains(&c.kind.as_str()) {
            kinds.push(&c.kind);
        }
        gain = gain.min(c.gain);
    }
    let after: String = fixed[pre..fixed.len() - suf].iter().collect();
    Repair {
        line,
        start: start + pre,
        end: start + run.len() - suf,
        repaired_start: rstart + pre,
        repaired_end: rstart + pre + after.chars().count(),
        before: run[pre..run.len() - suf].iter().collect(),
        after,
        kind: kinds.join("+"),
        confidence: confidence(gain),
        inferred: Vec::new(),
    }
}
