//! Sentence splitting.

use crate::span::CharSpan;

/// Split `text` into sentences: a sentence ends after `。！？!?；;…` (and any closing quotes or
/// brackets that follow), or at a line break. Spans are char offsets into `text`; leading and
/// trailing whitespace is not part of a sentence, and blank stretches yield no sentence.
pub fn split_sentences(text: &str) -> Vec<CharSpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut end = None;
        if c == '\n' || c == '\r' {
            end = Some(i);
        } else if is_terminal(c) {
            let mut j = i + 1;
            while j < chars.len() && (is_terminal(chars[j]) || is_closing(chars[j])) {
                j += 1;
            }
            end = Some(j);
            i = j - 1;
        }
        if let Some(e) = end {
            push_trimmed(&chars, start, e, &mut out);
            start = e;
        }
        i += 1;
    }
    push_trimmed(&chars, start, chars.len(), &mut out);
    out
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '”' | '’' | '"' | '\'' | '）' | ')' | '》' | '】'
    )
}

fn push_trimmed(chars: &[char], mut s: usize, mut e: usize, out: &mut Vec<CharSpan>) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if s < e {
        out.push(CharSpan::new(s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_terminals_and_lines() {
        let text = "他说：「好。」然后走了！\n\n第二段？是的";
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<String> = split_sentences(text)
            .iter()
            .map(|s| s.slice(&chars))
            .collect();
        assert_eq!(got, ["他说：「好。」", "然后走了！", "第二段？", "是的"]);
    }
}
