//! Turning raw keyword scores into reported keywords: normalised, rounded, ordered.

use super::Keyword;

/// Decimal places kept in reported weights, so that reports are byte-stable.
pub const WEIGHT_DECIMALS: i32 = 4;

/// Round `x` to [`WEIGHT_DECIMALS`] decimals.
pub fn round_weight(x: f64) -> f64 {
    let scale = 10f64.powi(WEIGHT_DECIMALS);
    (x * scale).round() / scale
}

/// The `top_n` best of `scores` as keywords: each score divided by the highest (so the
/// first keyword weighs exactly 1.0) and rounded to [`WEIGHT_DECIMALS`] decimals, ordered by
/// rounded weight (descending), then by term, so equal weights always come out in the same
/// order. Scores that are not finite and positive are dropped, and so are keywords whose
/// weight rounds to 0, so every weight is in (0, 1].
pub fn top_keywords<'a>(
    scores: impl IntoIterator<Item = (&'a str, f64)>,
    top_n: usize,
) -> Vec<Keyword> {
    let scores: Vec<(&str, f64)> = scores
        .into_iter()
        .filter(|(_, s)| s.is_finite() && *s > 0.0)
        .collect();
    let max = scores.iter().map(|&(_, s)| s).fold(0.0, f64::max);
    if top_n == 0 || max <= 0.0 {
        return Vec::new();
    }
    let mut ranked: Vec<(f64, &str)> = scores
        .into_iter()
        .map(|(term, s)| (round_weight(s / max), term))
        .filter(|&(w, _)| w > 0.0)
        .collect();
    let order = |a: &(f64, &str), b: &(f64, &str)| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1));
    // the best `top_n` first (the order is total, so this is a plain sort's prefix), and
    // only those become owned strings
    if ranked.len() > top_n {
        ranked.select_nth_unstable_by(top_n - 1, order);
        ranked.truncate(top_n);
    }
    ranked.sort_by(order);
    ranked
        .into_iter()
        .map(|(weight, term)| Keyword {
            term: term.to_owned(),
            weight,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_rounded_ordered() {
        let k = top_keywords([("b", 2.0), ("a", 3.0), ("c", 1.0), ("d", 2.0)], 3);
        let got: Vec<(&str, f64)> = k.iter().map(|k| (k.term.as_str(), k.weight)).collect();
        assert_eq!(got, [("a", 1.0), ("b", 0.6667), ("d", 0.6667)]);
    }

    #[test]
    fn ties_broken_by_term_whatever_the_input_order() {
        let forward = top_keywords([("乙", 1.0), ("甲", 1.0), ("丙", 1.0)], 10);
        let backward = top_keywords([("丙", 1.0), ("甲", 1.0), ("乙", 1.0)], 10);
        assert_eq!(forward, backward);
        assert!(forward.windows(2).all(|w| w[0].term < w[1].term));
    }

    #[test]
    fn degenerate_inputs() {
        assert!(top_keywords([], 5).is_empty());
        assert!(top_keywords([("a", 1.0)], 0).is_empty());
        assert!(top_keywords([("a", 0.0), ("b", f64::NAN)], 5).is_empty());
        let k = top_keywords([("a", 0.5), ("b", -1.0), ("c", 0.5e-5)], 5);
        assert_eq!(
            k,
            [Keyword {
                term: "a".into(),
                weight: 1.0
            }]
        );
    }

    #[test]
    fn rounding() {
        assert_eq!(round_weight(0.123_449), 0.1234);
        assert_eq!(round_weight(0.123_451), 0.1235);
        assert_eq!(round_weight(1.0), 1.0);
    }
}
