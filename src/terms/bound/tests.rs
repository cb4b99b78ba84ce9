use super::*;

/// Tokens from `word/pos` pairs separated by spaces, spans computed.
fn toks(spec: &str) -> Vec<Token> {
    let mut pos = 0;
    spec.split_whitespace()
        .map(|wp| {
            let (w, p) = wp.split_once('/').unwrap();
            let n = w.chars().count();
            pos += n;
            Token {
                text: w.to_owned(),
                span: CharSpan::new(pos - n, pos),
                pos: p.to_owned(),
            }
        })
        .collect()
}

fn words(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().map(|t| t.text.as_str()).collect()
}

fn assert_covers(before: &[Token], after: &[Token]) {
    let mut pos = before[0].span.start;
    for t in after {
        assert_eq!(t.span.start, pos, "{after:?}");
        assert_eq!(t.span.len(), t.text.chars().count());
        pos = t.span.end;
    }
    assert_eq!(pos, before.last().unwrap().span.end);
    let a: String = before.iter().map(|t| t.text.as_str()).collect();
    let b: String = after.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(a, b);
}

#[test]
fn bound_char_on_the_left_is_moved() {
    let t = toks("给/p 英/j 伟达/a 交/v 钱/n ，/x 但英/j 伟达/a 推出/v 新/a 卡/n");
    let r = rejoin(&t);
    assert_eq!(
        words(&r),
        [
            "给",
            "英伟达",
            "交",
            "钱",
            "，",
            "但",
            "英伟达",
            "推出",
            "新",
            "卡"
        ]
    );
    assert_eq!(r[1].span, CharSpan::new(1, 4));
    assert_eq!(r[1].pos, "nz");
    assert_eq!(r[5].pos, DICTIONARY.pos("但").unwrap());
    assert_covers(&t, &r);
}

#[test]
fn bound_char_on_the_right_with_whole_word_elsewhere() {
    // 阿尔特 occurs once, but 阿尔特曼 is a token elsewhere.
    let t = toks("阿尔特曼/nrt 与/p 马斯克/nr ，/x 阿尔特/nrt 曼是/v 人/n");
    let r = rejoin(&t);
    assert_eq!(
        words(&r),
        ["阿尔特曼", "与", "马斯克", "，", "阿尔特曼", "是", "人"]
    );
    assert_covers(&t, &r);
}

#[test]
fn bound_pair_joined() {
    let t = toks("萨特/nr 斯基弗/nr 是/v 学生/n ，/x 萨特/nr 斯基弗/nr 加入/v");
    let r = rejoin(&t);
    assert_eq!(
        words(&r),
        ["萨特斯基弗", "是", "学生", "，", "萨特斯基弗", "加入"]
    );
    assert_covers(&t, &r);
}

#[test]
fn words_that_merely_go_together_stay_apart() {
    // 国 is the end of a whole word, never alone; 中国 and 企业 are no names.
    let t = toks("中国/ns 企业/n 在/p 增长/v ，/x 中国/ns 企业/n 很多/m");
    assert_eq!(rejoin(&t), t);
}

#[test]
fn free_words_left_alone() {
    // 模型 has different neighbours; 马斯克 is always followed by 说, a verb; 研究 is
    // always followed by 领域, but 领域 also occurs alone; 杨元庆 occurs once.
    let t = toks(
        "大/a 模型/n 和/c 小/a 模型/n 。/x 马斯克/nr 说/v 研究/n 领域/n ，/x 马斯克/nr 说/v
         研究/n 领域/n 与/p 领域/n 杨元庆/nr 英/j",
    );
    assert_eq!(rejoin(&t), t);
}

#[test]
fn one_occurrence_is_no_evidence() {
    let t = toks("英/j 伟达/a 推出/v 显卡/n");
    assert_eq!(rejoin(&t), t);
}

#[test]
fn stopword_neighbours_never_glue() {
    let t = toks("的/uj 模型/n ，/x 的/uj 模型/n");
    assert_eq!(rejoin(&t), t);
}

#[test]
fn length_capped() {
    let t = toks("甲乙丙丁戊/nz 己庚辛壬癸子/nz 。/x 甲乙丙丁戊/nz 己庚辛壬癸子/nz");
    assert_eq!(rejoin(&t), t);
}

#[test]
fn non_contiguous_tokens_unchanged() {
    let mut t = toks("英/j 伟达/a 推出/v 英/j 伟达/a");
    t[2].span = CharSpan::new(10, 12);
    assert_eq!(rejoin(&t), t);
    assert!(rejoin(&[]).is_empty());
}
