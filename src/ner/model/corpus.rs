//! Reading char-per-line files: char-BIO training and gold files, and untagged columns.
//!
//! A char-BIO file has one character per line, `<char> <label>`, split at the line's last
//! ASCII space (the char itself may be full-width punctuation or U+FFFD), and an empty line
//! after every sentence. Labels are mapped with [`map_label`], so CLUENER, Weibo and Resume
//! files are read onto PER/LOC/ORG.

use super::tag::{Tag, map_label};
use crate::{Error, Result};

/// A sentence with gold tags, one per char.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabeledSentence {
    /// The sentence's chars, as in the file.
    pub chars: Vec<char>,
    /// One tag per char.
    pub tags: Vec<Tag>,
}

/// Parse a char-BIO file. `name` names the file in error messages.
///
/// # Errors
///
/// [`Error::Format`] when a line has no space, its char field is not one char, or its
/// label is malformed (a type outside PER/LOC/ORG is not malformed: it becomes `O`).
pub fn parse_bio(name: &str, text: &str) -> Result<Vec<LabeledSentence>> {
    let mut out = Vec::new();
    let mut cur = LabeledSentence {
        chars: Vec::new(),
        tags: Vec::new(),
    };
    let bad = |n: usize, what: &str, line: &str| Error::Format {
        name: name.to_owned(),
        message: format!("line {n}: {what}: {line:?}"),
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            if !cur.chars.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    LabeledSentence {
                        chars: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let (ch, label) = line
            .rsplit_once(' ')
            .ok_or_else(|| bad(i + 1, "no space between char and label", line))?;
        let mut it = ch.chars();
        let (Some(c), None) = (it.next(), it.next()) else {
            return Err(bad(i + 1, "not one char", line));
        };
        let tag = map_label(label).ok_or_else(|| bad(i + 1, "malformed label", line))?;
        cur.chars.push(c);
        cur.tags.push(tag);
    }
    if !cur.chars.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// One line of a column file to tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnLine {
    /// A token line: its first field (the char) as written.
    Token(String),
    /// An empty line (a sentence boundary), kept as it is.
    Blank,
}

/// Read a column file to tag: the first field of each line (up to the first space or tab)
/// is the char, further fields are ignored; empty lines separate sentences.
pub fn parse_columns(text: &str) -> Vec<ColumnLine> {
    text.lines()
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            match line.split([' ', '\t']).next() {
                Some(f) if !f.is_empty() => ColumnLine::Token(f.to_owned()),
                _ => ColumnLine::Blank,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType;

    #[test]
    fn reads_sentences_split_at_last_space() {
        let text = "张 B-PER\n三 I-PER\n  O\n\n北 B-address\n京 I-address\n\n";
        let s = parse_bio("t", text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].chars, vec!['张', '三', ' ']);
        assert_eq!(s[0].tags[2], Tag::O);
        assert_eq!(s[1].tags[0], Tag::B(EntityType::Loc));
    }

    #[test]
    fn last_sentence_without_blank_line_and_errors() {
        assert_eq!(parse_bio("t", "a O").unwrap().len(), 1);
        let e = parse_bio("t", "a O\nbc O\n").unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
        assert!(parse_bio("t", "a\n").is_err());
        assert!(parse_bio("t", "a Z-PER\n").is_err());
    }

    #[test]
    fn columns_keep_blank_lines() {
        let c = parse_columns("中 x y\n国\n\n\n人\tO\n");
        assert_eq!(
            c,
            vec![
                ColumnLine::Token("中".into()),
                ColumnLine::Token("国".into()),
                ColumnLine::Blank,
                ColumnLine::Blank,
                ColumnLine::Token("人".into()),
            ]
        );
    }
}
