//! End-to-end tests of the recogniser on sentences written for the tests (news of several
//! topics), through the real segmenter.

use super::{Entity, EntityType, Recognizer};
use crate::segment::Segmenter;

static SEGMENTER: std::sync::LazyLock<Segmenter> = std::sync::LazyLock::new(Segmenter::new);

fn run(text: &str) -> Vec<Entity> {
    let tokens = SEGMENTER.segment(text);
    Recognizer::new().recognize(text, &tokens)
}

fn has(es: &[Entity], text: &str, kind: EntityType) -> bool {
    es.iter().any(|e| e.kind == kind && e.text == text)
}

fn kinds_of(es: &[Entity], kind: EntityType) -> Vec<String> {
    es.iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.text.clone())
        .collect()
}

fn assert_offsets(text: &str, es: &[Entity]) {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for e in es {
        assert_eq!(e.count, e.mentions.len());
        for m in &e.mentions {
            assert_eq!(m.span().slice(&chars), m.text, "{e:?}");
            spans.push((m.start, m.end));
        }
    }
    spans.sort();
    for w in spans.windows(2) {
        assert!(w[0].1 <= w[1].0, "overlap {w:?}");
    }
    let firsts: Vec<usize> = es.iter().map(|e| e.mentions[0].start).collect();
    assert!(
        firsts.windows(2).all(|w| w[0] <= w[1]),
        "not sorted: {firsts:?}"
    );
}

#[test]
fn people_and_companies_in_tech_news() {
    let text = "2021年，蒂姆·库克在加州库比蒂诺发布了新款iPhone。库克表示，苹果公司将在中国投资 5 亿美元。\
                雷军随后宣布，小米将在北京建厂，华为和腾讯也在跟进。";
    let es = run(text);
    assert_offsets(text, &es);
    let per = kinds_of(&es, EntityType::Per);
    assert!(per.contains(&"蒂姆·库克".to_owned()), "{per:?}");
    assert!(per.contains(&"雷军".to_owned()), "{per:?}");
    let cook = es.iter().find(|e| e.text == "蒂姆·库克").unwrap();
    assert_eq!(cook.forms, ["蒂姆·库克", "库克"]);
    for org in ["苹果公司", "华为", "腾讯", "小米"] {
        assert!(has(&es, org, EntityType::Org), "{org}: {es:?}");
    }
    for loc in ["加州", "库比蒂诺", "中国", "北京"] {
        assert!(has(&es, loc, EntityType::Loc), "{loc}: {es:?}");
    }
    assert!(has(&es, "iPhone", EntityType::Product));
    assert!(has(&es, "5 亿美元", EntityType::Money));
    assert!(has(&es, "2021年", EntityType::Date));
}

#[test]
fn politics_and_places() {
    let text = "外交部发言人王文斌在北京表示，中方欢迎法国总统访华。俄罗斯和乌克兰的谈判仍在进行，\
                联合国秘书长对此表示关注。";
    let es = run(text);
    assert_offsets(text, &es);
    assert!(has(&es, "王文斌", EntityType::Per), "{es:?}");
    assert!(has(&es, "外交部", EntityType::Org), "{es:?}");
    assert!(has(&es, "联合国", EntityType::Org), "{es:?}");
    for loc in ["北京", "法国", "俄罗斯", "乌克兰"] {
        assert!(has(&es, loc, EntityType::Loc), "{loc}: {es:?}");
    }
    let per = kinds_of(&es, EntityType::Per);
    for role in ["发言人", "总统", "秘书长"] {
        assert!(!per.iter().any(|p| p.contains(role)), "{role} in {per:?}");
    }
}

#[test]
fn sports_and_culture() {
    let text = "在昨天的比赛中，梅西打进两球，阿根廷队获得冠军，亚军是法国队。\
                导演张艺谋的新片《满江红》票房超过 40 亿元，增长了 30%。";
    let es = run(text);
    assert_offsets(text, &es);
    assert!(has(&es, "梅西", EntityType::Per), "{es:?}");
    assert!(has(&es, "张艺谋", EntityType::Per), "{es:?}");
    assert!(has(&es, "满江红", EntityType::Work), "{es:?}");
    assert!(has(&es, "40 亿元", EntityType::Money), "{es:?}");
    assert!(has(&es, "30%", EntityType::Percent), "{es:?}");
    assert!(has(&es, "昨天", EntityType::Date), "{es:?}");
    let per = kinds_of(&es, EntityType::Per);
    assert!(
        !per.iter()
            .any(|p| p == "冠军" || p == "亚军" || p == "导演"),
        "{per:?}"
    );
}

#[test]
fn business_news_with_suffixes() {
    let text = "据彭博社报道，英伟达CEO黄仁勋周三在台北宣布，公司将向微软出售更多H100芯片。\
                另一家初创公司智谱华章科技有限公司也获得了腾讯的投资。";
    let es = run(text);
    assert_offsets(text, &es);
    assert!(has(&es, "黄仁勋", EntityType::Per), "{es:?}");
    for org in ["彭博社", "英伟达", "微软", "腾讯"] {
        assert!(has(&es, org, EntityType::Org), "{org}: {es:?}");
    }
    assert!(
        es.iter()
            .any(|e| e.kind == EntityType::Org && e.text.ends_with("科技有限公司")),
        "{es:?}"
    );
    assert!(has(&es, "台北", EntityType::Loc), "{es:?}");
    assert!(has(&es, "H100", EntityType::Product), "{es:?}");
    assert!(has(&es, "周三", EntityType::Date), "{es:?}");
}

#[test]
fn common_words_are_not_entities() {
    let text = "他吃了一个苹果，让人联想到小时候。明星和博客作者都来了，教授也在。";
    let es = run(text);
    let names: Vec<&Entity> = es
        .iter()
        .filter(|e| matches!(e.kind, EntityType::Per | EntityType::Org | EntityType::Loc))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn dictionary_words_tagged_as_names_need_cues() {
    let text = "他荣获了劳动模范称号，卫星发射成功。诗人杜甫曾住在成都市武侯区。\
                奥巴马和希拉里·克林顿会见了德国总理默克尔。詹姆斯·韦布空间望远镜升空，马斯克号召员工加班。";
    let es = run(text);
    assert_offsets(text, &es);
    let per = kinds_of(&es, EntityType::Per);
    for p in ["杜甫", "奥巴马", "希拉里·克林顿", "默克尔", "马斯克"] {
        assert!(per.contains(&p.to_owned()), "{p} not in {per:?}");
    }
    for p in ["荣获", "卫星", "武侯区", "詹姆斯·韦布"] {
        assert!(!per.contains(&p.to_owned()), "{p} in {per:?}");
    }
    assert!(has(&es, "武侯区", EntityType::Loc), "{es:?}");
    assert!(has(&es, "德国", EntityType::Loc), "{es:?}");
}

#[test]
fn company_names_with_place_and_industry_words() {
    let text = "2010年，他创办了深圳市大疆创新科技有限公司，后来又投资了日本的索尼。";
    let es = run(text);
    assert!(
        has(&es, "深圳市大疆创新科技有限公司", EntityType::Org),
        "{es:?}"
    );
    assert!(has(&es, "索尼", EntityType::Org), "{es:?}");
    assert!(has(&es, "日本", EntityType::Loc), "{es:?}");
}

#[test]
fn empty_and_tokenless_input() {
    assert!(run("").is_empty());
    let es = Recognizer::new().recognize("他在2019年去了美国。", &[]);
    assert!(es.iter().any(|e| e.text == "2019年"));
    assert!(es.iter().any(|e| e.text == "美国"));
}

/// Prints the entities of the corpus files (run with `--ignored --nocapture`).
#[test]
#[ignore]
fn print_corpus_entities() {
    let Ok(dir) = std::fs::read_dir("corpus") else {
        return;
    };
    for entry in dir.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        println!("== {}", entry.path().display());
        for e in run(&text) {
            println!(
                "{}\t{}\t{}\t{:?}",
                e.kind.as_str(),
                e.count,
                e.text,
                e.forms
            );
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    #[test]
    fn mentions_always_slice_the_text(
        text in "[0-9a-zA-Z 年月日亿万元%个·《》，。、和在是李王马斯克特拉公司大学省市美国中国苹果联想小萨\\-:]{0,60}"
    ) {
        let es = run(&text);
        assert_offsets(&text, &es);
    }
}

/// `text` with the model mentions `found` (by their text and type) merged as `merge` says.
fn run_with(text: &str, found: &[(&str, EntityType)], merge: super::ModelMerge) -> Vec<Entity> {
    let tokens = SEGMENTER.segment(text);
    let chars: Vec<char> = text.chars().collect();
    let spans: Vec<(crate::span::CharSpan, EntityType)> = found
        .iter()
        .map(|&(name, kind)| {
            let n: Vec<char> = name.chars().collect();
            let at = (0..chars.len())
                .find(|&i| chars[i..].starts_with(&n))
                .expect("mention in text");
            (crate::span::CharSpan::new(at, at + n.len()), kind)
        })
        .collect();
    Recognizer::new().recognize_with(text, &tokens, &spans, merge)
}

#[test]
fn model_mentions_fill_in_what_the_rules_miss() {
    use super::ModelMerge;
    let text = "赌赢了，可以在教科书里比肩牛顿。阿尔特曼在硅谷见了他。";
    let rules = run(text);
    assert!(!has(&rules, "牛顿", EntityType::Per), "{rules:?}");
    // a wrong model mention over a rule's name changes nothing; a new name is added
    let found = [
        ("牛顿", EntityType::Per),
        ("阿尔特曼在硅谷", EntityType::Org),
    ];
    let merged = run_with(text, &found, ModelMerge::Fill);
    assert!(has(&merged, "牛顿", EntityType::Per), "{merged:?}");
    assert!(!has(&merged, "阿尔特曼在硅谷", EntityType::Org));
    assert!(has(&merged, "硅谷", EntityType::Loc));
    assert_offsets(text, &merged);
    // competing, the longer model mention wins
    let merged = run_with(text, &found, ModelMerge::Compete);
    assert!(
        has(&merged, "阿尔特曼在硅谷", EntityType::Org),
        "{merged:?}"
    );
}

#[test]
fn a_model_mention_of_a_nickname_joins_the_full_name() {
    let text = "伊利亚·萨特斯基弗加入了公司。萨特斯基弗说，小萨很忙。";
    let found = [("小萨", EntityType::Per)];
    let merged = run_with(text, &found, super::ModelMerge::Fill);
    let per = kinds_of(&merged, EntityType::Per);
    assert_eq!(per, ["伊利亚·萨特斯基弗"], "{merged:?}");
    assert!(merged[0].forms.contains(&"小萨".to_owned()));
}

#[test]
fn a_dropped_model_mention_gives_back_the_names_it_beat() {
    // The model's `英伟达A100` beats the rules' `英伟达` and `A100` under it, but the rules
    // find `A100` there again (a name of the text): the mention is dropped, and `英伟达`
    // competes again.
    let text = "英伟达发布了A100芯片。AI训练高度依赖于英伟达A100、H100等专用显卡。";
    let found = [("英伟达A100", EntityType::Org)];
    let merged = run_with(text, &found, super::ModelMerge::Compete);
    assert!(!has(&merged, "英伟达A100", EntityType::Org), "{merged:?}");
    let nvidia = merged.iter().find(|e| e.text == "英伟达").expect("英伟达");
    assert_eq!(nvidia.mentions.len(), 2, "{merged:?}");
    assert_offsets(text, &merged);
}
