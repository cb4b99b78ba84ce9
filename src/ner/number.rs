//! Numbers in Chinese text: Arabic (`1.15`, `１２`), Chinese (`一千`, `二〇二三`), mixed with
//! multipliers (`1.15亿`, `900 万`, `一千多亿`) and ranges (`两到三`, `10-20`).

use super::doc::Doc;

/// A number found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Num {
    /// First char.
    pub start: usize,
    /// One past the last char (spaces before a multiplier included, trailing spaces not).
    pub end: usize,
    /// The integer value when the number is a plain integer (no decimals, multipliers or range).
    pub value: Option<u32>,
    /// Whether the number is a year written with four digits (`2019`, `二〇一九`).
    pub year_like: bool,
    /// Whether the number is the bare numeral `一` (often "a", not a count).
    pub bare_one: bool,
}

const CN_DIGITS: &str = "零〇一二三四五六七八九两";

/// Whether `c` is a Chinese numeral digit (`零`..`九`, `两`).
pub(crate) fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// Whether `c` is a Chinese multiplier (`十百千万亿`).
pub(crate) fn is_multiplier(c: char) -> bool {
    matches!(c, '十' | '百' | '千' | '万' | '亿')
}

/// Whether `c` is an Arabic digit, ASCII or full-width.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of a digit: Arabic (ASCII or full-width) or a Chinese numeral (`零`..`九`, `两`).
pub(crate) fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    if ('０'..='９').contains(&c) {
        return Some(c as u32 - '０' as u32);
    }
    match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// The value of a small Chinese number (`十二`, `二十一`, `九`); `None` beyond 99.
fn cn_small_value(s: &[char]) -> Option<u32> {
    match s {
        ['十'] => Some(10),
        [d] => digit_value(*d),
        ['十', d] => Some(10 + digit_value(*d)?),
        [d, '十'] => Some(digit_value(*d)? * 10),
        [d, '十', e] => Some(digit_value(*d)? * 10 + digit_value(*e)?),
        _ => None,
    }
}

/// Words before a numeral that make it an ordinal or a determiner, not a count.
fn blocks_number(c: char) -> bool {
    matches!(
        c,
        '第' | '这' | '那' | '每' | '哪' | '某' | '同' | '唯' | '统' | '之' | '逐' | '单'
    )
}

/// Whether a Chinese numeral may start at `i`: at a token start, in a numeral-like token.
fn cn_start_ok(doc: &Doc, i: usize) -> bool {
    if !doc.tok_start(i) {
        return false;
    }
    match doc.token_at(i) {
        Some(t) => matches!(t.pos.as_str(), "m" | "mq" | "q" | "t" | "x"),
        None => true,
    }
}

/// Scan the core of a number (digits, or Chinese numerals) at `i`.
fn core(doc: &Doc, i: usize) -> Option<(usize, bool)> {
    let c = doc.at(i)?;
    if is_digit(c) {
        if i > 0 {
            let p = doc.chars[i - 1];
            if is_digit(p)
                || p.is_ascii_alphabetic()
                || p == '.'
                || p == '-' && i >= 2 && doc.chars[i - 2].is_ascii_alphabetic()
            {
                return None;
            }
        }
        let mut j = i;
        while doc.at(j).is_some_and(is_digit) {
            j += 1;
        }
        while matches!(doc.at(j), Some('.' | ',' | '．')) && doc.at(j + 1).is_some_and(is_digit) {
            j += 1;
            while doc.at(j).is_some_and(is_digit) {
                j += 1;
            }
        }
        return Some((j, true));
    }
    if (is_cn_digit(c) || c == '十') && cn_start_ok(doc, i) {
        let mut j = i;
        while doc
            .at(j)
            .is_some_and(|c| is_cn_digit(c) || matches!(c, '十' | '百' | '千'))
        {
            j += 1;
        }
        return Some((j, false));
    }
    None
}

/// Scan a number at `i`.
pub(crate) fn scan(doc: &Doc, i: usize) -> Option<Num> {
    if doc.prev_char(i).is_some_and(blocks_number) {
        return None;
    }
    let (core_end, arabic) = core(doc, i)?;
    let core_chars = &doc.chars[i..core_end];
    let plain_value = if arabic {
        core_chars.iter().try_fold(0u32, |acc, &c| {
            acc.checked_mul(10)?.checked_add(digit_value(c)?)
        })
    } else if core_chars.iter().all(|&c| is_cn_digit(c)) && core_chars.len() == 4 {
        core_chars
            .iter()
            .try_fold(0u32, |acc, &c| Some(acc * 10 + digit_value(c)?))
    } else {
        cn_small_value(core_chars)
    };
    let year_like = core_chars.len() == 4
        && core_chars.iter().all(|&c| is_digit(c) || is_cn_digit(c))
        && plain_value.is_some_and(|v| (1000..=2999).contains(&v));
    let mut j = core_end;
    let mut extended = false;
    // multipliers (after optional spaces) and approximations: `900 万`, `一千多亿`, `30多`
    for _ in 0..3 {
        let k = doc.skip_space(j);
        if doc.at(k).is_some_and(is_multiplier) {
            j = k;
            while doc.at(j).is_some_and(is_multiplier) {
                j += 1;
            }
            extended = true;
        } else if matches!(doc.at(j), Some('多' | '余')) {
            j += 1;
            extended = true;
        } else {
            break;
        }
    }
    // ranges: `两到三`, `10-20`, `10～20`
    if let Some(conn) = doc.at(j)
        && matches!(conn, '到' | '至' | '-' | '~' | '～' | '—')
        && let Some(second) = core(doc, j + 1).filter(|&(_, a)| a == arabic)
    {
        j = second.0;
        extended = true;
        while doc.at(j).is_some_and(is_multiplier) {
            j += 1;
        }
    }
    Some(Num {
        start: i,
        end: j,
        value: if extended { None } else { plain_value },
        year_like: year_like && !extended,
        bare_one: !arabic && !extended && core_chars == ['一'],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn num(text: &str, at: usize) -> Option<(String, Option<u32>, bool)> {
        let toks = Segmenter::new().segment(text);
        let doc = Doc::new(text, &toks);
        scan(&doc, at).map(|n| (doc.slice(n.start, n.end), n.value, n.year_like))
    }

    #[test]
    fn numbers() {
        assert_eq!(num("卖出1.15亿台", 2), Some(("1.15亿".into(), None, false)));
        assert_eq!(
            num("交了 900 万美元", 3),
            Some(("900 万".into(), None, false))
        );
        assert_eq!(
            num("在 2019 年", 2),
            Some(("2019".into(), Some(2019), true))
        );
        assert_eq!(
            num("二〇二三年", 0),
            Some(("二〇二三".into(), Some(2023), true))
        );
        assert_eq!(num("翻了 30 万倍", 3), Some(("30 万".into(), None, false)));
        assert_eq!(num("烧一千多亿", 1), Some(("一千多亿".into(), None, false)));
        assert_eq!(num("十二月", 0), Some(("十二".into(), Some(12), false)));
    }

    #[test]
    fn not_numbers() {
        assert_eq!(num("GPT-3 模型", 4), None);
        assert_eq!(num("A100 显卡", 1), None);
        assert_eq!(num("百度公司", 0), None);
        assert_eq!(num("第 3 次", 2), None);
    }
}
