//! DATE and TIME rules: `2019 年`, `2023年2月19日`, `2015年夏天`, `90 年代`, `去年`,
//! `星期三`, `22:11`, `下午三点`, `3点半`. Spaces are allowed between numbers and words.

use super::doc::Doc;
use super::lexicon::{LEXICON, starts_with};
use super::number::{self, Num, is_digit};

/// The end of a date that starts with the number `n`, if the number starts one.
pub(crate) fn date_from_number(doc: &Doc, n: &Num) -> Option<usize> {
    let k = doc.skip_space(n.end);
    if n.year_like && doc.at(k) == Some('年') {
        let j = k + 1;
        if doc.at(j) == Some('代') {
            return Some(j + 1);
        }
        if let Some(end) = month_day(doc, doc.skip_space(j)) {
            return Some(end);
        }
        let part = LEXICON
            .longest_prefix("year_part", &doc.chars, j)
            .unwrap_or(0);
        return Some(j + part);
    }
    let v = n.value?;
    if (1..=12).contains(&v) && doc.at(k) == Some('月') {
        return month_day(doc, n.start);
    }
    if (1..=31).contains(&v) && doc.at(k) == Some('日') {
        return Some(k + 1);
    }
    if starts_with(&doc.chars, k, "世纪") && (1..=30).contains(&v) {
        return Some(k + 2);
    }
    if starts_with(&doc.chars, k, "年代") && v % 10 == 0 && v <= 90 {
        return Some(k + 2);
    }
    None
}

/// `5 月`, `2月19日`, `12 月初` at `i`: the end, if a month starts there.
fn month_day(doc: &Doc, i: usize) -> Option<usize> {
    let m = number::scan(doc, i)?;
    if !m.value.is_some_and(|v| (1..=12).contains(&v)) {
        return None;
    }
    let k = doc.skip_space(m.end);
    if doc.at(k) != Some('月') {
        return None;
    }
    let mut j = k + 1;
    if doc.at(j) == Some('份') {
        j += 1;
    }
    if let Some(d) = number::scan(doc, doc.skip_space(j))
        && d.value.is_some_and(|v| (1..=31).contains(&v))
    {
        let e = doc.skip_space(d.end);
        if matches!(doc.at(e), Some('日' | '号')) {
            return Some(e + 1);
        }
    }
    let part = LEXICON
        .longest_prefix("month_part", &doc.chars, j)
        .unwrap_or(0);
    Some(j + part)
}

/// `2023-02-19`, `2023/2/19`, `2023.2.19` at `i`: the end.
pub(crate) fn iso_date(doc: &Doc, i: usize) -> Option<usize> {
    if i > 0 && doc.chars[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let digits = |from: usize| {
        let mut j = from;
        while doc.at(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        j
    };
    let y = digits(i);
    if y - i != 4 {
        return None;
    }
    let sep = doc.at(y).filter(|c| matches!(c, '-' | '/' | '.'))?;
    let m = digits(y + 1);
    if !(1..=2).contains(&(m - y - 1)) || doc.at(m) != Some(sep) {
        return None;
    }
    let d = digits(m + 1);
    if !(1..=2).contains(&(d - m - 1)) || doc.at(d).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let month: u32 = doc.slice(y + 1, m).parse().ok()?;
    let day: u32 = doc.slice(m + 1, d).parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(d)
}

/// A time of day at `i`: the end.
pub(crate) fn time_at(doc: &Doc, i: usize) -> Option<usize> {
    let prefix = LEXICON.longest_prefix("time_of_day", &doc.chars, i);
    let k = match prefix {
        Some(len) => doc.skip_space(i + len),
        None => i,
    };
    if let Some(end) = clock(doc, k) {
        return Some(end);
    }
    let n = number::scan(doc, k)?;
    if n.value.is_none_or(|v| v > 24) {
        return None;
    }
    let h = doc.skip_space(n.end);
    if !matches!(doc.at(h), Some('点' | '时')) {
        return None;
    }
    let mut j = h + 1;
    let mut minutes = false;
    if matches!(doc.at(j), Some('半' | '整' | '钟')) {
        j += 1;
        minutes = true;
    } else if starts_with(&doc.chars, j, "一刻") || starts_with(&doc.chars, j, "三刻") {
        j += 2;
        minutes = true;
    } else if let Some(m) = number::scan(doc, doc.skip_space(j))
        && m.value.is_some_and(|v| v < 60)
    {
        let e = doc.skip_space(m.end);
        if doc.at(e) == Some('分') {
            j = e + 1;
            minutes = true;
        }
    }
    (prefix.is_some() || minutes).then_some(j)
}

/// `22:11`, `9:05:30` at `i`: the end.
fn clock(doc: &Doc, i: usize) -> Option<usize> {
    if i > 0 && (is_digit(doc.chars[i - 1]) || doc.chars[i - 1] == ':') {
        return None;
    }
    let two = |from: usize, max: u32| -> Option<usize> {
        let mut j = from;
        while j < from + 2 && doc.at(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        let v: u32 = doc.slice(from, j).parse().ok()?;
        (j > from && v <= max).then_some(j)
    };
    let h = two(i, 24)?;
    if !matches!(doc.at(h), Some(':' | '：')) {
        return None;
    }
    let m = two(h + 1, 59)?;
    if m - h - 1 != 2 {
        return None;
    }
    let mut end = m;
    if matches!(doc.at(m), Some(':' | '：'))
        && let Some(s) = two(m + 1, 59)
        && s - m - 1 == 2
    {
        end = s;
    }
    (!doc.at(end).is_some_and(|c| c.is_ascii_digit())).then_some(end)
}

/// A relative date (`去年`, `明天`) or a weekday (`星期三`, `周五`) at `i`: the end.
pub(crate) fn relative_date(doc: &Doc, i: usize) -> Option<usize> {
    if let Some(len) = LEXICON.longest_prefix("relative_date", &doc.chars, i)
        && doc.tok_start(i)
    {
        let mut end = i + len;
        if let Some(part) = LEXICON.longest_prefix("year_part", &doc.chars, end)
            && matches!(doc.at(end - 1), Some('年'))
        {
            end += part;
        }
        return Some(end);
    }
    for head in ["星期", "礼拜", "周"] {
        if starts_with(&doc.chars, i, head) {
            let d = i + head.chars().count();
            let ok = match doc.at(d) {
                Some('一' | '二' | '三' | '四' | '五' | '六' | '日') => true,
                Some('天') => head != "周",
                _ => false,
            };
            if ok && doc.aligned(i, d + 1) {
                return Some(d + 1);
            }
        }
    }
    None
}
