//! JSON Lines input: one document per line, its text and id in named members.

use serde_json::Value;

/// How JSON Lines inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlOptions {
    /// Read every input file as JSON Lines, whatever its name (otherwise only `*.jsonl`).
    pub all: bool,
    /// The member holding the text (default `text`).
    pub field: String,
    /// The member holding the document's id (default `id`); a record without one gets the id
    /// `<file>:<line>`.
    pub id_field: String,
}

impl Default for JsonlOptions {
    fn default() -> Self {
        JsonlOptions {
            all: false,
            field: "text".to_owned(),
            id_field: "id".to_owned(),
        }
    }
}

impl JsonlOptions {
    /// Whether the file at `path` is read as JSON Lines (`x.jsonl.gz` and `x.jsonl.zst`
    /// are).
    pub fn applies_to(&self, path: &std::path::Path) -> bool {
        self.all
            || super::source::uncompressed_name(path)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
    }
}

/// One record of a JSON Lines file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The text to analyse.
    pub text: String,
    /// The id member, if present (a string, or a number written as JSON writes it).
    pub id: Option<String>,
}

/// Parse one line (without its line break) into a record, or say why it is malformed.
pub fn parse_record(line: &[u8], opts: &JsonlOptions) -> Result<Record, String> {
    let line = std::str::from_utf8(line).map_err(|e| format!("not UTF-8: {e}"))?;
    let value: Value = serde_json::from_str(line).map_err(|e| format!("bad JSON: {e}"))?;
    let Value::Object(mut obj) = value else {
        return Err("not a JSON object".to_owned());
    };
    let text = match obj.remove(&opts.field) {
        Some(Value::String(s)) => s,
        Some(_) => return Err(format!("member {:?} is not a string", opts.field)),
        None => return Err(format!("no member {:?}", opts.field)),
    };
    let id = match obj.remove(&opts.id_field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => {
            return Err(format!(
                "member {:?} is not a string or a number",
                opts.id_field
            ));
        }
    };
    Ok(Record { text, id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_malformed_lines() {
        let o = JsonlOptions::default();
        let r = parse_record(br#"{"id": 7, "text": "\u4f60\u597d"}"#, &o).unwrap();
        assert_eq!(r.text, "你好");
        assert_eq!(r.id.as_deref(), Some("7"));
        let r = parse_record(br#"{"text": "a"}"#, &o).unwrap();
        assert_eq!(r.id, None);
        assert!(parse_record(b"{", &o).unwrap_err().contains("bad JSON"));
        assert!(
            parse_record(br#"{"id": "x"}"#, &o)
                .unwrap_err()
                .contains("no member")
        );
        assert!(
            parse_record(br#"{"text": 1}"#, &o)
                .unwrap_err()
                .contains("not a string")
        );
        assert!(parse_record(b"[1]", &o).unwrap_err().contains("object"));
        assert!(parse_record(b"\xff", &o).unwrap_err().contains("UTF-8"));
    }
}
