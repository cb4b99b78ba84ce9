//! Repair on the bundled article and on clean text.

use proptest::prelude::*;
use wenxi::repair::Repairer;

const ARTICLE: &str = include_str!("../corpus/000_19b1e827103f711d.txt");
const LINE_108: &str = "2019 年,恨铁不成钢的微软遇见人才济济的 OpenAI。当时,比尔·盖茨本人并不相信 OpenAI 会成功——投资谈判中，他很直白地对其发展路线表达了悲观，认为 Transformer 这类大语言模型在过去五年都没什么进展,没人知道它会有什么价值。";

/// UTF-8 text as a program that took it for GBK decoded it.
fn read_as_gbk(text: &str) -> String {
    encoding_rs::GBK.decode(text.as_bytes()).0.into_owned()
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn article_line_108_is_repaired_and_nothing_else_changes() {
    let out = Repairer::new().repair(ARTICLE);
    let before: Vec<&str> = ARTICLE.split('\n').collect();
    let after: Vec<&str> = out.text.split('\n').collect();
    assert_eq!(before.len(), after.len());
    assert_eq!(after[107], LINE_108);
    for (i, (b, a)) in before.iter().zip(&after).enumerate() {
        if i != 107 {
            assert_eq!(b, a, "line {} changed", i + 1);
        }
    }
    assert_eq!(out.repairs.len(), 1);
    let r = &out.repairs[0];
    assert_eq!(r.line, 108);
    assert_eq!(r.kind, "gbk-misaligned");
    assert_eq!(slice(ARTICLE, r.start, r.end), r.before);
    assert_eq!(slice(&out.text, r.repaired_start, r.repaired_end), r.after);
    assert!(r.before.starts_with("岢晒") && r.before.ends_with('\u{FFFD}'));
    // the two characters whose bytes were lost are inferred, with ranked candidates
    let chosen: Vec<&str> = r.inferred.iter().map(|i| i.chosen.as_str()).collect();
    assert_eq!(chosen, ["会", "为"]);
    for inf in &r.inferred {
        assert!(inf.candidates.len() >= 3);
        assert_eq!(inf.candidates[0].text, inf.chosen);
        assert!(inf.candidates.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(slice(&out.text, inf.offset, inf.offset + 1), inf.chosen);
    }
    assert!(out.flags.is_empty());
}

/// Every sentence of a fixture (one per line, `# ` lines are comments; at least `min`) comes
/// back unchanged, with no repairs.
fn assert_fixture_unchanged(r: &Repairer, text: &str, min: usize) {
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("# ")).collect();
    assert!(lines.len() >= min, "fixture too small: {}", lines.len());
    for line in &lines {
        let out = r.repair(line);
        assert_eq!(&out.text, line, "changed: {:?}", out.repairs);
        assert!(out.repairs.is_empty());
    }
}

#[test]
fn clean_traditional_sentences_are_unchanged() {
    // Big5 and GBK read as each other turn traditional text into simplified-looking chars;
    // a model that knew only simplified words preferred those to the real text
    let r = Repairer::new();
    assert_fixture_unchanged(&r, include_str!("data/clean_traditional.txt"), 50);
}

#[test]
fn repairing_twice_changes_nothing_more() {
    let r = Repairer::new();
    let once = r.repair(ARTICLE);
    let twice = r.repair(&once.text);
    assert_eq!(once.text, twice.text);
    assert!(twice.repairs.is_empty());
}

#[test]
fn a_stretch_after_a_latin_word_is_repaired_in_the_first_pass() {
    // the run joins `…有C` and `ANT也有` (a swallowed `C`); what the first round leaves is
    // judged run by run, as a second pass would judge it
    let r = Repairer::new();
    let clean = "那时候有GL有CANT也有6.37版本";
    let garbled = read_as_gbk(clean);
    let once = r.repair(&garbled);
    assert_eq!(once.text, clean, "{garbled}");
    assert_eq!(r.repair(&once.text).text, once.text);
}

#[test]
fn clean_fixture_sentences_are_unchanged() {
    let r = Repairer::new();
    assert_fixture_unchanged(&r, include_str!("data/clean_sentences.txt"), 250);
    // the article's sentences, other than line 108, too
    for (i, line) in ARTICLE.lines().enumerate() {
        if i != 107 {
            assert_eq!(r.repair(line).text, line);
        }
    }
}

#[test]
fn garbled_utf8_read_as_gbk_is_repaired() {
    let clean = "周末再度引爆热潮，市场反应强烈！";
    let garbled = read_as_gbk(clean);
    let text = format!("新闻：{garbled}\n下一行是干净的。");
    let out = Repairer::new().repair(&text);
    assert!(out.text.contains(clean), "{}", out.text);
    assert!(out.text.ends_with("下一行是干净的。"));
}

#[test]
fn replacement_chars_are_flagged_not_invented() {
    let text = "这是 \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} 的内容，锟斤拷锟斤拷。";
    let out = Repairer::new().repair(text);
    assert_eq!(out.text, text);
    assert!(out.flags.iter().all(|f| f.unrepaired));
    assert_eq!(out.flags.len(), 2);
}

#[test]
fn clean_text_before_a_stray_replacement_char_is_not_rewritten() {
    let r = Repairer::new();
    for text in [
        "好的\u{FFFD}\n",
        "我们今天去公园\u{FFFD} 散步",
        "价格是100元\u{FFFD}",
    ] {
        let out = r.repair(text);
        assert_eq!(out.text, text);
        assert!(out.repairs.is_empty());
        assert_eq!(out.flags.len(), 1, "{:?}", out.flags);
    }
}

/// One sentence damaged each way; the README shows the same table.
#[test]
fn each_kind_of_damage_is_undone() {
    use encoding_rs::{BIG5, GBK, WINDOWS_1252};
    let s = "今天的会议讨论了市场前景。";
    let t = "臺北的天氣很好。";
    let latin1 = |b: &[u8]| -> String { b.iter().map(|&x| x as char).collect() };
    let cp1252 = |b: &[u8]| WINDOWS_1252.decode(b).0.into_owned();
    let gbk = GBK.encode(s).0.into_owned();
    let cases: Vec<(&str, String, &str)> = vec![
        ("utf8-as-gbk", GBK.decode(s.as_bytes()).0.into_owned(), s),
        ("utf8-as-cp1252", cp1252(s.as_bytes()), s),
        ("utf8-as-latin1", latin1(s.as_bytes()), s),
        (
            "utf8-double-cp1252",
            cp1252(cp1252(s.as_bytes()).as_bytes()),
            s,
        ),
        ("gbk-as-cp1252", cp1252(&gbk), s),
        ("gbk-as-latin1", latin1(&gbk), s),
        (
            "big5-as-gbk",
            GBK.decode(&BIG5.encode(t).0).0.into_owned(),
            t,
        ),
        ("gbk-as-big5", BIG5.decode(&gbk).0.into_owned(), s),
        // the last trail byte (`C` of `¡C`, 。) is ASCII: it belongs to the run
        ("big5-as-cp1252", cp1252(&BIG5.encode(t).0), t),
        ("big5-as-latin1", latin1(&BIG5.encode(t).0), t),
    ];
    let r = Repairer::new();
    for (kind, garbled, clean) in cases {
        let out = r.repair(&garbled);
        assert_eq!(out.text, clean, "{kind}: {garbled:?}");
        // Bytes A0-FF read the same in ISO-8859-1 and windows-1252: there the two kinds are
        // one, and the repair names the first.
        let same = |k: &str| {
            k == kind
                || (kind == "gbk-as-latin1" && k == "gbk-as-cp1252")
                || (kind == "big5-as-latin1" && k == "big5-as-cp1252")
        };
        assert!(
            !out.repairs.is_empty() && out.repairs.iter().all(|x| same(&x.kind)),
            "{kind}: {:?}",
            out.repairs
        );
    }
    let misaligned = GBK.decode(&[&gbk[1..], b" ok"].concat()).0.into_owned();
    let out = r.repair(&misaligned);
    assert_eq!(out.text, format!("{s} ok"));
    assert_eq!(out.repairs[0].kind, "gbk-misaligned");
    assert_eq!(out.repairs[0].inferred.len(), 2);
}

/// Common dictionary words (frequency ≥ 500), sorted so that generation is reproducible.
fn common_words() -> Vec<&'static str> {
    let mut w: Vec<&'static str> = wenxi::resources::DICTIONARY
        .words
        .iter()
        .filter(|(w, e)| e.freq >= 500 && w.chars().all(|c| c as u32 >= 0x4E00))
        .map(|(w, _)| *w)
        .collect();
    w.sort_unstable();
    w
}

fn clean_text() -> impl Strategy<Value = String> {
    let words = common_words();
    let n = words.len();
    let punct = [
        "，", "。", "、", "：", "；", "？", "！", " ", "2024 年", " AI ", "“", "”",
    ];
    prop::collection::vec((0..n, 0..punct.len() * 4), 2..40).prop_map(move |picks| {
        let mut s = String::new();
        for (w, p) in picks {
            s.push_str(words[w]);
            if let Some(p) = punct.get(p) {
                s.push_str(p);
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn repair_never_changes_clean_text(text in clean_text()) {
        let out = Repairer::new().repair(&text);
        prop_assert_eq!(&out.text, &text, "repairs: {:?}", out.repairs);
    }

    #[test]
    fn repair_is_idempotent_on_garbled_text(text in clean_text()) {
        let r = Repairer::new();
        let garbled = read_as_gbk(&text);
        let once = r.repair(&garbled);
        let twice = r.repair(&once.text);
        prop_assert_eq!(&once.text, &twice.text);
    }

    #[test]
    fn repair_offsets_slice(text in clean_text()) {
        let r = Repairer::new();
        let garbled = read_as_gbk(&text);
        let input = format!("前文。{garbled}");
        let out = r.repair(&input);
        for rep in &out.repairs {
            prop_assert_eq!(slice(&input, rep.start, rep.end), rep.before.clone());
            prop_assert_eq!(slice(&out.text, rep.repaired_start, rep.repaired_end), rep.after.clone());
        }
    }
}

/// Text made of chars that mojibake and its marks are made of: Han characters, Latin-1
/// letters, private-use code points, U+FFFD, `?`, ASCII and newlines.
fn messy_text() -> impl Strategy<Value = String> {
    let pool: Vec<char> = "的一是中文鍛ㄦ湯鐑锛屽銆佺殑涓枃鏂囧寲鐨勬垜浠ä¸\u{AD}æ–‡Ã¤Â»ÖÐÎÄ¡£\u{e000}\u{e4c6}\u{fffd}\u{fffd}??a1 ,.\n"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(pool), 0..60)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    // Whatever the input, repair ends, and its records slice the input and the output.
    #[test]
    fn repair_of_any_messy_text_is_consistent(text in messy_text()) {
        let r = Repairer::new();
        let out = r.repair(&text);
        for rep in &out.repairs {
            prop_assert_eq!(slice(&text, rep.start, rep.end), rep.before.clone());
            prop_assert_eq!(slice(&out.text, rep.repaired_start, rep.repaired_end), rep.after.clone());
        }
        for f in &out.flags {
            prop_assert!(f.start < f.end && f.end <= text.chars().count());
        }
    }
}

/// Garble `stretch` of `clean` with `garble`, repair, and expect `clean` back.
fn garbled_stretch_is_repaired(clean: &str, stretch: &str, garble: impl Fn(&str) -> String) {
    let garbled = clean.replacen(stretch, &garble(stretch), 1);
    assert_ne!(garbled, clean);
    let out = Repairer::new().repair(&garbled);
    assert_eq!(out.text, clean, "{garbled:?}: {:?}", out.repairs);
}

#[test]
fn short_stretches_are_repaired_when_their_neighbours_confirm_them() {
    use encoding_rs::{BIG5, GBK};
    let utf8_as_gbk = |s: &str| GBK.decode(s.as_bytes()).0.into_owned();
    // three garbled chars: the stretch alone gains little, joined with its neighbours
    // (`举行`, `两年`) a lot
    garbled_stretch_is_repaired(
        "明年夏天岘港会举行两年一度的烟花比赛。",
        "行两",
        utf8_as_gbk,
    );
    // a clean char before the stretch whose bytes are valid UTF-8 by themselves (`要`)
    garbled_stretch_is_repaired(
        "先生来信要钟书为他的新书写个英文书评。",
        "钟书为他",
        utf8_as_gbk,
    );
    // Big5 read as GBK, two chars: user-defined code points mark the damage
    let big5_as_gbk = |s: &str| GBK.decode(&BIG5.encode(s).0).0.into_owned();
    garbled_stretch_is_repaired("我们明年八月再来。", "明年", big5_as_gbk);
    // GBK read as Big5: the comma becomes a Bopomofo letter
    let gbk_as_big5 = |s: &str| BIG5.decode(&GBK.encode(s).0).0.into_owned();
    garbled_stretch_is_repaired("改善工作状况，改革领导制度。", "况，", gbk_as_big5);
    // GBK read as Big5, two or three chars and no mark of damage: the reading forms a word
    // with the chars beside it (指 + 甲盖, 商 + 业)
    garbled_stretch_is_repaired("他的指甲盖上沾了一点油漆。", "甲盖", gbk_as_big5);
    garbled_stretch_is_repaired("这项研究具有商业价值。", "具有商", gbk_as_big5);
    // but a pair of rare chars that re-reads as a word of its own is left alone: it may be a
    // name (`芃芃` read as GBK bytes in Big5 would be 刷刷)
    let r = Repairer::new();
    for clean in ["我家的芃芃今年三岁了。", "她叫芃芃，在上海读书。"] {
        assert_eq!(r.repair(clean).text, clean);
    }
}

#[test]
fn clean_lists_and_tables_are_unchanged() {
    // lines of conversion tables, word lists with counts and char-pair tables: rare chars
    // standing alone, which Big5/GBK re-readings turn into commoner ones, and symbols clean
    // text uses (`Ⅲ`, `°`)
    let text = "檗\t檗 蘗\n戚戚\t慼慼\n棠溪\t棠谿\n稼\t莊稼\n嶘\t嶘 \n膻\t羶 膻\n\
                栖栖遑遑 10.2\n煦煦孑孑 11.7\n藉箸代籌\nⅢ类\t12\nⅣ类水\t3\n°的\t5\n第Ⅲ级\n魂ⅳ\t2\n";
    let out = Repairer::new().repair(text);
    assert_eq!(out.text, text, "{:?}", out.repairs);
    assert!(out.repairs.is_empty());
}

/// `text` as its UTF-8 bytes read as windows-1252 (WHATWG: the five bytes it leaves
/// undefined become C1 controls).
fn utf8_as_cp1252(text: &str) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(text.as_bytes())
        .0
        .into_owned()
}

/// `text` as its GBK bytes read as windows-1252.
fn gbk_as_cp1252(text: &str) -> String {
    let gbk = encoding_rs::GBK.encode(text).0;
    encoding_rs::WINDOWS_1252.decode(&gbk).0.into_owned()
}

#[test]
fn mojibake_in_files_of_code_and_markdown_is_repaired() {
    let r = Repairer::new();
    // glued to a Latin word (no space between Chinese and English, as tech text writes it)
    // and symbols as Markdown writes them: emoji, arrows, an emoji with its variation selector
    for clean in [
        "在ChatGPT发布后，Google、Facebook都跟进了。",
        "## 🦀 **Rust** 版本",
        "点击→这里，支持 ⚙️ 配置。",
    ] {
        let garbled = utf8_as_cp1252(clean);
        assert_ne!(garbled, clean);
        assert_eq!(r.repair(&garbled).text, clean, "{garbled}");
    }
}

#[test]
fn letters_read_as_gbk_inside_latin_words_are_read_back() {
    // the UTF-8 of `ó` (C3 B3) read as GBK is one Han char, `贸`, glued inside a word
    let r = Repairer::new();
    let garbled = "To jest test kodowania znak贸w. W przypadku niekt贸rych j臋zyk贸w, kt贸re";
    assert_eq!(
        r.repair(garbled).text,
        "To jest test kodowania znaków. W przypadku niektórych języków, które"
    );
    // a Han char between Latin letters whose GBK bytes are no UTF-8 letter stays (陆 is C2 BD,
    // which is `½`)
    for clean in ["A股B股", "用Q版T恤", "X陆Y"] {
        assert_eq!(r.repair(clean).text, clean);
    }
}

#[test]
fn a_single_gbk_char_read_as_windows_1252_is_repaired() {
    let r = Repairer::new();
    // a char in quotes, a unit after a number: one Han char out of two Latin-1 letters
    for clean in ["vec![\"我\", \"们\"]", "价格 5.5元"] {
        let garbled = gbk_as_cp1252(clean);
        assert_eq!(r.repair(&garbled).text, clean, "{garbled}");
    }
    // two Latin-1 chars that are not both letters are Latin-1 text
    for clean in ["such as `\"Á©\"`", "add ¼½ cup", "\"±°\""] {
        assert_eq!(r.repair(clean).text, clean);
    }
}

#[test]
fn other_scripts_read_with_the_wrong_encoding_are_read_back() {
    // UTF-8 of Latin, Greek or Cyrillic words read as windows-1252 is not GBK read so (`Ã©` is
    // GBK for 茅), nor is UTF-8 of Cyrillic read as GBK Chinese: both re-encode into UTF-8 of
    // one script, which is read back
    let r = Repairer::new();
    for word in ["résumé", "Ελληνικά", "Это тест", "naïve café"] {
        let garbled = utf8_as_cp1252(word);
        assert_eq!(r.repair(&garbled).text, word, "{garbled}");
    }
    let clean = "check(\"Это тест кодировки\", WINDOWS_1251);";
    let garbled = encoding_rs::GBK.decode(clean.as_bytes()).0;
    assert_eq!(r.repair(&garbled).text, clean, "{garbled}");
    // while GBK that happens to re-encode into valid UTF-8 (`纽约`: `Ŧ` + `Լ`) is read as GBK
    let garbled = gbk_as_cp1252("北京烤鸭和纽约");
    assert_eq!(r.repair(&garbled).text, "北京烤鸭和纽约");
    // and clean Chinese whose GBK bytes are valid UTF-8 of no word stays (`陳禕`: `ꐶB`)
    for clean in ["陳禕 3 nr", "電桿\t2", "脩脡\t脩脡"] {
        assert_eq!(r.repair(clean).text, clean);
    }
}

#[test]
fn a_misaligned_pair_cut_short_is_repaired() {
    use encoding_rs::GBK;
    // a GBK stream one byte late over `，从`, then back in step at the digits: a user-defined
    // code point and a U+FFFD are all that is left of two chars
    let gbk = GBK.encode("，从2003年起").0.into_owned();
    let garbled = format!("研究显示{}，保费收入逐年增长。", GBK.decode(&gbk[1..]).0);
    assert!(garbled.contains('\u{FFFD}'), "{garbled}");
    let out = Repairer::new().repair(&garbled);
    assert_eq!(
        out.text, "研究显示，从2003年起，保费收入逐年增长。",
        "{:?}",
        out.repairs
    );
}

#[test]
fn gbk_read_as_latin1_with_full_width_letters_is_repaired() {
    use encoding_rs::GBK;
    let latin1 = |s: &str| {
        GBK.encode(s)
            .0
            .iter()
            .map(|&b| b as char)
            .collect::<String>()
    };
    garbled_stretch_is_repaired(
        "所谓学习社会（ｌｅａｒｎｉｎｇ　ｓｏｃｉｅｔｙ），就是学习化的社会。",
        "会（ｌｅａｒｎｉｎｇ",
        latin1,
    );
}

#[test]
fn lost_bytes_are_inferred_from_context() {
    use encoding_rs::GBK;
    let r = Repairer::new();
    // a GBK stream one byte late: the lost lead byte of `１` is inferred from the digits after it
    let clean = "１９９４年第一届经贸洽谈会举办以来，吸引了许多客商前来展销商品。";
    let gbk = GBK.encode(clean).0.into_owned();
    let out = r.repair(&GBK.decode(&gbk[1..]).0);
    assert!(out.text.starts_with("１９９４年"), "{}", out.text);
    // UTF-8 read as GBK, the last byte lost: a closing mark closes the open one
    let garbled = format!(
        "历史上『{}的故事不胜枚举。",
        GBK.decode("一字师』".as_bytes()).0
    );
    assert!(garbled.contains('\u{FFFD}'), "{garbled}");
    let out = r.repair(&garbled);
    assert_eq!(
        out.text, "历史上『一字师』的故事不胜枚举。",
        "{:?}",
        out.repairs
    );
}

#[test]
fn the_mark_that_ends_a_line_follows_the_marks_inside_it() {
    use encoding_rs::GBK;
    let r = Repairer::new();
    // UTF-8 read as GBK, the last byte of the end mark lost: `；`, `，`, `？`, `！`, `：` all
    // fit. A short line with no mark inside ends in `；` more often than in `，` (items of a
    // list); a long one whose clauses are parted by `，` ends in `，` more often than in `；`.
    for (clean, from) in [
        ("名副其实毋庸多议；", 0),
        (
            "据了解，北京市消防局就其在职官兵于2008年向保险公司投保了团体人身意外伤害保险，",
            36,
        ),
    ] {
        let (head, tail): (String, String) = (
            clean.chars().take(from).collect(),
            clean.chars().skip(from).collect(),
        );
        let garbled = format!("{head}{}", GBK.decode(tail.as_bytes()).0);
        assert!(garbled.ends_with('\u{FFFD}'), "{garbled}");
        assert_eq!(r.repair(&garbled).text, clean);
    }
    // a lost digit is of the width of the digits beside it: after `1.96` a full-width `３`
    // is no digit of the number, and the mark that fits is read
    let head = "受注盘罗马客场让出半球中水，欧赔客胜平均有";
    let garbled = format!("{head}{}", GBK.decode("1.96，".as_bytes()).0);
    assert_eq!(r.repair(&garbled).text, format!("{head}1.96，"));
}

#[test]
fn mojibake_of_decoders_that_replace_byte_by_byte_is_repaired() {
    // Made with Python: `clean.encode("utf-8").decode(codec, errors="replace")`. Its GBK does
    // not read 0x80 and rejects user-defined pairs; its windows-1252 leaves five bytes
    // undefined. Each U+FFFD stands for one byte.
    let cases = [
        (
            "鍒濆\u{FFFD}嬪寲鏁版嵁搴撹繛鎺ワ紝澶辫触鏃堕噸璇曚笁娆°\u{FFFD}\u{FFFD}",
            "初始化数据库连接，失败时重试三次。",
        ),
        (
            "æŒ‰æ\u{FFFD}\u{FFFD}ç¤ºè¾“å…¥å®‰è£…è·¯å¾„ã€‚",
            "按提示输入安装路径。",
        ),
        (
            "鏀垮姟鍏\u{FFFD}寮\u{FFFD}銆佸姙浜嬫湇鍔°\u{FFFD}佷簰鍔ㄤ氦娴\u{FFFD}",
            "政务公开、办事服务、互动交流",
        ),
        // inside clean text, with two lost bytes side by side (被: E8 A2 AB; A2 AB and AB E7
        // are user-defined pairs)
        (
            "2016骞磋\u{FFFD}\u{FFFD}缇\u{FFFD}国航空航天局收录。",
            "2016年被美国航空航天局收录。",
        ),
        (
            "宝钢股份2008骞寸\u{FFFD}\u{FFFD}涓夊\u{FFFD}ｅ害璐㈡姤鐨勨\u{FFFD}滈毦鐪嬧\u{FFFD}濄\u{FFFD}傝\u{FFFD}ュ\u{FFFD}ｆ姤绉\u{FFFD}，“",
            "宝钢股份2008年第三季度财报的“难看”。该季报称，“",
        ),
    ];
    let r = Repairer::new();
    for (garbled, clean) in cases {
        let out = r.repair(garbled);
        assert_eq!(out.text, clean, "{:?}", out.repairs);
        assert!(out.flags.is_empty(), "{:?}", out.flags);
    }
}

#[test]
fn big5_and_gbk_read_by_decoders_that_replace_byte_by_byte_are_repaired() {
    // Made with Python: `clean.encode("big5").decode("gbk", errors="replace")`. Its GBK
    // rejects pairs of the user-defined areas and reads on from the second byte, so each
    // U+FFFD is one byte of a Big5 pair (`�x`: the lead of 台, A5 78).
    let r = Repairer::new();
    for (garbled, clean) in [
        (
            "\u{FFFD}x芖\u{FFFD}j厩戈癟\u{FFFD}u祘厩╰",
            "台灣大學資訊工程學系",
        ),
        ("筿福硁砰\u{FFFD}U更", "電腦軟體下載"),
        ("岿粇\u{FFFD}Gтぃ\u{FFFD}炖僧\u{FFFD}", "錯誤：找不到檔案"),
    ] {
        let out = r.repair(garbled);
        assert_eq!(out.text, clean, "{:?}", out.repairs);
        assert!(
            out.repairs.iter().all(|x| x.kind == "big5-as-gbk"),
            "{:?}",
            out.repairs
        );
    }
    // and GBK read by Python's Big5 the same way (去: C8 A5, and Big5 reserves row C8: `�`
    // is C8, A5 pairs with the next byte, and the last byte, A3 of `。`, is left alone)
    let out = r.repair("\u{FFFD}汁糒懪鴥畋懪麇朴霰振鬤忿侞蛂\u{FFFD}");
    assert_eq!(
        out.text, "去年秋天，孙天宝的女儿订了亲。",
        "{:?}",
        out.repairs
    );
    // U+FFFD in clusters is GBK read as UTF-8: the bytes are gone, and nothing is invented
    let lost = "用３年时\u{FFFD}䣬\u{FFFD}\u{FFFD}ȫ\u{FFFD}ؽ\u{FFFD}\u{FFFD}裳\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}亩枣粮间作基地";
    assert_eq!(r.repair(lost).text, lost);
}

#[test]
fn two_lost_chars_side_by_side_are_judged_together() {
    // Python's GBK: 一 is E4 B8 80 and 0x80 is no GBK byte; 个 is E4 B8 AA, and AA makes no
    // pair with `"`. Each judged with the other in place held on to 中东.
    let r = Repairer::new();
    let out = r.repair("word: \"涓\u{FFFD}涓\u{FFFD}\",");
    assert_eq!(out.text, "word: \"一个\",", "{:?}", out.repairs);
    // two lost digits make no run of digits without a digit that survived beside them:
    // `－` is EF BC 8D, and windows-1252 leaves 8D undefined (`０` would be EF BC 90)
    let out = r.repair("jieba.cut_all(\"aï¼\u{FFFD}ï¼\u{FFFD}b\")");
    assert_eq!(out.text, "jieba.cut_all(\"a－－b\")", "{:?}", out.repairs);
}

#[test]
fn question_marks_for_unreadable_bytes_are_read_as_lost_bytes() {
    // as above, with each U+FFFD written as `?` (a decoder writing into a legacy code page)
    let r = Repairer::new();
    let garbled = "鍒濆?嬪寲鏁版嵁搴撹繛鎺ワ紝澶辫触鏃堕噸璇曚笁娆°??";
    assert_eq!(r.repair(garbled).text, "初始化数据库连接，失败时重试三次。");
    // short stretches inside clean text, a lost byte inside and at the end of each, or two
    // side by side (梅: E6 A2 85, and A2 85 is a user-defined pair)
    for (garbled, clean) in [
        ("治本的办法鏄?娣?化财税改革", "治本的办法是深化财税改革"),
        ("外交部发言浜烘??赫曼说", "外交部发言人梅赫曼说"),
        ("加强保闄╄??业组织的自律", "加强保险行业组织的自律"),
        ("直接加至5000鍏?，此后网友", "直接加至5000元，此后网友"),
    ] {
        assert_eq!(r.repair(garbled).text, clean);
    }
    // GBK pairs the last byte of a UTF-8 char with the ASCII letter after it: 部 is E9 83
    // A8, and A8 46 (`F`) reads as `‵`
    for (garbled, clean) in [
        (
            "巴西电子竞技淇变箰閮‵ireGamers姝ｅ紡缁勫缓了",
            "巴西电子竞技俱乐部FireGamers正式组建了",
        ),
        (
            "所以很澶氬湴鏂笽F閮界敤浜唈ass妯℃嫙",
            "所以很多地方IF都用了jass模拟",
        ),
        // a whole run that reads as Chinese only with its neighbours (适使: 舒适使人)
        (
            "袒露心迹，“舒閫備娇人慵懒，导致无所作为；",
            "袒露心迹，“舒适使人慵懒，导致无所作为；",
        ),
    ] {
        assert_eq!(r.repair(garbled).text, clean);
    }
    // and a question mark in clean text stays
    let clean = "你知道吗?我们明天去北京??";
    assert_eq!(r.repair(clean).text, clean);
}

#[test]
fn gbk_read_as_windows_1252_with_undefined_bytes_is_repaired() {
    // `clean.encode("gbk").decode("cp1252", errors="replace")` in Python: 亞 is 81 86 and 濟
    // is 9D FA in GBK, and windows-1252 defines neither 81 nor 9D
    let clean = "東亞經濟發展的前景很好。";
    let gbk = encoding_rs::GBK.encode(clean).0.into_owned();
    let garbled: String = gbk
        .iter()
        .map(|&b| match b {
            0x81 | 0x8D | 0x8F | 0x90 | 0x9D => '\u{FFFD}',
            b => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&[b])
                .0
                .chars()
                .next()
                .unwrap_or('\u{FFFD}'),
        })
        .collect();
    assert!(garbled.contains('\u{FFFD}'), "{garbled}");
    let out = Repairer::new().repair(&garbled);
    // Every char but the two whose bytes were lost comes back; those two are inferred among
    // the five chars each whose GBK bytes fit, and the right ones are among the candidates.
    // (The language model knows simplified text: in traditional text it may rank another
    // first, as here.)
    let got: Vec<char> = out.text.chars().collect();
    let want: Vec<char> = clean.chars().collect();
    assert_eq!(got.len(), want.len(), "{}", out.text);
    let differ: Vec<usize> = (0..got.len()).filter(|&i| got[i] != want[i]).collect();
    assert!(differ.iter().all(|i| [1, 3].contains(i)), "{}", out.text);
    let [repair] = out.repairs.as_slice() else {
        panic!("{:?}", out.repairs)
    };
    assert_eq!(repair.kind, "gbk-as-cp1252");
    assert_eq!(repair.inferred.len(), 2);
    for (inf, truth) in repair.inferred.iter().zip(["亞", "濟"]) {
        assert!(inf.candidates.iter().any(|c| c.text == truth), "{inf:?}");
    }
    assert!(out.flags.is_empty());
}

#[test]
fn single_latin_letters_and_symbols_read_as_windows_1252_are_read_back() {
    // one accented letter or Latin-1 symbol alone, as code and docs write them: `Ã` (a lead
    // byte of two) before a char of the bytes 0x80–0xBF that is no letter; no word around
    let r = Repairer::new();
    for clean in [
        "Dense 256×256 matrix",
        "assert_eq!(lower(\"Ö\"), \"ö\");",
        "score for \" Š \" here",
        "a Cyrillic \"а\" alone",
    ] {
        let garbled = utf8_as_cp1252(clean);
        assert_ne!(garbled, clean);
        assert_eq!(r.repair(&garbled).text, clean, "{garbled}");
    }
    // clean Latin-1 text stays, and so does GBK read as windows-1252 whose bytes happen to
    // form such pairs of modifier letters (`Ë¶Ê¿` is 硕士, not `˶ʿ`)
    for clean in ["Ça va, Ölkanne, Åsa", "NÃO", "Â£5 ±2 °C", "¶ 3 §4"] {
        assert_eq!(r.repair(clean).text, clean);
    }
    let garbled = gbk_as_cp1252("\"硕士\"");
    assert_eq!(r.repair(&garbled).text, "\"硕士\"", "{garbled}");
}

#[test]
fn an_ascii_mark_that_gbk_took_for_a_trail_byte_is_given_back() {
    // the last byte of `倍` (E5 80 8D) and `]` (5D) read as GBK make one char (`峕`): the
    // mark comes back where it closes what the line opened (a Markdown link, a table cell)
    // or opens what it closes (a note mark)
    let r = Repairer::new();
    for clean in [
        "* [分词性能优化记录：提升 2.4 倍](https://example.com/post)",
        "| 名称 | 提升 2.4 倍| 说明 |",
        "显卡持续运转足足一个月[7]。",
    ] {
        let garbled = read_as_gbk(clean);
        assert_eq!(r.repair(&garbled).text, clean, "{garbled}");
    }
    // a line of a word list that opens nothing is left as it is
    for clean in ["鐘奭\t犊]", "\t鐘紐\t3"] {
        assert_eq!(r.repair(clean).text, clean);
    }
}

#[test]
fn a_clean_symbol_beside_a_garbled_stretch_is_not_taken_into_it() {
    use encoding_rs::{BIG5, GBK};
    // `▲` is Big5 A1 B6, which is GBK `《`; the stretch after it was GBK read as Big5. Read with
    // the `▲`, the line would open a `《` that nothing closes.
    let gbk = GBK.encode("世界保险业").0.into_owned();
    let garbled = format!(
        "约合１１美元▲{}发达国家人均交保险费５０００美元。",
        BIG5.decode(&gbk).0
    );
    let out = Repairer::new().repair(&garbled);
    assert_eq!(
        out.text, "约合１１美元▲世界保险业发达国家人均交保险费５０００美元。",
        "{garbled}"
    );
    // a `《` that the line closes is taken back
    let gbk = GBK.encode("《世界保险业》").0.into_owned();
    let garbled = format!("约合１１美元{}发达国家。", BIG5.decode(&gbk).0);
    assert_eq!(
        Repairer::new().repair(&garbled).text,
        "约合１１美元《世界保险业》发达国家。",
        "{garbled}"
    );
}

#[test]
fn a_lost_closing_mark_closes_what_the_line_left_open() {
    // `」` (E3 80 8D) before `"` lost its last byte: the line opened a `「` that nothing after
    // closes, so the lost char is `」`, not `。`
    let clean = "    \"已將「託」與「托」合併為「托」\",";
    let gbk = read_as_gbk(clean);
    assert!(gbk.contains('\u{FFFD}'), "{gbk}");
    assert_eq!(Repairer::new().repair(&gbk).text, clean, "{gbk}");
}

#[test]
fn a_stretch_left_alone_is_judged_again_once_the_line_after_it_is_repaired() {
    // `绠�` (箍, its last byte lost) is judged first against the garbled text after it; once
    // that is repaired, a second pass would judge it against clean text: the first pass
    // judges it so too, and repairing twice changes nothing more
    let r = Repairer::new();
    let garbled = read_as_gbk("箍 AI 假装，一，一，");
    let once = r.repair(&garbled);
    let twice = r.repair(&once.text);
    assert_eq!(once.text, twice.text, "{garbled}");
    assert!(twice.repairs.is_empty());
    assert!(once.flags.is_empty(), "{:?}", once.flags);
    for rep in &once.repairs {
        assert_eq!(slice(&garbled, rep.start, rep.end), rep.before);
        assert_eq!(
            slice(&once.text, rep.repaired_start, rep.repaired_end),
            rep.after
        );
    }
}

#[test]
fn the_document_itself_says_which_char_a_lost_byte_was() {
    // the line's last char lost its last byte (`曼` is E6 9B BC; GBK reads BC and the line
    // break as no pair); `曾` fits the surviving bytes too and is the commoner char, but the
    // document names 阿尔特曼 five times in its clean lines
    let r = Repairer::new();
    let garbled_line = read_as_gbk("2015年夏天，马斯克找到了志同道合的朋友——萨姆·阿尔特曼\n");
    assert!(garbled_line.contains('\u{FFFD}'), "{garbled_line}");
    let doc = format!(
        "阿尔特曼是创业孵化器的新掌门。\n{garbled_line}阿尔特曼说服了马斯克。\n\
         后来阿尔特曼成为首席执行官。\n阿尔特曼很少接受采访。\n董事会解雇了阿尔特曼。\n"
    );
    let out = r.repair(&doc);
    assert!(
        out.text.contains("萨姆·阿尔特曼\n阿尔特曼说服"),
        "{}",
        out.text
    );
    // the same line alone has no such evidence, and the commoner char wins
    let alone = r.repair(&garbled_line);
    assert!(alone.text.ends_with("萨姆·阿尔特曾\n"), "{}", alone.text);
}

#[test]
fn a_document_read_whole_as_gbk_is_read_back_whatever_its_script() {
    // every line of a UTF-8 file read as GBK: the Chinese lines show it, and then the runs
    // whose bytes read back as UTF-8 with none lost are read back too, though they are not
    // Chinese (a snowman, Greek, katakana)
    let clean = "/// 把字节串转换为字符串。\n\
                 /// let s = B(\"☃βツ\").to_str()?;\n\
                 /// 如果不是有效的 UTF-8，返回错误。\n\
                 /// assert_eq!(Some(4), B(\"αβγγδ\").find_char('γ'));\n\
                 /// 矩阵按行存储。\n\
                 /// 查找第一个匹配的字符。\n";
    let garbled = read_as_gbk(clean);
    let r = Repairer::new();
    let out = r.repair(&garbled);
    assert_eq!(out.text, clean, "{garbled}");
    assert_eq!(r.repair(&out.text).text, out.text);
    // a clean document with a few garbled lines keeps its clean Han char whose GBK bytes
    // happen to be valid UTF-8 (`纬` is CE B3, which is `γ`)
    let doc = format!(
        "{}// the char 纬 stands for latitude\n今天的会议讨论了市场前景。\n{}",
        read_as_gbk("今天的会议讨论了市场前景。\n"),
        read_as_gbk("北京时间上午十点开始。\n会议持续了两个小时。\n")
    );
    let out = r.repair(&doc);
    assert!(out.text.contains("the char 纬 stands"), "{}", out.text);
    assert!(
        out.text.starts_with("今天的会议讨论了市场前景。\n"),
        "{}",
        out.text
    );
    assert!(out.text.ends_with("会议持续了两个小时。\n"), "{}", out.text);
}

#[test]
fn a_document_read_whole_as_windows_1252_is_read_back_whatever_its_script() {
    // the same for windows-1252: Greek, katakana and a rare Han char the word model does not
    // know read back once the Chinese lines show how the file was read, and a run that reads
    // back whole is read whole (the snowman alone reads as text to the word model)
    let clean = "/// 把字节串转换为字符串。\n\
                 /// let s = B(\"☃βツ\").to_str()?;\n\
                 /// 如果不是有效的 UTF-8，返回错误。\n\
                 /// cut(\"龘龘龘\", &mut words);\n\
                 /// 查找第一个匹配的字符。\n";
    let garbled = utf8_as_cp1252(clean);
    let r = Repairer::new();
    let out = r.repair(&garbled);
    assert_eq!(out.text, clean, "{garbled}");
    assert_eq!(r.repair(&out.text).text, out.text);
    // a document with clean accented text and a few garbled lines keeps it
    let doc = format!(
        "café, naïve, Ölkanne\n{}",
        utf8_as_cp1252(
            "今天的会议讨论了市场前景。\n北京时间上午十点开始。\n会议持续了两个小时。\n"
        )
    );
    let out = r.repair(&doc);
    assert!(
        out.text.starts_with("café, naïve, Ölkanne\n今天的会议"),
        "{}",
        out.text
    );
}

#[test]
fn a_document_of_gbk_read_whole_as_windows_1252_is_read_back() {
    // GBK read as windows-1252 throughout: once the Chinese lines show it, marks and rare
    // chars standing alone between ASCII, too short to judge by themselves, are read back
    // as well (`¡ª` is GBK `—`, `¡Á` is `×`, `ý“` is `龘`)
    let clean = "// 小明硕士毕业于中国科学院计算所，后在日本京都大学深造。\n\
                 /// Dense 256×256 matrix — row by row.\n\
                 // 我们中出了一个叛徒。\n\
                 cut(\"龘龘龘\", &mut words);\n\
                 \"hello world！this is a test\",\n\
                 // 他来到了网易杭研大厦。\n";
    let garbled = gbk_as_cp1252(clean);
    let r = Repairer::new();
    let out = r.repair(&garbled);
    assert_eq!(out.text, clean, "{garbled}");
    assert_eq!(r.repair(&out.text).text, out.text);
    // clean accented text beside a few garbled lines stays
    let doc = format!(
        "café, naïve, Ölkanne, señor\n{}",
        gbk_as_cp1252("今天的会议讨论了市场前景。\n北京时间上午十点开始。\n会议持续了两个小时。\n")
    );
    let out = r.repair(&doc);
    assert!(
        out.text
            .starts_with("café, naïve, Ölkanne, señor\n今天的会议"),
        "{}",
        out.text
    );
}
