//! Merge rules applied to jieba's tokens.

use super::Token;
use super::translit::{all_translit, is_translit};
use crate::span::CharSpan;

/// Middle dots used between the parts of a foreign name.
pub fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '‧' | '・' | '･' | '●')
}

/// Apply all merge rules to a token sequence that covers a text.
pub fn apply(tokens: Vec<Token>) -> Vec<Token> {
    let tokens = merge_latin(tokens);
    let tokens = merge_translit_runs(tokens);
    merge_dotted_names(tokens)
}

/// The token at `t`, moved out (what stays behind is empty and is not read again): the
/// passes move the tokens they keep instead of copying their strings.
fn take(t: &mut Token) -> Token {
    Token {
        text: std::mem::take(&mut t.text),
        span: t.span,
        pos: std::mem::take(&mut t.pos),
    }
}

fn join(parts: &[Token], pos: &str) -> Token {
    let text: String = parts.iter().map(|t| t.text.as_str()).collect();
    Token {
        text,
        span: CharSpan::new(parts[0].span.start, parts[parts.len() - 1].span.end),
        pos: pos.to_owned(),
    }
}

fn is_latin_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn is_title_word(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphabetic())
        && s.chars().skip(1).any(|c| c.is_ascii_lowercase())
}

/// `GPT` `-` `3` → `GPT-3`; `A` `100` → `A100`; `Y` ` ` `Combinator` → `Y Combinator`.
fn merge_latin(mut tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if !is_latin_word(&tokens[i].text) {
            out.push(take(&mut tokens[i]));
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            // letters directly followed by digits (or digits by letters)
            if j < tokens.len() && is_latin_word(&tokens[j].text) {
                j += 1;
                continue;
            }
            // a hyphen, dot or plus joining two alphanumeric parts: GPT-3, GPT-3.5, C++
            if j + 1 < tokens.len()
                && matches!(tokens[j].text.as_str(), "-" | "." | "+")
                && is_latin_word(&tokens[j + 1].text)
                && tokens[j].text.len() == 1
            {
                j += 2;
                continue;
            }
            // a single capital letter and a capitalised word: Y Combinator
            if j + 1 < tokens.len()
                && tokens[j].text == " "
                && j == i + 1
                && tokens[i].text.len() == 1
                && tokens[i].text.chars().all(|c| c.is_ascii_uppercase())
                && is_title_word(&tokens[j + 1].text)
            {
                j += 2;
                continue;
            }
            break;
        }
        if j == i + 1 {
            out.push(take(&mut tokens[i]));
        } else {
            out.push(join(&tokens[i..j], "eng"));
        }
        i = j;
    }
    out
}

/// Tags of multi-char tokens that may be part of a cut foreign name.
fn name_like_pos(pos: &str) -> bool {
    matches!(pos, "nr" | "nrt" | "nrfg" | "ns" | "nz" | "x" | "nt")
}

/// `阿尔特` `曼` → `阿尔特曼`: a run of tokens made only of transliteration characters, with
/// at least one single-char piece and one name-like multi-char piece, is one name.
fn merge_translit_runs(mut tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j < tokens.len() && all_translit(&tokens[j].text) {
            j += 1;
        }
        // `阿尔特` `曼在`: the name's last char glued to the word after it
        if j > i
            && let Some((last, rest)) = tokens.get(j).and_then(split_glued)
        {
            let mut run = tokens[i..j].to_vec();
            let named = run
                .iter()
                .any(|t| t.text.chars().count() >= 2 && name_like_pos(&t.pos));
            let len: usize = run.iter().map(|t| t.text.chars().count()).sum::<usize>() + 1;
            if named && (3..=10).contains(&len) {
                run.push(last);
                out.push(join(&run, "nrt"));
                out.push(rest);
                i = j + 1;
                continue;
            }
        }
        if j - i >= 2 {
            let run = &tokens[i..j];
            let singles = run.iter().filter(|t| t.text.chars().count() == 1).count();
            let named = run
                .iter()
                .any(|t| t.text.chars().count() >= 2 && name_like_pos(&t.pos));
            let len: usize = run.iter().map(|t| t.text.chars().count()).sum();
            if singles >= 1 && named && (3..=10).contains(&len) {
                out.push(join(run, "nrt"));
                i = j;
                continue;
            }
        }
        if j == i {
            out.push(take(&mut tokens[i]));
            i += 1;
        } else {
            out.extend(tokens[i..j].iter_mut().map(take));
            i = j;
        }
    }
    out
}

/// `杰夫` `·` `辛顿` → `杰夫·辛顿`. After the last dot, single-char transliteration pieces
/// that jieba split off are taken in too (`阿尔特` `曼`).
fn merge_dotted_names(mut tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    let han_word = |t: &Token| !t.text.is_empty() && t.text.chars().all(is_han);
    while i < tokens.len() {
        if !han_word(&tokens[i]) {
            out.push(take(&mut tokens[i]));
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j + 1 < tokens.len()
            && tokens[j].text.chars().count() == 1
            && tokens[j].text.chars().all(is_name_dot)
            && han_word(&tokens[j + 1])
        {
            j += 2;
            while j < tokens.len()
                && tokens[j].text.chars().count() == 1
                && tokens[j].text.chars().all(is_translit)
            {
                j += 1;
            }
        }
        if j == i + 1 {
            out.push(take(&mut tokens[i]));
        } else if let Some((last, rest)) = tokens.get(j).and_then(split_glued) {
            // `萨姆·阿尔特` `曼在`: the name's last char glued to the word after it
            let mut parts = tokens[i..j].to_vec();
            parts.push(last);
            out.push(join(&parts, "nrt"));
            out.push(rest);
            j += 1;
        } else {
            out.push(join(&tokens[i..j], "nrt"));
        }
        i = j;
    }
    out
}

/// Function chars that jieba glues to a transliteration char after a name (`曼在`, `曼说`).
const GLUED_AFTER_NAME: &str = "在说是和与的了也都就将把被对向到为等称曾已又";

/// A two-char token after a dotted name whose first char is a transliteration char and whose
/// second is a function char, when the pair is no common word (`曼在`, seen 0 times in
/// jieba's dictionary, but not `特在`): the name's last char and the word after it, split.
fn split_glued(t: &Token) -> Option<(Token, Token)> {
    let dict = &crate::resources::DICTIONARY;
    let mut cs = t.text.chars();
    let (a, b) = (cs.next()?, cs.next()?);
    if cs.next().is_some()
        || !is_translit(a)
        || !GLUED_AFTER_NAME.contains(b)
        || dict.freq(&t.text) >= GLUED_MAX_FREQ
    {
        return None;
    }
    let (s, e) = (t.span.start, t.span.end);
    let second = b.to_string();
    let pos = dict.pos(&second).unwrap_or("x").to_owned();
    Some((
        Token {
            text: a.to_string(),
            span: CharSpan::new(s, s + 1),
            pos: "nrt".to_owned(),
        },
        Token {
            text: second,
            span: CharSpan::new(s + 1, e),
            pos,
        },
    ))
}

/// A glued pair seen this often in jieba's dictionary is a word of its own.
const GLUED_MAX_FREQ: u32 = 10;

/// Whether `c` is a Han (CJK unified ideograph) character.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0xF900..=0xFAFF | 0x30000..=0x3134F)
}
