//! The number-based rules in one left-to-right scan: DATE and TIME (see `temporal`),
//! MONEY (`10 亿美元`, `$5`), PERCENT (`30%`, `百分之五`) and QUANTITY (a number with a
//! measure word or unit: `1.15亿台`, `3 次`, `27 岁`). A number alone is no entity.

use super::EntityType;
use super::candidate::{Candidate, Evidence};
use super::doc::{Doc, dict};
use super::lexicon::{LEXICON, starts_with};
use super::number::{self, Num};
use super::temporal;

/// All number-based candidates of the document.
pub(crate) fn find(doc: &Doc) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        match at(doc, i) {
            Some((end, kind)) if end > i => {
                out.push(Candidate::new(
                    i,
                    end,
                    kind,
                    &doc.slice(i, end),
                    Evidence::Rule,
                ));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

fn at(doc: &Doc, i: usize) -> Option<(usize, EntityType)> {
    if let Some(end) = temporal::time_at(doc, i) {
        return Some((end, EntityType::Time));
    }
    if let Some(end) = temporal::relative_date(doc, i) {
        return Some((end, EntityType::Date));
    }
    if let Some(end) = percent_words(doc, i) {
        return Some((end, EntityType::Percent));
    }
    if let Some(end) = symbol_money(doc, i) {
        return Some((end, EntityType::Money));
    }
    if let Some(end) = temporal::iso_date(doc, i) {
        return Some((end, EntityType::Date));
    }
    let n = number::scan(doc, i)?;
    if let Some(end) = temporal::date_from_number(doc, &n) {
        return Some((end, EntityType::Date));
    }
    amount(doc, &n)
}

/// What follows a number: `%`, a currency, a unit or a measure word.
fn amount(doc: &Doc, n: &Num) -> Option<(usize, EntityType)> {
    let k = doc.skip_space(n.end);
    if matches!(doc.at(k), Some('%' | '％')) {
        return Some((k + 1, EntityType::Percent));
    }
    if let Some(len) = LEXICON.longest_prefix("currency", &doc.chars, k) {
        return Some((k + len, EntityType::Money));
    }
    if let Some(len) = LEXICON.longest_prefix("unit", &doc.chars, k)
        && unit_ends_word(doc, k, len)
    {
        return Some((k + len, EntityType::Quantity));
    }
    if n.bare_one {
        return None;
    }
    let len = LEXICON.longest_prefix("measure", &doc.chars, k)?;
    unit_ends_word(doc, k, len).then_some((k + len, EntityType::Quantity))
}

/// Whether the unit at `[k, k+len)` is a word of its own: a Latin unit is not followed by a
/// letter, and a one-char unit does not start a common word (`部分`, `人民`, `台湾`).
fn unit_ends_word(doc: &Doc, k: usize, len: usize) -> bool {
    let after = doc.at(k + len);
    if doc.chars[k].is_ascii_alphabetic() {
        return !after.is_some_and(|c| c.is_ascii_alphanumeric());
    }
    if len == 1
        && let Some(next) = after
    {
        let word: String = [doc.chars[k], next].iter().collect();
        let (freq, pos) = dict(&word);
        if freq >= 500 && word != "个人" && !matches!(pos, Some("m" | "q" | "mq" | "t")) {
            return false;
        }
    }
    true
}

/// `百分之五`, `百分之 30`, `千分之三` at `i`.
fn percent_words(doc: &Doc, i: usize) -> Option<usize> {
    let head = ["百分之", "千分之", "万分之"]
        .into_iter()
        .find(|h| starts_with(&doc.chars, i, h))?;
    let k = doc.skip_space(i + head.chars().count());
    let c = doc.at(k)?;
    if !(number::is_digit(c) || number::is_cn_digit(c) || c == '十' || c == '百') {
        return None;
    }
    let mut j = k;
    while doc.at(j).is_some_and(|c| {
        number::is_digit(c) || number::is_cn_digit(c) || matches!(c, '十' | '百' | '点' | '.')
    }) {
        j += 1;
    }
    Some(j)
}

/// `$5`, `￥100万`, `US$ 3 亿` at `i`.
fn symbol_money(doc: &Doc, i: usize) -> Option<usize> {
    let len = if starts_with(&doc.chars, i, "US$") {
        3
    } else if matches!(doc.at(i), Some('$' | '￥' | '¥' | '€' | '£')) {
        1
    } else {
        return None;
    };
    let n = number::scan(doc, doc.skip_space(i + len))?;
    let mut end = n.end;
    let k = doc.skip_space(end);
    if let Some(clen) = LEXICON.longest_prefix("currency", &doc.chars, k) {
        end = k + clen;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn found(text: &str) -> Vec<(String, EntityType)> {
        let toks = Segmenter::new().segment(text);
        let doc = Doc::new(text, &toks);
        find(&doc)
            .into_iter()
            .map(|c| (doc.slice(c.start, c.end), c.kind))
            .collect()
    }

    #[test]
    fn rule_table() {
        use EntityType::*;
        let cases: &[(&str, &str, EntityType)] = &[
            ("会议于 2019 年召开", "2019 年", Date),
            ("2023年2月19日 发布", "2023年2月19日", Date),
            ("2015年夏天，他来了", "2015年夏天", Date),
            ("2016 年 5 月，他去了", "2016 年 5 月", Date),
            ("他在 2018 年初辞职", "2018 年初", Date),
            ("去年，公司亏损", "去年", Date),
            ("上世纪 90 年代", "90 年代", Date),
            ("发布于 2024-03-05。", "2024-03-05", Date),
            ("时间是 22:11", "22:11", Time),
            ("他下午三点到", "下午三点", Time),
            ("会议 9点半开始", "9点半", Time),
            ("出资 10 亿美元", "10 亿美元", Money),
            ("融资100万元", "100万元", Money),
            ("烧掉 3 亿人民币", "3 亿人民币", Money),
            ("成本高达1千万美元", "1千万美元", Money),
            ("售价 $999", "$999", Money),
            ("增长了 30%", "30%", Percent),
            ("占百分之五", "百分之五", Percent),
            ("卖出了1.15亿台设备", "1.15亿台", Quantity),
            ("结过 3 次婚", "3 次", Quantity),
            ("生过 10 个孩子", "10 个", Quantity),
            ("九名研究员", "九名", Quantity),
            ("翻了 30 万倍", "30 万倍", Quantity),
            ("过去30年", "30年", Quantity),
            ("持续 15 个月", "15 个月", Quantity),
            ("他 27 岁", "27 岁", Quantity),
            ("重 5 公斤", "5 公斤", Quantity),
            ("存储 512GB", "512GB", Quantity),
        ];
        for (text, want, kind) in cases {
            let got = found(text);
            assert!(
                got.iter().any(|(t, k)| t == want && k == kind),
                "{text}: want {want} {kind:?}, got {got:?}"
            );
        }
    }

    #[test]
    fn non_entities() {
        for text in [
            "一个问题",
            "这是一家公司",
            "月活突破了 1 亿。",
            "用了 A100 显卡",
            "GPT-3 模型",
            "百度公司",
            "好事[3]。",
            "第 3 次会议",
            "大部分人",
            "5G 网络",
        ] {
            let got = found(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }
}
