//! Planning the repair of a run: rounds, the whole run against stretches inside it.

use super::choose::{latin_pairs_reading, other_script_reading};
use super::regions::unrecoverable_span;
use super::*;

impl Repairer {
    /// Repair a run in rounds (damage done twice, or a stretch that only reads once its
    /// neighbour is repaired), until a round changes nothing. Each round gives the run's
    /// text after it and its plan, with offsets into the run as it was before the round.
    pub(super) fn rounds(&self, left: &[char], run: &[char], right: &[char]) -> Vec<Round> {
        let mut out: Vec<Round> = Vec::new();
        let mut cur = run.to_vec();
        for _ in 0..MAX_ROUNDS {
            let mut buf = left.to_vec();
            buf.extend(&cur);
            buf.extend(right);
            let l = left.len();
            // After the first round, what still looks garbled is judged as a second pass over
            // the line would judge it: each run of the text as repaired so far on its own
            // (`…有C` then `ANT涔熸湁`), so that repairing twice changes nothing more.
            let plan = if out.is_empty() {
                self.plan(&buf, l, l + cur.len())
            } else {
                super::regions::runs(&cur)
                    .into_iter()
                    .filter(|&(a, b)| {
                        !super::regions::in_latin_word(&cur, a, b)
                            && self.suspect(&cur[a..b].iter().collect::<String>())
                    })
                    .flat_map(|(a, b)| self.plan(&buf, l + a, l + b))
                    .collect()
            };
            if plan.is_empty() {
                break;
            }
            let mut next = Vec::with_capacity(cur.len());
            let mut at = 0;
            for (ps, pe, c) in &plan {
                next.extend(&cur[at..ps - l]);
                next.extend(c.text.chars());
                at = pe - l;
            }
            next.extend(&cur[at..]);
            let plan = plan
                .into_iter()
                .map(|(a, b, c)| (a - l, b - l, c))
                .collect();
            // another round only where the result still looks garbled
            let done = next == cur || !self.suspect(&next.iter().collect::<String>());
            cur = next.clone();
            out.push((next, plan));
            if done {
                break;
            }
        }
        out
    }

    /// Repairs for the run `chars[s..e]`: the whole run if it has a good reading, else the
    /// garbled stretches inside it (mojibake next to clean text), each with its reading.
    pub(super) fn plan(&self, chars: &[char], s: usize, e: usize) -> Vec<Step> {
        let text = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
        // A run holding a word of another alphabet is text in that script, not mojibake.
        if script::has_alphabetic_word(&text(s, e)) {
            return Vec::new();
        }
        // UTF-8 of another script: its reading, whatever the language model says of it
        let (before, after) = (s.checked_sub(1).map(|i| chars[i]), chars.get(e).copied());
        if let Some((kind, reading)) = latin_pairs_reading(&text(s, e))
            .or_else(|| other_script_reading(&text(s, e), before, after))
        {
            let choice = Choice {
                kind: kind.to_owned(),
                text: reading,
                inferred: Vec::new(),
                gain: OTHER_SCRIPT_GAIN,
            };
            return vec![(s, e, choice)];
        }
        let steps = self.plan_run(chars, s, e);
        steps
            .into_iter()
            .map(|step| self.trim_lone_mark(chars, step))
            .collect()
    }

    /// A step whose reading opens a paired mark at its first char that nothing on the line
    /// closes (`▲世界…` read as `《世界…`), or closes one at its last char that nothing
    /// opened, took a clean char beside the garbled stretch along with it: the stretch
    /// without that char, when it has a reading of its own.
    fn trim_lone_mark(&self, chars: &[char], step: Step) -> Step {
        let (a, b, c) = &step;
        let (a, b) = (*a, *b);
        let line_end = chars[b..]
            .iter()
            .position(|&x| x == '\n')
            .map_or(chars.len(), |p| b + p);
        let line_start = chars[..a]
            .iter()
            .rposition(|&x| x == '\n')
            .map_or(0, |p| p + 1);
        let first = c.text.chars().next();
        let last = c.text.chars().next_back();
        let text = |x: usize, y: usize| -> String { chars[x..y].iter().collect() };
        let lone_open = first.is_some_and(|m| {
            super::infer::PAIRS.iter().any(|&(o, cl)| {
                m == o && chars[a] != o && {
                    let rest: String =
                        c.text.chars().skip(1).collect::<String>() + &text(b, line_end);
                    rest.matches(cl).count() <= rest.matches(o).count()
                }
            })
        });
        let lone_close = last.is_some_and(|m| {
            super::infer::PAIRS.iter().any(|&(o, cl)| {
                m == cl && chars[b - 1] != cl && {
                    let n = c.text.chars().count();
                    let before: String =
                        text(line_start, a) + &c.text.chars().take(n - 1).collect::<String>();
                    before.matches(o).count() <= before.matches(cl).count()
                }
            })
        });
        let (x, y) = match (lone_open, lone_close) {
            (true, _) if b >= a + 3 => (a + 1, b),
            (false, true) if b >= a + 3 => (a, b - 1),
            _ => return step,
        };
        match self.choose(&text(x, y), &text(0, x), &text(y, chars.len())) {
            Some(t) => (x, y, t),
            None => step,
        }
    }

    /// [`Self::plan`] before its steps are trimmed.
    fn plan_run(&self, chars: &[char], s: usize, e: usize) -> Vec<Step> {
        let text = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
        let whole = self.choose(&text(s, e), &text(0, s), &text(e, chars.len()));
        // When the run does not begin or end with chars that fit, the garbled stretch spans
        // it, and the whole-run reading stands.
        if whole.is_some() && !self.has_clean_edge(&chars[s..e]) {
            return whole.map(|c| vec![(s, e, c)]).unwrap_or_default();
        }
        let inner = self.inner_plan(chars, s, e);
        match whole {
            None => inner,
            Some(c) if inner.is_empty() => vec![(s, e, c)],
            // Both: keep the one whose result reads better (a whole run re-read may take clean
            // text next to the garbled stretch along with it).
            Some(c) => {
                let applied: String = apply(&chars[s..e], s, &inner).into_iter().collect();
                if self.lm.per_char(&applied) > self.lm.per_char(&c.text) {
                    inner
                } else {
                    vec![(s, e, c)]
                }
            }
        }
    }

    /// `text` in place of `run`, judged with [`CONTEXT_GAIN`] chars of context each side
    /// (within the line): the mean score per char of the text with its context, and the gain
    /// of the replacement (the change in score, per char of `text`). A repair that joins
    /// words with its neighbours (`举|行` `两|年`) gains more than the stretch alone shows.
    pub(super) fn in_context(
        &self,
        run: &[char],
        text: &str,
        left: &[char],
        right: &[char],
    ) -> (f64, f64) {
        let l: String = left[left.len().saturating_sub(CONTEXT_GAIN)..]
            .iter()
            .rev()
            .take_while(|c| **c != '\n')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let r: String = right
            .iter()
            .take(CONTEXT_GAIN)
            .take_while(|c| **c != '\n')
            .collect();
        let run: String = run.iter().collect();
        let n = text.chars().count().max(1) as f64;
        let with = format!("{l}{text}{r}");
        let score = self.lm.score(&with);
        let gain = (score - self.lm.score(&format!("{l}{run}{r}"))) / n;
        (score / with.chars().count().max(1) as f64, gain)
    }

    /// Whether the run begins or ends with [`CLEAN_EDGE`] chars that fit their neighbours.
    pub(super) fn has_clean_edge(&self, run: &[char]) -> bool {
        let text: String = run.iter().collect();
        let costs = self.lm.char_costs(&text);
        let good = |c: &f64| *c >= BAD_CHAR;
        costs.len() > CLEAN_EDGE
            && (costs[..CLEAN_EDGE].iter().all(good)
                || costs[costs.len() - CLEAN_EDGE..].iter().all(good))
    }

    /// Repairs of stretches inside the run `chars[s..e]` (mojibake next to clean text).
    pub(super) fn inner_plan(&self, chars: &[char], s: usize, e: usize) -> Vec<Step> {
        let text = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
        // Candidate stretches: where re-encoded bytes form valid UTF-8, and around clusters
        // of characters that do not fit their neighbours.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (a, b) in readings::utf8_stretches(&chars[s..e]) {
            spans.push((s + a, s + b));
        }
        let clusters = bad_clusters(&self.lm.char_costs(&text(s, e)));
        // A mark of a swallowed byte ends a misaligned stretch; it starts at the run's start,
        // near where chars stop fitting, or anywhere in the last MARKER_REACH chars before it.
        for p in (s..e).filter(|&p| readings::is_lost_marker(chars[p])) {
            let starts = std::iter::once(s)
                .chain(
                    clusters
                        .iter()
                        .flat_map(|&(cs, _)| (s + cs).saturating_sub(PAD)..=s + cs + PAD),
                )
                .chain(p.saturating_sub(MARKER_REACH)..p);
            for a in starts.filter(|&a| a >= s && a + 2 <= p) {
                spans.push((a, p + 1));
            }
        }
        for &(cs, ce) in &clusters {
            let (cs, ce) = (s + cs, s + ce);
            for a in cs.saturating_sub(PAD).max(s)..=(cs + PAD).min(ce) {
                for b in (ce.saturating_sub(PAD)..=(ce + PAD).min(e)).rev() {
                    if b >= a + 2 {
                        spans.push((a, b));
                    }
                }
            }
        }
        spans.sort_unstable();
        spans.dedup();
        let mut found: Vec<Step> = Vec::new();
        for (a, b) in spans {
            if unrecoverable_span(&chars[a..b]).is_some() && !readings::holes_explain(&chars[a..b])
            {
                continue;
            }
            if let Some(c) = self.choose_in(&text(a, b), &text(0, a), &text(b, chars.len()), true) {
                let utf8 = c.kind.starts_with("utf8");
                let (in_context, gain) = if utf8 {
                    self.in_context(&chars[a..b], &c.text, &chars[..a], &chars[b..])
                } else {
                    (f64::NEG_INFINITY, f64::NEG_INFINITY)
                };
                // A UTF-8 stretch may earn its margin and read plainly with its neighbours
                // (`中澶�涔�记处`: 央书 reads as Chinese only as 中央书记处).
                if (c.gain >= SUB_MARGIN || gain >= SUB_MARGIN)
                    && (self.lm.per_char(&c.text) >= SUB_FLOOR || in_context >= SUB_FLOOR)
                {
                    found.push((a, b, c));
                }
            }
        }
        // Keep the best non-overlapping stretches: those that raise the score of the whole run
        // (with a little context) the most first. Competing extents of one stretch (`竟穐…`
        // or `穐…`) are judged by how the run reads, not by how the stretch alone does.
        let ls = s.saturating_sub(CONTEXT_GAIN);
        let re = (e + CONTEXT_GAIN).min(chars.len());
        let window = &chars[ls..re];
        let mut scored: Vec<(f64, Step)> = found
            .into_iter()
            .map(|f| {
                let applied: String = apply(window, ls, std::slice::from_ref(&f))
                    .into_iter()
                    .collect();
                (
                    self.lm.score(&applied) + EXTENT_PAIRS * super::bigram::BIGRAMS.chain(&applied),
                    f,
                )
            })
            .collect();
        scored.sort_by(|(sx, x), (sy, y)| sy.total_cmp(sx).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
        let found: Vec<Step> = scored.into_iter().map(|(_, f)| f).collect();
        let mut out: Vec<Step> = Vec::new();
        for f in found {
            if out.iter().all(|o| f.1 <= o.0 || f.0 >= o.1) {
                out.push(f);
            }
        }
        out.sort_by_key(|o| o.0);
        out
    }
}

/// Weight of the char-pair associations ([`super::bigram`]) when competing extents of a
/// stretch are judged: the word model alone cannot tell a rare clean char at a stretch's
/// edge (`隐躲在`) from the common char its re-reading gives (`隐跟在`).
const EXTENT_PAIRS: f64 = 1.0;

/// The run `run` (starting at offset `base`) with the steps of `plan` applied.
pub(super) fn apply(run: &[char], base: usize, plan: &[Step]) -> Vec<char> {
    let mut out = Vec::with_capacity(run.len());
    let mut at = 0;
    for (a, b, c) in plan {
        out.extend(&run[at..a - base]);
        out.extend(c.text.chars());
        at = b - base;
    }
    out.extend(&run[at..]);
    out
}

/// Stretches `[start, end)` of chars that do not fit their neighbours: bad chars joined
/// across gaps of at most [`GAP`] good ones, at least two bad chars each.
pub(super) fn bad_clusters(costs: &[f64]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (i, &c) in costs.iter().enumerate() {
        if c >= BAD_CHAR {
            continue;
        }
        match out.last_mut() {
            Some((_, end, n)) if i <= *end + GAP => {
                *end = i + 1;
                *n += 1;
            }
            _ => out.push((i, i + 1, 1)),
        }
    }
    out.into_iter()
        .filter(|&(_, _, n)| n >= 2)
        .map(|(s, e, _)| (s, e))
        .collect()
}
