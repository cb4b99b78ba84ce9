//! Choosing a reading: the candidate re-decodings of a run, scored by the language model.

use super::plan::bad_clusters;
use super::readings::Lost;
use super::*;

impl Repairer {
    /// Whether a run does not read as Chinese. A single char is never suspect (mojibake of
    /// Chinese spans at least two), nor is a word of one alphabet (`Спасибо`, `Ελλάδα`).
    pub(super) fn suspect(&self, run: &str) -> bool {
        if run.chars().nth(1).is_none() || script::is_alphabetic_word(run) {
            return false;
        }
        let chars: Vec<char> = run.chars().collect();
        if chars.iter().any(|&c| gate::odd(c)) || gate::gbk_utf8_stretch(&chars) {
            return true;
        }
        // Cheap: without rare chars close together, no stretch can fit badly.
        if !gate::may_be_ill_fitting(&chars, GAP) {
            return false;
        }
        // a low mean, or a cluster of chars that do not fit their neighbours (a short garbled
        // stretch inside a long clean run hardly moves the mean)
        let costs = self.lm.char_costs(run);
        costs.iter().sum::<f64>() / (costs.len() as f64) < SUSPECT
            || !bad_clusters(&costs).is_empty()
    }

    /// Whether `run`, less a final mark of a swallowed byte, looks garbled itself: it holds
    /// an odd char or reads far below clean text.
    fn garbled_core(&self, run: &str) -> bool {
        let core = readings::strip_lost_marker(run);
        core.chars().any(is_odd) || self.lm.per_char(core) < SUSPECT
    }

    /// The best reading of `run` (between `left` and `right` on its line), if it is good enough.
    pub(super) fn choose(&self, run: &str, left: &str, right: &str) -> Option<Choice> {
        self.choose_in(run, left, right, false)
    }

    /// [`Self::choose`], for a stretch inside a longer run when `inner` is set: a reading
    /// that is not UTF-8 then needs at least [`SUB_MIN`] chars.
    pub(super) fn choose_in(
        &self,
        run: &str,
        left: &str,
        right: &str,
        inner: bool,
    ) -> Option<Choice> {
        if script::has_alphabetic_word(run) {
            return None;
        }
        let mut base: Option<f64> = None;
        let mut best: Option<(Choice, Reading)> = None;
        let han = run
            .chars()
            .filter(|&c| crate::segment::merge::is_han(c))
            .count();
        let hanzi_run = han * 3 >= run.chars().count() || run.chars().any(is_private_use);
        let other_script = utf8_of_other_script(run);
        for kind in Kind::ALL {
            if other_script && kind.from_single_byte() {
                continue;
            }
            // GBK and Big5 read as each other (or out of step) give mostly Han characters; a
            // run of symbols (box drawing, stars) was not made that way.
            if kind.from_double_byte() && !kind.to_utf8() && !hanzi_run {
                continue;
            }
            // Almost any pair of GBK characters is also a pair of Big5 bytes: a short run gives
            // too little evidence for reading one as the other.
            let n = run.chars().count();
            // Unless the run holds a char that only damage makes (a user-defined code point,
            // a Bopomofo letter: what GBK punctuation becomes in Big5).
            // Or unless the reading makes the run fit its line far better (`指樅裔般` read as
            // 指甲盖般): see SHORT_MARGIN.
            let short = (matches!(kind, Kind::Big5AsGbk | Kind::GbkAsBig5)
                || (inner && !kind.to_utf8()))
                && n < SUB_MIN
                && !(kind.from_double_byte() && run.chars().any(damage_mark));
            if short && (n < 2 || !kind.from_double_byte()) {
                continue;
            }
            // Out-of-step decoding makes odd or ill-fitting chars; clean text before a stray
            // U+FFFD is not evidence of it.
            if kind == Kind::GbkMisaligned && !self.garbled_core(run) {
                continue;
            }
            // GBK read as Big5 byte by byte (Python's decoder) beside the WHATWG reading
            let alt = (kind == Kind::GbkAsBig5)
                .then(|| readings::gbk_as_big5_byte_by_byte(run))
                .flatten();
            let Some(reading) = read_as(kind, run).or_else(|| alt.clone()) else {
                continue;
            };
            // Without a mark of damage, a run of Han chars is only read as GBK/Big5 mojibake
            // when its reading makes words (see WORD_SHARE), and never across a tab: lists
            // and tables of rare chars (`檗\t檗 蘗`) re-read as commoner chars, not as text.
            // (GBK read as Latin-1 leaves Latin-1 letters, marks enough: a list of names,
            // `ÕÅÈý`, reads back without making words.)
            let latin = kind.from_single_byte();
            let has_marks = latin || run.chars().any(strong_mark);
            if !kind.to_utf8() && !has_marks && run.contains('\t') {
                continue;
            }
            let mut options = vec![(kind.as_str().to_owned(), reading.clone())];
            if let Some(alt) = alt
                && alt != reading
            {
                options.push((kind.as_str().to_owned(), alt));
            }
            // a second round of the same kind of damage (e.g. UTF-8 read as windows-1252
            // twice); twice Big5/GBK only where the run bears marks of damage
            if let Some(t) = reading.whole_text()
                && (kind.to_utf8() || has_marks)
                && let Some(second) = read_as(kind, t)
            {
                options.push((double_name(kind), second));
            }
            for (name, r) in options {
                let Some(choice) = self.resolve(name, &r, left, right, QUICK_CANDIDATES) else {
                    continue;
                };
                let per_char = self.lm.per_char(&choice.text);
                // A double-byte reading turns pairs of bytes into chars; one that yields more
                // ASCII than the run held split a pair (`B` out of `釨`) and is no reading.
                // But GBK reading UTF-8 pairs a last continuation byte with the ASCII letter
                // after it (`閮‵ire`: 部 + `F`): one letter more is a reading when it ends
                // the stretch and a Latin word or a model name goes on after it (`A100`).
                let ascii = |t: &str| t.chars().filter(char::is_ascii).count();
                // So does a mark of Markdown and code that closes what the line opened before
                // the stretch (`[提升 2.4 倍](`, `| 中文 |`), or opens what the line closes
                // after it (`一个月[7]`): GBK takes any byte of 0x40–0x7E for a trail byte.
                let swallowed_letter = kind == Kind::Utf8AsGbk
                    && ascii(&choice.text) == ascii(run) + 1
                    && choice.text.chars().next_back().is_some_and(|c| {
                        (c.is_ascii_alphabetic()
                            && right
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_alphanumeric()))
                            || pairs_on_line(c, left, right)
                    });
                if per_char < CLEAN_FLOOR
                    || !reads_as_chinese(kind, &choice.text)
                    || (kind.from_double_byte()
                        && ascii(&choice.text) > ascii(run)
                        && !swallowed_letter)
                {
                    continue;
                }
                let mut gain =
                    per_char - *base.get_or_insert_with(|| self.lm.per_char(&marked(run)));
                // valid UTF-8 may earn its margin with its neighbours (`舒閫備娇人`: 适使
                // alone reads little better, 舒适使人 far better)
                if gain < MARGIN && kind.to_utf8() {
                    gain = gain.max(self.gain_in_line(run, &choice.text, left, right));
                }
                // one Han char out of two Latin-1 chars only from letters (`ÎÒ` is 我; `Á©`
                // and `¼½` are Latin-1 text)
                let one_char = choice.text.chars().filter(|c| !c.is_ascii()).count() == 1;
                if latin
                    && one_char
                    && !run
                        .chars()
                        .filter(|c| !c.is_ascii())
                        .all(char::is_alphabetic)
                {
                    continue;
                }
                if gain < MARGIN
                    || (!kind.to_utf8()
                        && !has_marks
                        && self.word_share(&choice.text, left, right) < WORD_SHARE)
                    || (short
                        && (self.gain_in_line(run, &choice.text, left, right) < SHORT_MARGIN
                            || !self.joins_neighbours(&choice.text, left, right)))
                {
                    continue;
                }
                if best.as_ref().is_none_or(|b| gain > b.0.gain) {
                    best = Some((Choice { gain, ..choice }, r));
                }
            }
        }
        let (choice, reading) = best?;
        if choice.inferred.is_empty() {
            return Some(choice);
        }
        // The quick pass scored only the most frequent candidates for lost bytes; now all.
        let full = self.resolve(
            choice.kind.clone(),
            &reading,
            left,
            right,
            infer::MAX_SCORED,
        )?;
        let gain = self.lm.per_char(&full.text) - self.lm.per_char(&marked(run));
        (gain >= MARGIN).then_some(Choice { gain, ..full })
    }

    /// The gain of `text` over `run` judged with the chars of their line around them (see
    /// [`Self::in_context`]).
    fn gain_in_line(&self, run: &str, text: &str, left: &str, right: &str) -> f64 {
        let run: Vec<char> = marked(run).chars().collect();
        let left: Vec<char> = left.chars().collect();
        let right: Vec<char> = right.chars().collect();
        self.in_context(&run, text, &left, &right).1
    }

    /// The share of the Han chars of `text` (between `left` and `right` on its line) that
    /// its best segmentation, with a few chars of context, puts in words of two chars or more.
    fn word_share(&self, text: &str, left: &str, right: &str) -> f64 {
        let (line, a, b) = line_window(text, left, right);
        let s: String = line.iter().collect();
        let (mut han, mut in_words) = (0usize, 0usize);
        for (ws, we) in self.lm.words(&s) {
            let (from, to) = (ws.max(a), we.min(b).max(ws.max(a)));
            let n = line[from..to]
                .iter()
                .filter(|&&c| crate::segment::merge::is_han(c))
                .count();
            han += n;
            if we - ws >= 2 {
                in_words += n;
            }
        }
        if han == 0 {
            1.0
        } else {
            in_words as f64 / han as f64
        }
    }

    /// Whether `text`, between `left` and `right` on its line, forms a dictionary word with
    /// a char either side of it: the evidence that a short re-reading is the text that stood
    /// there (`指` + `甲盖` → 指甲盖), where a reading that only makes a word of its own
    /// (`芃芃` → 刷刷, a name) could be a rare name read as a common one.
    fn joins_neighbours(&self, text: &str, left: &str, right: &str) -> bool {
        let (line, a, b) = line_window(text, left, right);
        let line: String = line.into_iter().collect();
        self.lm
            .words(&line)
            .iter()
            .any(|&(s, e)| (s < a && a < e) || (s < b && b < e))
    }

    /// Turn a reading into text, inferring lost characters from context.
    pub(super) fn resolve(
        &self,
        kind: String,
        reading: &Reading,
        left: &str,
        right: &str,
        limit: usize,
    ) -> Option<Choice> {
        // Whether lost chars are judged as traditional text is settled by the line, the
        // reading and the text before it (as repaired), not by the raw text after it, which
        // may itself be garbled (GBK mojibake looks traditional) and repaired on a second
        // pass: repair must not change its mind.
        let readout = left
            .chars()
            .rev()
            .take(CONTEXT)
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .chain(reading.pieces.iter().flat_map(|p| match p {
                Piece::Text(t) => t.chars().collect::<Vec<char>>(),
                Piece::Lost(_) => Vec::new(),
            }))
            .chain(
                right
                    .chars()
                    .take_while(|&c| !is_odd(c) && c != '\u{FFFD}' && c != '\n')
                    .take(CONTEXT),
            );
        let lm = if self.lm.reads_traditional() || lm::is_traditional(readout) {
            self.lm.traditional()
        } else {
            self.lm.fixed()
        };
        // First the decoded text, so that inferred characters see their neighbours.
        let mut text = String::new();
        let mut inferred = Vec::new();
        let n = reading.pieces.len();
        for (i, piece) in reading.pieces.iter().enumerate() {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Lost(lost) => {
                    let before = format!("{left}{text}");
                    let mut after = String::new();
                    for p in &reading.pieces[i + 1..n] {
                        if let Piece::Text(t) = p {
                            after.push_str(t);
                        }
                    }
                    after.push_str(right);
                    let (cands, p) =
                        infer::rank(&lm, *lost, &before, &after, TOP_CANDIDATES, limit);
                    let (c, _) = *cands.first()?;
                    let label = lost.label();
                    inferred.push((text.chars().count(), label, cands, p));
                    text.push(c);
                }
            }
        }
        // Lost chars next to each other (`涓�鑸�`: 一般) were each first judged without the
        // other: judge each again with all the others in place.
        if inferred.len() > 1 {
            let losts: Vec<Lost> = reading
                .pieces
                .iter()
                .filter_map(|p| match p {
                    Piece::Lost(l) => Some(*l),
                    Piece::Text(_) => None,
                })
                .collect();
            let mut chars: Vec<char> = text.chars().collect();
            let positions: Vec<usize> = inferred.iter().map(|i| i.0).collect();
            for (k, lost) in losts.iter().enumerate() {
                let at = inferred[k].0;
                // only a neighbour within the scored context changes the ranking
                if !positions
                    .iter()
                    .any(|&p| p != at && p.abs_diff(at) <= infer::CONTEXT)
                {
                    continue;
                }
                let (before, after) = around(&chars, at, at + 1, left, right);
                let (cands, p) = infer::rank(&lm, *lost, &before, &after, TOP_CANDIDATES, limit);
                let (c, _) = *cands.first()?;
                chars[at] = c;
                inferred[k].2 = cands;
                inferred[k].3 = p;
            }
            // Two lost chars side by side are judged together: each judged with the other in
            // place can hold on to a pair that reads worse than another (`涓�涓�`: 中东
            // where 一个 stood). Only once the reading is chosen (the full pass): the quick
            // pass tries many readings, and this is dear.
            let pairs = if limit >= infer::MAX_SCORED {
                1..inferred.len()
            } else {
                0..0
            };
            for k in pairs {
                let (a, b) = (inferred[k - 1].0, inferred[k].0);
                if b != a + 1 {
                    continue;
                }
                let (before, after) = around(&chars, a, b + 1, left, right);
                if let Some((c1, c2)) =
                    infer::best_pair(&lm, (losts[k - 1], losts[k]), &before, &after, limit)
                    && (c1, c2) != (chars[a], chars[b])
                {
                    chars[a] = c1;
                    chars[b] = c2;
                    // the candidates of each, with the other as chosen
                    for (j, at) in [(k - 1, a), (k, b)] {
                        let (l, r) = around(&chars, at, at + 1, left, right);
                        let (cands, p) = infer::rank(&lm, losts[j], &l, &r, TOP_CANDIDATES, limit);
                        inferred[j].2 = cands;
                        inferred[j].3 = p;
                    }
                }
            }
            text = chars.into_iter().collect();
        }
        Some(Choice {
            kind,
            text,
            inferred,
            gain: 0.0,
        })
    }
}

pub(super) fn double_name(kind: Kind) -> String {
    match kind {
        Kind::Utf8AsCp1252 => "utf8-double-cp1252".to_owned(),
        k => format!("{}-twice", k.as_str()),
    }
}

/// Map a gain (nats per char over the margin) to a confidence in (0, 1).
pub(super) fn confidence(gain: f64) -> f64 {
    round3(1.0 - (-(gain - MARGIN + 1.0)).exp()).clamp(0.0, 1.0)
}

pub(super) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `run` with each `?` that may mark a lost byte (one right after a non-ASCII char, or after
/// another such `?`) written as U+FFFD, so that it costs what it is (a sign of damage)
/// rather than what an ASCII question mark costs.
fn marked(run: &str) -> std::borrow::Cow<'_, str> {
    if !run.contains('?') {
        return run.into();
    }
    let mut out = String::with_capacity(run.len());
    let mut after_non_ascii = false;
    for c in run.chars() {
        if c == '?' && after_non_ascii {
            out.push(char::REPLACEMENT_CHARACTER);
        } else {
            out.push(c);
            after_non_ascii = !c.is_ascii();
        }
    }
    out.into()
}

/// Whether `c` is a private-use code point (GBK's and Big5's user-defined areas decode there).
pub(super) fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Whether the ASCII mark `c` pairs with the line around it: it closes what the line before
/// it (the end of `left`) opened (`]` after `[`, `}` after `{`, a second `` ` `` or `|`), or
/// opens what the line after it (the start of `right`) closes (`[` before `]`, `{` before
/// `}`).
fn pairs_on_line(c: char, left: &str, right: &str) -> bool {
    let before = left.rsplit('\n').next().unwrap_or("");
    let after = right.split('\n').next().unwrap_or("");
    let count = |line: &str, m: char| line.chars().filter(|&x| x == m).count();
    match c {
        ']' => count(before, '[') > count(before, ']'),
        '}' => count(before, '{') > count(before, '}'),
        '`' => count(before, '`') % 2 == 1,
        '|' => count(before, '|') > 0,
        '[' => count(after, ']') > count(after, '['),
        '{' => count(after, '}') > count(after, '{'),
        _ => false,
    }
}

/// Whether a reading under `kind` looks like repaired Chinese. A UTF-8 reading (valid UTF-8
/// is strong evidence by itself) must hold Han characters or Chinese punctuation and nothing
/// odd; other readings must be mostly Han, since a run of symbols may re-read as other
/// symbols.
pub(super) fn reads_as_chinese(kind: Kind, text: &str) -> bool {
    if kind.to_utf8() {
        let chinese =
            |c: char| crate::segment::merge::is_han(c) || lm::is_common_punct(c) || is_fullwidth(c);
        // or symbols alone (`🦀`, `→`, `⚙️`), as Markdown and code write them
        return !text.chars().any(is_odd)
            && (text.chars().any(chinese)
                || (!text.is_ascii()
                    && text
                        .chars()
                        .all(|c| c.is_ascii() || chinese(c) || lm::is_text_symbol(c))));
    }
    mostly_han(text)
}

/// The text before `chars[from..to]` (`left`, then the chars before it) and after it (the
/// chars after it, then `right`).
fn around(chars: &[char], from: usize, to: usize, left: &str, right: &str) -> (String, String) {
    (
        left.chars().chain(chars[..from].iter().copied()).collect(),
        chars[to..].iter().copied().chain(right.chars()).collect(),
    )
}

/// `text` with up to [`CONTEXT_GAIN`] chars of its line either side (`left` and `right` are
/// the text before and after it), and where `text` starts and ends in it.
fn line_window(text: &str, left: &str, right: &str) -> (Vec<char>, usize, usize) {
    let l: Vec<char> = left
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .take(CONTEXT_GAIN)
        .collect();
    let (a, b) = (l.len(), l.len() + text.chars().count());
    let line = l
        .into_iter()
        .rev()
        .chain(text.chars())
        .chain(right.chars().take_while(|&c| c != '\n').take(CONTEXT_GAIN))
        .collect();
    (line, a, b)
}

/// Whether `run` is UTF-8 of another script read as GBK, windows-1252 or Latin-1 (see
/// [`other_script_reading`]).
pub(super) fn utf8_of_other_script(run: &str) -> bool {
    other_script_reading(run, None, None).is_some()
}

/// The reading of `run` when it is UTF-8 of another script than Chinese read as GBK,
/// windows-1252 or Latin-1 (`械褋褌` or `ÐµÑÑ‚` → `ест`, `rÃ©sumÃ©` → `résumé`): it
/// re-encodes, with no byte lost, into valid UTF-8 that is not Chinese, whose letters are of
/// one script and look like words. Such a run is no GBK read as windows-1252 (`r茅sum茅`),
/// and random text seldom re-encodes so: it is repaired to its reading.
///
/// `before` and `after` are the chars either side of the run on its line: a run that reads
/// as one accented letter inside an ASCII word (`naÃ¯ve`) makes a word with them.
pub(super) fn other_script_reading(
    run: &str,
    before: Option<char>,
    after: Option<char>,
) -> Option<(&'static str, String)> {
    let single = |k: Kind, t: &str| read_as(k, t).and_then(|r| r.whole_text().map(str::to_owned));
    [Kind::Utf8AsGbk, Kind::Utf8AsCp1252, Kind::Utf8AsLatin1]
        .into_iter()
        .find_map(|k| {
            let ascii = |t: &str| t.chars().filter(char::is_ascii).count();
            single(k, run)
                .filter(|t| {
                    // no ASCII made of the run's other chars (`電桿` → `늗U`)
                    ascii(t) == ascii(run)
                    && !reads_as_chinese(k, t) && one_script(t)
                    && word_like(&format!(
                        "{}{t}{}",
                        before.filter(char::is_ascii_alphabetic).map(String::from).unwrap_or_default(),
                        after.filter(char::is_ascii_alphabetic).map(String::from).unwrap_or_default()
                    ))
                    // damage done twice reads as Chinese the second time
                    && !single(k, t).is_some_and(|t2| reads_as_chinese(k, &t2))
                })
                .map(|t| (k.as_str(), t))
        })
}

/// The reading of `run` when it is accented Latin letters or Latin-1 symbols in UTF-8 read as
/// windows-1252 or Latin-1 one char at a time (`Ã¶` → `ö`, `256Ã—256` → `256×256`, `Å\u{a0}`
/// → `Š`, `Ð°` → `а`): pairs of the char of a lead byte of Latin, Greek or Cyrillic
/// ([`latin_lead`]) and a char of the bytes 0x80–0xBF that is no letter or digit. (Other lead
/// bytes give modifier letters and other scripts, as GBK read as windows-1252 does: `Ë¶Ê¿`,
/// 硕士, is no `˶ʿ`.) Clean text hardly ever writes such a pair (`Ã` before `¶`),
/// so that a run of them is repaired even alone, where [`other_script_reading`] needs words.
pub(super) fn latin_pairs_reading(run: &str) -> Option<(&'static str, String)> {
    let chars: Vec<char> = run.chars().collect();
    if chars.is_empty() || !chars.len().is_multiple_of(2) {
        return None;
    }
    // the run's bytes under windows-1252, else under Latin-1 (C1 controls stand for
    // themselves there)
    let (kind, bytes) = match encoding_rs::WINDOWS_1252.encode(run) {
        (b, _, false) if b.len() == chars.len() => (Kind::Utf8AsCp1252, b.into_owned()),
        _ if chars.iter().all(|&c| c <= '\u{FF}') => (
            Kind::Utf8AsLatin1,
            chars.iter().map(|&c| c as u32 as u8).collect(),
        ),
        _ => return None,
    };
    let pairs = bytes
        .chunks(2)
        .zip(chars.chunks(2))
        .all(|(b, c)| latin_lead(b[0]) && (0x80..=0xBF).contains(&b[1]) && !c[1].is_alphanumeric());
    let text = String::from_utf8(bytes).ok().filter(|_| pairs)?;
    (!text.chars().any(char::is_control)).then(|| (kind.as_str(), text))
}

/// Whether `b` leads a UTF-8 pair of [`latin_pairs_reading`]: a char of U+0080–U+024F
/// (Latin) or of U+0380–U+052F (Greek, Cyrillic).
fn latin_lead(b: u8) -> bool {
    matches!(b, 0xC2..=0xC9 | 0xCE..=0xD4)
}

/// Whether the non-ASCII letters of `text` look like words: a word of three letters or more
/// holding one, or one inside a word of ASCII letters (`résumé`). Two letters alone may be
/// GBK that happens to be valid UTF-8 (`芫荽` → two Syriac letters; `脩脡` → `ÑÉ`).
fn word_like(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let letter = |c: &char| !c.is_ascii() && c.is_alphabetic();
    chars
        .split(|c| !c.is_alphabetic())
        .any(|w| w.len() >= 3 && w.iter().any(letter))
        || chars.windows(2).any(|w| {
            (letter(&w[0]) && w[1].is_ascii_alphabetic())
                || (w[0].is_ascii_alphabetic() && letter(&w[1]))
        })
}

/// Whether the non-ASCII letters of `text` are all of one script (Latin, Greek, Cyrillic,
/// Armenian, Hebrew, Arabic, Thai, …; by Unicode block), as words are. GBK that happens to
/// be valid UTF-8 mixes them (`纽约` → `Ŧ` + `Լ`).
fn one_script(text: &str) -> bool {
    let block = |c: char| match c as u32 {
        0x00C0..=0x024F | 0x1E00..=0x1EFF => 0,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => 1,
        0x0400..=0x052F => 2,
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => 3, // Hangul
        0x3040..=0x30FF => 4,                                     // kana
        u => u >> 7,
    };
    let mut scripts = text
        .chars()
        .filter(|c| !c.is_ascii() && c.is_alphabetic())
        .map(block);
    match scripts.next() {
        None => true,
        Some(first) => scripts.all(|b| b == first),
    }
}

/// Whether `c` is a full-width form (`，`, `（`, `１`, `Ａ`).
pub(super) fn is_fullwidth(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

/// Whether `text` reads as Chinese: Han characters with Chinese punctuation and full-width
/// forms (`（ｌｅａｒｎｉｎｇ）`), at least twice as many as other non-ASCII chars.
pub(super) fn mostly_han(text: &str) -> bool {
    let (mut han, mut chinese, mut other) = (0usize, 0usize, 0usize);
    let mut real_han = false;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        // full-width letters and digits are words too (GBK A3 xx)
        if crate::segment::merge::is_han(c) {
            han += 1;
            real_han = true;
        } else if is_fullwidth_alnum(c) {
            han += 1;
        } else if lm::is_common_punct(c) || is_fullwidth(c) {
            chinese += 1;
        } else {
            other += 1;
        }
    }
    real_han && han + chinese >= (2 * other).max(1) && han * 4 >= han + chinese
}

/// Whether `c` is a full-width letter or digit (`Ａ`, `ｌ`, `１`).
fn is_fullwidth_alnum(c: char) -> bool {
    ('\u{FF10}'..='\u{FF19}').contains(&c)
        || ('\u{FF21}'..='\u{FF3A}').contains(&c)
        || ('\u{FF41}'..='\u{FF5A}').contains(&c)
}

/// Whether `c` marks damage beyond doubt: a char of [`damage_mark`] that is not one of the
/// symbols clean Chinese text uses now and then (`Ⅲ类`, `38°`, `①`, `×`).
fn strong_mark(c: char) -> bool {
    damage_mark(c)
        && !matches!(c as u32,
            0x2160..=0x217F            // Roman numerals
            | 0x2460..=0x24FF          // enclosed alphanumerics
            | 0x3220..=0x32FF          // enclosed CJK
            | 0xA7 | 0xB0 | 0xB1 | 0xD7 | 0xF7 // § ° ± × ÷
        )
}

/// Whether `c` is a char that GBK and Big5 read as each other make, and clean Chinese text
/// hardly holds: odd chars (user-defined code points among them) and Bopomofo letters.
fn damage_mark(c: char) -> bool {
    is_odd(c) || ('\u{3105}'..='\u{312F}').contains(&c)
}
