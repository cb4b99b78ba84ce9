//! A word-unigram language model over jieba's dictionary, used to judge which of several
//! readings of a text reads best.
//!
//! The score of a string is the log-probability of its best segmentation into dictionary
//! words (jieba's own route model): `Σ ln(freq(w) / total)`. Characters that are not in
//! the dictionary get a cost by class: ordinary punctuation and ASCII are cheap, unknown
//! Han characters dear, and characters that clean Chinese text hardly uses (private-use
//! code points, U+FFFD, C1 controls, Latin-1 letters, Greek, box drawing, …) dearer still.

use std::sync::LazyLock;

use crate::resources::{DICTIONARY, Dictionary};
use crate::segment::merge::is_han;

/// Cost (natural log-probability) of a Han character absent from the dictionary.
const UNKNOWN_HAN: f64 = -20.0;
/// Cost of a character that clean Chinese text hardly uses.
const ODD: f64 = -24.0;
/// Cost of one ASCII character (letters, digits, spaces).
const ASCII: f64 = -4.0;
/// Cost of a symbol that text of today writes now and then (`→`, `✓`, `🦀`).
const SYMBOL: f64 = -10.0;
/// Cost of other characters (symbols, letters of other scripts in moderation).
const OTHER: f64 = -14.0;
/// Longest dictionary word tried, in chars.
const MAX_WORD: usize = 8;

/// Words jieba's dictionary lacks, with counts on its scale (`data/repair/extra_words.txt`,
/// from the `wordfreq` word list, built by `scripts/build_extra_words.py`): words of today
/// (`微信`) and common pairs (`过好`, `灯下`) that make lost chars easier to infer.
const EXTRA_WORDS: &str = include_str!("../../data/repair/extra_words.txt");

/// [`EXTRA_WORDS`], parsed once per process, and the sum of their counts.
static EXTRA: LazyLock<(rustc_hash::FxHashMap<&'static str, u32>, u64)> = LazyLock::new(|| {
    let mut words = rustc_hash::FxHashMap::default();
    let mut total = 0u64;
    for line in EXTRA_WORDS.lines().filter(|l| !l.starts_with('#')) {
        if let Some((w, n)) = line.split_once(' ')
            && let Ok(n) = n.parse::<u32>()
            && DICTIONARY.freq(w) == 0
        {
            words.insert(w, n);
            total += u64::from(n);
        }
    }
    (words, total)
});

/// The language model. Cheap to copy; the dictionary is shared.
#[derive(Debug, Clone, Copy)]
pub struct LanguageModel {
    dict: &'static Dictionary,
    extra: &'static rustc_hash::FxHashMap<&'static str, u32>,
    log_total: f64,
    longest: &'static [u8],
    longest_extra: &'static [u8],
    traditional: bool,
    /// Whether a scored text written in traditional characters is read as simplified even
    /// when the model is not [`Self::traditional`].
    auto: bool,
}

/// For each BMP char, the length in chars of the longest dictionary word starting with it
/// (0: none), so that the search for words at a char tries no longer strings.
static LONGEST: LazyLock<Vec<u8>> = LazyLock::new(|| longest_from(DICTIONARY.words.keys()));

/// The same for the words of [`EXTRA`] alone: most strings tried are no word, and few can be
/// one of these.
static LONGEST_EXTRA: LazyLock<Vec<u8>> = LazyLock::new(|| longest_from(EXTRA.0.keys()));

/// For each BMP char, the length in chars of the longest of `words` starting with it.
fn longest_from<'a>(words: impl Iterator<Item = &'a &'static str>) -> Vec<u8> {
    let mut v = vec![0u8; 0x10000];
    for w in words {
        let mut cs = w.chars();
        if let Some(c) = cs.next()
            && let Some(slot) = v.get_mut(c as usize)
        {
            let n = u8::try_from(1 + cs.count()).unwrap_or(u8::MAX);
            *slot = (*slot).max(n);
        }
    }
    v
}

impl Default for LanguageModel {
    fn default() -> Self {
        Self::new()
    }
}

impl LanguageModel {
    /// The model over jieba's built-in dictionary and the words it lacks
    /// (`data/repair/extra_words.txt`).
    pub fn new() -> Self {
        let dict: &'static Dictionary = &DICTIONARY;
        let (extra, extra_total) = &*EXTRA;
        LanguageModel {
            dict,
            extra,
            log_total: ((dict.total + extra_total) as f64).ln(),
            longest: &LONGEST,
            longest_extra: &LONGEST_EXTRA,
            traditional: false,
            auto: true,
        }
    }

    /// The model for text in traditional characters: each is read as its simplified form
    /// ([`simplified`]), so that clean traditional text reads as well as simplified text.
    pub fn traditional(self) -> Self {
        LanguageModel {
            traditional: true,
            ..self
        }
    }

    /// The model that reads traditional characters as simplified only if it is
    /// [`Self::traditional`], whatever the scored text: for judging candidates in a context
    /// that may hold garbled text.
    pub fn fixed(self) -> Self {
        LanguageModel {
            auto: false,
            ..self
        }
    }

    /// Whether this model reads traditional characters as simplified.
    pub fn reads_traditional(&self) -> bool {
        self.traditional
    }

    /// Log-probability of one word, `None` if absent; jieba's dictionary is looked up only
    /// when `dict` is set, the words it lacks only when `extra` is.
    fn word(&self, w: &str, dict: bool, extra: bool) -> Option<f64> {
        let f = match if dict { self.dict.freq(w) } else { 0 } {
            0 if extra => *self.extra.get(w)?,
            0 => return None,
            f => f,
        };
        Some(f64::from(f).ln() - self.log_total)
    }

    /// Cost of a single character when no dictionary word starts with it.
    pub fn char_cost(&self, c: char) -> f64 {
        if let Some(cost) = punct_cost(c) {
            return cost;
        }
        if c.is_ascii() || ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            return ASCII;
        }
        if is_han(c) {
            return UNKNOWN_HAN;
        }
        if is_odd(c) {
            return ODD;
        }
        if is_text_symbol(c) {
            return SYMBOL;
        }
        OTHER
    }

    /// Log-probability of `text` under its best segmentation.
    pub fn score(&self, text: &str) -> f64 {
        self.best_route(text).first().map_or(0.0, |&(s, _)| s)
    }

    /// The cost of each char of `text` along its best segmentation: a word's log-probability
    /// shared evenly among its chars. Low values mark chars that do not fit their neighbours.
    pub fn char_costs(&self, text: &str) -> Vec<f64> {
        let route = self.best_route(text);
        let n = route.len().saturating_sub(1);
        let mut costs = Vec::with_capacity(n);
        let mut i = 0;
        while i < n {
            let (total, next) = route[i];
            let len = next - i;
            let word = total - route[next].0;
            costs.extend(std::iter::repeat_n(word / len as f64, len));
            i = next;
        }
        costs
    }

    /// For each char offset `i`, the best score of the text from `i` on and where the first
    /// word of that best route ends; one extra entry for the end of the text.
    fn best_route(&self, text: &str) -> Vec<(f64, usize)> {
        let folded;
        // text in traditional characters reads as its simplified form, whatever the line
        let text = if self.traditional || (self.auto && is_traditional(text.chars())) {
            folded = simplified(text);
            &*folded
        } else {
            text
        };
        let idx: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let n = idx.len() - 1;
        // best[i] = best score of text[i..]
        let mut best = vec![(0.0f64, n); n + 1];
        let chars: Vec<char> = text.chars().collect();
        for i in (0..n).rev() {
            let c = chars[i];
            let mut b = (f64::NEG_INFINITY, i + 1);
            if is_han(c) || c.is_ascii_alphanumeric() {
                let at = |t: &[u8]| t.get(c as usize).map_or(MAX_WORD, |&l| usize::from(l));
                let (longest, extra) = (at(self.longest), at(self.longest_extra));
                for len in 1..=MAX_WORD.min(longest.max(extra)).min(n - i) {
                    if let Some(lp) =
                        self.word(&text[idx[i]..idx[i + len]], len <= longest, len <= extra)
                    {
                        let s = lp + best[i + len].0;
                        if s > b.0 {
                            b = (s, i + len);
                        }
                    }
                }
            }
            if b.0 == f64::NEG_INFINITY {
                b = (self.char_cost(c) + best[i + 1].0, i + 1);
            }
            best[i] = b;
        }
        best
    }

    /// The words of `text`'s best segmentation, as char ranges `(start, end)`.
    pub fn words(&self, text: &str) -> Vec<(usize, usize)> {
        let route = self.best_route(text);
        let n = route.len().saturating_sub(1);
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            let next = route[i].1;
            out.push((i, next));
            i = next;
        }
        out
    }

    /// Mean log-probability per char of `text` (0 for empty text).
    pub fn per_char(&self, text: &str) -> f64 {
        let n = text.chars().count();
        if n == 0 {
            0.0
        } else {
            self.score(text) / n as f64
        }
    }
}

/// First code point of the table of simplified forms.
const T2S_FIRST: u32 = 0x3400;
/// One past its last.
const T2S_END: u32 = 0xA000;

/// For each char of `T2S_FIRST..T2S_END`, its simplified form (itself when it has none or
/// when the two differ in UTF-8 length), as the `fast2s` crate converts a char alone.
static T2S: LazyLock<Vec<char>> = LazyLock::new(|| {
    (T2S_FIRST..T2S_END)
        .map(|u| {
            let c = char::from_u32(u).unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            let s = fast2s::convert(c.encode_utf8(&mut buf));
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(t), None) if t.len_utf8() == c.len_utf8() => t,
                _ => c,
            }
        })
        .collect()
});

/// Chars that are simplified forms of other chars and that Big5 does not have (`说`, `们`):
/// their presence says that text is written in simplified characters.
static SIMPLIFIED_ONLY: LazyLock<Vec<bool>> = LazyLock::new(|| {
    let n = (T2S_END - T2S_FIRST) as usize;
    let mut v = vec![false; n];
    for (i, &t) in T2S.iter().enumerate() {
        let u = t as u32;
        if u != T2S_FIRST + i as u32 && (T2S_FIRST..T2S_END).contains(&u) {
            v[(u - T2S_FIRST) as usize] = true;
        }
    }
    // a char Big5 has is written in traditional text too (`了`, `后`, `里`)
    for (i, slot) in v.iter_mut().enumerate() {
        if *slot {
            let c = char::from_u32(T2S_FIRST + i as u32).unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            let (_, _, unmappable) = encoding_rs::BIG5.encode(c.encode_utf8(&mut buf));
            *slot = unmappable;
        }
    }
    v
});

/// Whether `chars` are written in traditional characters: several chars that have a
/// different simplified form, hardly any simplified-only char, and few marks of damage (GBK
/// read as Big5 looks traditional, but leaves user-defined code points, U+FFFD, Bopomofo
/// letters and modifier letters behind).
pub fn is_traditional(chars: impl IntoIterator<Item = char>) -> bool {
    let (mut trad, mut simp, mut marks) = (0usize, 0usize, 0usize);
    for c in chars {
        if matches!(c as u32, 0xE000..=0xF8FF | 0xFFFD | 0x3105..=0x312F | 0x02B0..=0x02FF) {
            marks += 1;
        }
        let u = c as u32;
        if !(T2S_FIRST..T2S_END).contains(&u) {
            continue;
        }
        let i = (u - T2S_FIRST) as usize;
        if T2S[i] != c {
            trad += 1;
        } else if SIMPLIFIED_ONLY[i] {
            simp += 1;
        }
    }
    trad >= 2 && trad >= 4 * simp && trad > 4 * marks
}

/// `text` with traditional characters written in their simplified forms, char for char and
/// byte for byte the same length (`說明` → `说明`). The dictionary is simplified Chinese.
pub fn simplified(text: &str) -> std::borrow::Cow<'_, str> {
    let map = |c: char| {
        let u = c as u32;
        if (T2S_FIRST..T2S_END).contains(&u) {
            T2S[(u - T2S_FIRST) as usize]
        } else {
            c
        }
    };
    if text.chars().all(|c| map(c) == c) {
        return text.into();
    }
    text.chars().map(map).collect::<String>().into()
}

/// Characters that clean Chinese text hardly ever contains, but mojibake often does.
pub fn is_odd(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0xE000..=0xF8FF        // private use (GBK user-defined areas decode here)
        | 0xFFFD               // replacement character
        | 0x80..=0x9F          // C1 controls
        | 0xC0..=0xFF          // Latin-1 letters (ä¸­æ–‡)
        | 0x0370..=0x03FF      // Greek
        | 0x0400..=0x04FF      // Cyrillic
        | 0x2501..=0x257F      // box drawing (but `─`, which text writes as a dash: `──`)
        | 0x0100..=0x024F      // Latin extended
        | 0x0250..=0x02AF      // IPA extensions
        | 0x02B0..=0x02FF      // modifier letters
        | 0x2460..=0x24FF      // enclosed alphanumerics
        | 0x2160..=0x217F      // Roman numerals
        | 0x3220..=0x32FF      // enclosed CJK
        | 0xA1..=0xB6 | 0xB8..=0xBF // Latin-1 symbols, but not the middle dot of names
    )
}

/// Whether `c` is a symbol that text of today writes: dashes, bullets, arrows, technical
/// and miscellaneous symbols, dingbats, emoji, and the joiner and variation selector that
/// emoji sequences use. Not the marks windows-1252 mojibake is full of and text hardly
/// uses (`‚`, `„`, `†`, `‡`, `‰`, `‹`, `›`).
pub fn is_text_symbol(c: char) -> bool {
    matches!(c as u32,
        0x2010..=0x2019 | 0x201C | 0x201D | 0x2022 | 0x2026 // dashes, quotes, bullet, …
        | 0x203B..=0x203C | 0x2047..=0x2049               // ※ ‼ ⁇ ⁈ ⁉
        | 0x200D | 0xFE0F                 // zero-width joiner, emoji presentation
        | 0x2190..=0x21FF                 // arrows
        | 0x2300..=0x23FF                 // technical (⌘, ⏰)
        | 0x2600..=0x27BF                 // miscellaneous symbols, dingbats (☺, ✓, ⚙)
        | 0x2B00..=0x2BFF                 // more arrows and shapes (⭐)
        | 0x1F000..=0x1FAFF               // emoji
    )
}

/// Cost of a common punctuation mark, by how often Chinese text uses it.
fn punct_cost(c: char) -> Option<f64> {
    Some(match c {
        '，' => -3.0,
        '。' => -3.5,
        '、' => -4.5,
        '“' | '”' => -5.0,
        '：' => -5.5,
        '（' | '）' | '《' | '》' => -6.0,
        '；' | '？' | '！' | '—' => -6.5,
        '─' => -8.0,
        '　' => -8.0,
        c if is_common_punct(c) => -7.0,
        _ => return None,
    })
}

/// Punctuation marks common in Chinese text.
pub fn is_common_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '—'
            | '…'
            | '·'
            | '～'
            | '－'
            | '　'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_reads_better_than_garbled() {
        let lm = LanguageModel::new();
        let clean = lm.per_char("投资谈判中，他很直白地对其发展路线表达了悲观");
        let garbled = lm.per_char("蹲侍概兄校\u{e0e6}\u{e367}苤卑椎囟云浞⒄孤废弑泶锪吮");
        assert!(clean > garbled + 3.0, "clean {clean} garbled {garbled}");
    }

    #[test]
    fn traditional_text_reads_as_simplified() {
        let lm = LanguageModel::new().traditional();
        assert_eq!(simplified("說明年會成功"), "说明年会成功");
        assert_eq!(lm.score("實話實說"), lm.score("实话实说"));
        assert!(lm.score("實話實說") > lm.score("龟杠龟弧"));
        assert!(is_traditional("實話實說，說明年會成功".chars()));
        assert!(!is_traditional("实话实说，说明年会成功".chars()));
        assert!(!is_traditional("投资谈判中，他很直白地".chars()));
        // a re-reading into traditional characters is judged as traditional text
        let lm = LanguageModel::new();
        assert_eq!(lm.score("實話實說"), lm.score("实话实说"));
    }

    #[test]
    fn word_beats_split() {
        let lm = LanguageModel::new();
        assert!(lm.score("认为") > lm.score("认微"));
    }

    #[test]
    fn knows_words_the_dictionary_lacks() {
        assert_eq!(DICTIONARY.freq("微信"), 0);
        let lm = LanguageModel::new();
        assert!(lm.word("微信", true, true).is_some());
        assert!(lm.score("微信") > lm.score("微言"));
        // a pair the dictionary lacks reads as one word
        assert_eq!(DICTIONARY.freq("灯下"), 0);
        assert!(lm.words("三人在灯下娓娓话").contains(&(3, 5)));
    }
}
