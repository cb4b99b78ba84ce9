//! TF-IDF keywords with jieba's IDF table, or another table in its format (`wenxi idf`).
//!
//! The score of a term is `tf × idf`: `tf` its count among the document's candidate terms,
//! `idf` its value in the table (by default jieba's, [`crate::resources::IDF`]), or the
//! table's median when
//! the term is unknown (a Latin word is also looked up in lower case). The document's total
//! term count would divide every score alike, so it is left out: normalisation to the top
//! score removes it anyway.

use super::Keyword;
use super::count::Counts;
use super::rank::top_keywords;
use crate::resources::{IDF, IdfTable};

/// The IDF of `term` in jieba's table: as written, else in lower case (Latin words), else
/// the median.
pub fn idf(term: &str) -> f64 {
    idf_in(&IDF, term)
}

/// The IDF of `term` in `table`: as written, else in lower case (Latin words), else the
/// table's median.
pub fn idf_in(table: &IdfTable, term: &str) -> f64 {
    if let Some(&v) = table.idf.get(term) {
        return v;
    }
    if term.bytes().any(|b| b.is_ascii_uppercase())
        && let Some(&v) = table.idf.get(term.to_ascii_lowercase().as_str())
    {
        return v;
    }
    table.median
}

/// The `top_n` TF-IDF keywords of a document's candidate-term counts, with jieba's table.
pub fn tfidf(counts: &Counts<'_>, top_n: usize) -> Vec<Keyword> {
    tfidf_with(&IDF, counts, top_n)
}

/// The `top_n` TF-IDF keywords of a document's candidate-term counts, with `table`.
pub fn tfidf_with(table: &IdfTable, counts: &Counts<'_>, top_n: usize) -> Vec<Keyword> {
    top_keywords(
        counts
            .iter()
            .map(|(term, n)| (term, n as f64 * idf_in(table, term))),
        top_n,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_lookup() {
        assert_eq!(idf("模型"), IDF.get("模型"));
        assert_eq!(idf("不存在的词语xyz"), IDF.median);
    }

    #[test]
    fn own_table_and_its_median() {
        let table = IdfTable::parse_owned("a 1.0\nb 2.0\nc 3.0\n".to_owned());
        assert_eq!(idf_in(&table, "b"), 2.0);
        assert_eq!(idf_in(&table, "C"), 3.0);
        assert_eq!(idf_in(&table, "未知"), 2.0);
    }

    #[test]
    fn rare_word_beats_common_word_of_equal_count() {
        let counts = Counts::from_terms(["发展", "量子", "发展", "量子"]);
        let k = tfidf(&counts, 10);
        assert_eq!(k[0].term, "量子");
        assert_eq!(k[0].weight, 1.0);
        assert!(k[1].weight < 1.0);
    }

    #[test]
    fn count_scales_the_score() {
        let counts = Counts::from_terms(["量子", "量子", "量子", "芯片"]);
        let k = tfidf(&counts, 10);
        let w = |t: &str| k.iter().find(|k| k.term == t).unwrap().weight;
        let (a, b) = (3.0 * idf("量子"), idf("芯片"));
        let max = a.max(b);
        assert!((w("量子") - a / max).abs() < 1e-4);
        assert!((w("芯片") - b / max).abs() < 1e-4);
    }
}
