//! WORK: titles in 《》 (books, films, programmes, articles, newspapers).
//!
//! The mention covers the title *without* the marks: `央视《对话》栏目` gives the WORK `对话`
//! at the chars of `对话`. So the entity text is the bare title, and the mention still slices
//! to its text.

use super::EntityType;
use super::candidate::{Candidate, Evidence};
use super::doc::Doc;

/// Longest title taken, in chars.
const MAX_TITLE: usize = 40;

/// All WORK candidates of the document.
pub(crate) fn find(doc: &Doc) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if doc.chars[i] != '《' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        while j < doc.len() && j - start <= MAX_TITLE && !matches!(doc.chars[j], '》' | '《' | '\n')
        {
            j += 1;
        }
        if doc.at(j) == Some('》') && j > start {
            let title = doc.slice(start, j);
            if !title.trim().is_empty() {
                out.push(Candidate::new(
                    start,
                    j,
                    EntityType::Work,
                    &title,
                    Evidence::Rule,
                ));
            }
            i = j + 1;
        } else {
            i = start;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_without_marks() {
        let text = "他在央视《对话》栏目和《三体》里。《未闭合";
        let doc = Doc::new(text, &[]);
        let got: Vec<String> = find(&doc)
            .iter()
            .map(|c| doc.slice(c.start, c.end))
            .collect();
        assert_eq!(got, ["对话", "三体"]);
    }
}
