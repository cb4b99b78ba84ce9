//! Normalised values of number-based entities: `10亿美元` → 1000000000 USD, `2015年夏天` →
//! year 2015, summer, `1.15亿台` → 115000000 台, `百分之五` → 5 %, `下午3点半` → 15:30.
//!
//! The value is read from the entity's text alone, after the rules in `numeric` and
//! `temporal` have found it; a text the reader does not understand gets no value.

use serde::{Deserialize, Serialize, Serializer};

use super::EntityType;
use super::number::{digit_value, is_digit, is_multiplier};

/// The normalised value of a DATE, TIME, MONEY, PERCENT or QUANTITY entity. Only the members
/// that apply are present.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// The number (MONEY, QUANTITY; the percentage for PERCENT), multipliers applied; the
    /// lower end of a range. Written as an integer when it is one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub amount: Option<f64>,
    /// The upper end of a range (`10-20万`, `两到三天`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub amount_max: Option<f64>,
    /// MONEY: the ISO 4217 code when the currency is known (`USD`, `CNY`), else its name as
    /// written; QUANTITY: the unit or measure word as written (`台`, `公里`); PERCENT: `%`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Whether the number is approximate (`多`, `余`, `约`, `左右`, `近`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// DATE: the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// DATE: the month (1-12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    /// DATE: the day of the month (1-31).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// DATE: `spring`, `summer`, `autumn` or `winter`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<String>,
    /// TIME: the hour on a 24-hour clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hour: Option<u32>,
    /// TIME: the minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute: Option<u32>,
}

/// Write a whole number without a fraction (`1000000000`, not `1000000000.0`).
fn number<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *x {
        Some(v) if v.fract() == 0.0 && v.abs() < 9e15 => s.serialize_i64(v as i64),
        Some(v) => s.serialize_f64(v),
        None => s.serialize_none(),
    }
}

/// The value of an entity of type `kind` with text `text`, if it has one that can be read.
pub fn normalise(kind: EntityType, text: &str) -> Option<Value> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let v = match kind {
        EntityType::Money => money(&chars),
        EntityType::Percent => percent(&chars),
        EntityType::Quantity => quantity(&chars),
        EntityType::Date => date(&chars),
        EntityType::Time => time(&chars),
        _ => None,
    }?;
    (v != Value::default()).then_some(v)
}

/// Currencies by name or sign, longest first where one starts another.
const CURRENCIES: [(&str, &str); 24] = [
    ("新台币", "TWD"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("英镑", "GBP"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("韩元", "KRW"),
    ("卢布", "RUB"),
    ("台币", "TWD"),
    ("澳元", "AUD"),
    ("加元", "CAD"),
    ("块钱", "CNY"),
    ("元", "CNY"),
    ("块", "CNY"),
    ("HK$", "HKD"),
    ("US$", "USD"),
    ("$", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
];

fn money(s: &[char]) -> Option<Value> {
    let text: String = s.iter().collect();
    let (code, sign_len) = CURRENCIES
        .iter()
        .find(|(name, _)| text.starts_with(name))
        .map(|(name, code)| (Some(*code), name.chars().count()))
        .unwrap_or((None, 0));
    let mut v = Value::default();
    let end = amount_into(&s[sign_len..], &mut v)? + sign_len;
    let rest: String = s[end..].iter().collect();
    let code = code.or_else(|| {
        CURRENCIES
            .iter()
            .find(|(name, _)| rest.starts_with(name))
            .map(|(_, c)| *c)
    });
    let rest = rest.trim_end_matches(['左', '右']);
    v.unit = code
        .map(str::to_owned)
        .or_else(|| (!rest.is_empty()).then(|| rest.to_owned()));
    Some(v)
}

fn percent(s: &[char]) -> Option<Value> {
    let mut v = Value::default();
    let prefix = ['百', '分', '之'];
    if s.starts_with(&prefix) {
        amount_into(&s[3..], &mut v)?;
    } else {
        let end = amount_into(s, &mut v)?;
        if !matches!(s.get(end), Some('%' | '％')) {
            return None;
        }
    }
    v.unit = Some("%".to_owned());
    Some(v)
}

fn quantity(s: &[char]) -> Option<Value> {
    let mut v = Value::default();
    let end = amount_into(s, &mut v)?;
    let unit: String = s[end..].iter().collect();
    let unit = unit.trim_end_matches(['左', '右']);
    v.unit = (!unit.is_empty()).then(|| unit.to_owned());
    Some(v)
}

/// Read an amount (a number, or a range of two) at the start of `s` into `v`, with marks of
/// approximation; returns where it ends.
fn amount_into(s: &[char], v: &mut Value) -> Option<usize> {
    let mut i = 0;
    if matches!(s.first(), Some('约' | '近')) {
        v.approximate = true;
        i = 1;
    }
    let (a, mut end) = parse_number(s, i)?;
    v.amount = Some(a);
    if let Some(&c) = s.get(end)
        && matches!(c, '-' | '－' | '~' | '～' | '—' | '到' | '至')
        && let Some((b, e)) = parse_number(s, end + 1)
    {
        // `10-20万`: the multiplier after the second number applies to both
        let (a, b) = scale_range(s, i, end, (end + 1, e), a, b);
        v.amount = Some(a);
        v.amount_max = Some(b);
        end = e;
    }
    while let Some(&c) = s.get(end) {
        if matches!(c, '多' | '余' | '几') {
            v.approximate = true;
            end += 1;
            // `一千多亿`: a multiplier after the mark still applies
            while let Some(m) = s.get(end).and_then(|&c| multiplier(c)) {
                v.amount = v.amount.map(|a| a * m);
                end += 1;
            }
        } else {
            break;
        }
    }
    if s[end..].ends_with(&['左', '右']) {
        v.approximate = true;
    }
    Some(end)
}

/// `a` and `b` of a range whose first number is `s[i..a_end]` and second `s[b_start..b_end]`:
/// when only the second carries a multiplier (`10-20万`), the first takes it too (for Chinese
/// numerals only `万` and `亿`: `两到二十` is 2 to 20).
fn scale_range(
    s: &[char],
    i: usize,
    a_end: usize,
    (b_start, b_end): (usize, usize),
    a: f64,
    b: f64,
) -> (f64, f64) {
    if s[i..a_end].iter().any(|&c| multiplier(c).is_some()) {
        return (a, b);
    }
    let arabic = s[b_start..b_end].iter().any(|&c| is_digit(c));
    let mut m = 1.0;
    for &c in s[b_start..b_end].iter().rev() {
        match multiplier(c) {
            Some(x) if arabic || x >= 1e4 => m *= x,
            _ => break,
        }
    }
    (a * m, b)
}

fn multiplier(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1e3,
        '万' => 1e4,
        '亿' => 1e8,
        _ => return None,
    })
}

/// A number at `s[i..]`: Arabic (`1,200`, `1.15`, `１２`) with multipliers after it
/// (`1.15亿`, `900万`), or Chinese (`一千二百`, `三点五`, `二〇一九`, `十二万`). Returns the
/// value and where it ends.
fn parse_number(s: &[char], i: usize) -> Option<(f64, usize)> {
    parse_number_with(s, i, true)
}

/// [`parse_number`]; `点` is a decimal point only when `point_decimal` (not in `八点二十`).
fn parse_number_with(s: &[char], i: usize, point_decimal: bool) -> Option<(f64, usize)> {
    let first = *s.get(i)?;
    if is_digit(first) {
        let mut j = i;
        let mut text = String::new();
        while let Some(&c) = s.get(j) {
            if is_digit(c) {
                text.push(char::from_digit(digit_value(c)?, 10)?);
            } else if matches!(c, ',' | '，') && s.get(j + 1).copied().is_some_and(is_digit) {
                // a thousands separator
            } else if matches!(c, '.' | '．') && s.get(j + 1).copied().is_some_and(is_digit) {
                text.push('.');
            } else {
                break;
            }
            j += 1;
        }
        // multipliers as a power of ten, so that `1.15亿` is 115000000 exactly
        let mut exp = 0;
        while let Some(m) = s.get(j).and_then(|&c| multiplier(c)) {
            exp += m.log10().round() as i32;
            j += 1;
        }
        return Some((format!("{text}e{exp}").parse().ok()?, j));
    }
    if digit_value(first).is_none() && !is_multiplier(first) {
        return None;
    }
    // Chinese numerals: digit by digit when there is no multiplier (`二〇一九`)
    let mut j = i;
    while s
        .get(j)
        .is_some_and(|&c| digit_value(c).is_some() || is_multiplier(c))
    {
        j += 1;
    }
    let run = &s[i..j];
    let mut v = if run.iter().any(|&c| is_multiplier(c)) {
        chinese_value(run)?
    } else {
        run.iter().try_fold(0f64, |acc, &c| {
            Some(acc * 10.0 + f64::from(digit_value(c)?))
        })?
    };
    // a decimal part: 三点五
    if point_decimal
        && s.get(j) == Some(&'点')
        && s.get(j + 1).and_then(|&c| digit_value(c)).is_some()
    {
        let mut text = format!("{v}.");
        let mut k = j + 1;
        while let Some(d) = s.get(k).and_then(|&c| digit_value(c)) {
            text.push(char::from_digit(d, 10)?);
            k += 1;
        }
        j = k;
        let mut exp = 0;
        while let Some(m) = s.get(j).and_then(|&c| multiplier(c)) {
            exp += m.log10().round() as i32;
            j += 1;
        }
        v = format!("{text}e{exp}").parse().ok()?;
    }
    Some((v, j))
}

/// The value of Chinese numerals with multipliers: `一千二百三十四`, `十二万`, `三亿五千万`.
fn chinese_value(run: &[char]) -> Option<f64> {
    let (mut total, mut section, mut num) = (0f64, 0f64, 0f64);
    for &c in run {
        if let Some(d) = digit_value(c) {
            num = f64::from(d);
            continue;
        }
        let m = multiplier(c)?;
        if m >= 1e4 {
            section = (section + num) * m;
            total += section;
            section = 0.0;
        } else {
            section += if num == 0.0 { 1.0 } else { num } * m;
        }
        num = 0.0;
    }
    Some(total + section + num)
}

const SEASONS: [(char, &str); 4] = [
    ('春', "spring"),
    ('夏', "summer"),
    ('秋', "autumn"),
    ('冬', "winter"),
];

fn date(s: &[char]) -> Option<Value> {
    let mut v = Value::default();
    let mut i = 0;
    while i < s.len() {
        let Some((n, end)) = parse_number(s, i) else {
            if let Some((_, name)) = SEASONS.iter().find(|(c, _)| *c == s[i])
                && matches!(s.get(i + 1), Some('天' | '季'))
            {
                v.season = Some((*name).to_owned());
            }
            i += 1;
            continue;
        };
        let n = n as i64;
        match s.get(end) {
            Some('年') if end - i >= 2 => v.year = i32::try_from(n).ok(),
            Some('月') if (1..=12).contains(&n) => v.month = Some(n as u32),
            Some('日' | '号') if (1..=31).contains(&n) => v.day = Some(n as u32),
            Some('-' | '/' | '.') if end - i == 4 => {
                // 2023-05-12, 2023/5/12, 2023.5.12
                v.year = i32::try_from(n).ok();
                let (m, e) = parse_number(s, end + 1)?;
                v.month = Some(m as u32);
                if matches!(s.get(e), Some('-' | '/' | '.'))
                    && let Some((d, e2)) = parse_number(s, e + 1)
                {
                    v.day = Some(d as u32);
                    i = e2;
                    continue;
                }
                i = e;
                continue;
            }
            _ => {}
        }
        i = end.max(i + 1);
    }
    Some(v)
}

fn time(s: &[char]) -> Option<Value> {
    let text: String = s.iter().collect();
    let pm = ["下午", "晚上", "傍晚", "午后", "夜里", "晚"]
        .iter()
        .any(|p| text.starts_with(p));
    let noon = text.starts_with("中午");
    let start = s.iter().position(|&c| digit_value(c).is_some())?;
    let (h, end) = parse_number_with(s, start, false)?;
    let mut hour = h as u32;
    let mut minute = 0;
    match s.get(end) {
        Some(':' | '：') => minute = parse_number(s, end + 1)?.0 as u32,
        Some('点' | '时') => match s.get(end + 1) {
            Some('半') => minute = 30,
            Some('一') if s.get(end + 2) == Some(&'刻') => minute = 15,
            Some('三') if s.get(end + 2) == Some(&'刻') => minute = 45,
            _ => {
                if let Some((m, e)) = parse_number_with(s, end + 1, false)
                    && s.get(e).is_none_or(|&c| c == '分')
                {
                    minute = m as u32;
                }
            }
        },
        _ => return None,
    }
    if (pm && hour < 12) || (noon && hour < 3) {
        hour += 12;
    }
    (hour < 24 && minute < 60).then(|| Value {
        hour: Some(hour),
        minute: Some(minute),
        ..Value::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(kind: EntityType, text: &str) -> String {
        serde_json::to_string(&normalise(kind, text)).unwrap()
    }

    #[test]
    fn table_of_cases() {
        use EntityType::*;
        let cases: &[(EntityType, &str, &str)] = &[
            (Money, "10亿美元", r#"{"amount":1000000000,"unit":"USD"}"#),
            (Money, "10 亿美元", r#"{"amount":1000000000,"unit":"USD"}"#),
            (Money, "$5", r#"{"amount":5,"unit":"USD"}"#),
            (Money, "1,200元", r#"{"amount":1200,"unit":"CNY"}"#),
            (
                Money,
                "一千多亿元",
                r#"{"amount":100000000000,"unit":"CNY","approximate":true}"#,
            ),
            (Money, "3.5万欧元", r#"{"amount":35000,"unit":"EUR"}"#),
            (
                Money,
                "10-20万元",
                r#"{"amount":100000,"amount_max":200000,"unit":"CNY"}"#,
            ),
            (Quantity, "1.15亿台", r#"{"amount":115000000,"unit":"台"}"#),
            (Quantity, "3 次", r#"{"amount":3,"unit":"次"}"#),
            (
                Quantity,
                "两到三天",
                r#"{"amount":2,"amount_max":3,"unit":"天"}"#,
            ),
            (Quantity, "１２００公里", r#"{"amount":1200,"unit":"公里"}"#),
            (
                Quantity,
                "三亿五千万人",
                r#"{"amount":350000000,"unit":"人"}"#,
            ),
            (Percent, "30%", r#"{"amount":30,"unit":"%"}"#),
            (Percent, "百分之五", r#"{"amount":5,"unit":"%"}"#),
            (Percent, "百分之三十五点五", r#"{"amount":35.5,"unit":"%"}"#),
            (Quantity, "三点五万吨", r#"{"amount":35000,"unit":"吨"}"#),
            (Date, "2015年夏天", r#"{"year":2015,"season":"summer"}"#),
            (Date, "2019年3月12日", r#"{"year":2019,"month":3,"day":12}"#),
            (Date, "二〇一九年十月", r#"{"year":2019,"month":10}"#),
            (Date, "2023-05-12", r#"{"year":2023,"month":5,"day":12}"#),
            (Date, "5月4日", r#"{"month":5,"day":4}"#),
            (Time, "下午3点半", r#"{"hour":15,"minute":30}"#),
            (Time, "9:45", r#"{"hour":9,"minute":45}"#),
            (Time, "晚上八点二十分", r#"{"hour":20,"minute":20}"#),
            (Date, "今天", "null"),
            (Per, "马斯克", "null"),
        ];
        for (kind, text, want) in cases {
            assert_eq!(v(*kind, text), *want, "{kind:?} {text}");
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(
            chinese_value(&"一千二百三十四".chars().collect::<Vec<_>>()),
            Some(1234.0)
        );
        assert_eq!(
            chinese_value(&"十二".chars().collect::<Vec<_>>()),
            Some(12.0)
        );
        assert_eq!(
            chinese_value(&"十二万".chars().collect::<Vec<_>>()),
            Some(120000.0)
        );
    }
}
