use super::filter::is_number;
use super::*;
use crate::segment::Segmenter;

const QUANTUM: &str = "量子计算机利用量子比特进行计算。量子比特可以同时处于多种状态，\
    因此量子计算机在某些问题上远快于经典计算机。2019年，研究人员用53个量子比特完成了实验，\
    量子优越性第一次得到证明。";

fn extract(text: &str, config: TermsConfig) -> Terms {
    TermExtractor::new(config).extract(&Segmenter::new().segment(text))
}

fn article() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/000_19b1e827103f711d.txt"
    );
    std::fs::read_to_string(path).unwrap()
}

fn check_keywords(k: &[Keyword]) {
    assert_eq!(k[0].weight, 1.0);
    for w in k.windows(2) {
        assert!(
            w[0].weight > w[1].weight || (w[0].weight == w[1].weight && w[0].term < w[1].term),
            "{w:?}"
        );
    }
    for kw in k {
        assert!(kw.weight > 0.0 && kw.weight <= 1.0, "{kw:?}");
        assert_eq!(
            (kw.weight * 1e4).round() / 1e4,
            kw.weight,
            "{kw:?} not rounded"
        );
    }
}

#[test]
fn obvious_keywords() {
    let t = extract(QUANTUM, TermsConfig::default());
    assert_eq!(t.counts[0].term, "量子");
    assert_eq!(t.tfidf[0].term, "量子");
    assert!(
        t.textrank.iter().take(3).any(|k| k.term == "量子"),
        "{:?}",
        t.textrank
    );
    let all = t.counts.iter().map(|c| c.term.as_str());
    let all = all.chain(t.tfidf.iter().chain(&t.textrank).map(|k| k.term.as_str()));
    for term in all {
        assert!(
            !["2019", "53", "第一", "因此", "可以", "，", "。"].contains(&term),
            "{term}"
        );
        assert!(term.chars().count() >= 2, "{term}");
    }
    check_keywords(&t.tfidf);
    check_keywords(&t.textrank);
}

#[test]
fn counts_ordered_and_truncated() {
    let config = TermsConfig {
        top_n: 3,
        ..TermsConfig::default()
    };
    let t = extract(QUANTUM, config);
    assert_eq!(t.counts.len(), 3);
    assert_eq!(t.tfidf.len(), 3);
    assert_eq!(t.textrank.len(), 3);
    let full = extract(QUANTUM, TermsConfig::default());
    for w in full.counts.windows(2) {
        assert!(w[0].count > w[1].count || (w[0].count == w[1].count && w[0].term < w[1].term));
    }
    assert_eq!(t.counts[..], full.counts[..3]);
}

#[test]
fn top_zero_and_empty_input() {
    let config = TermsConfig {
        top_n: 0,
        ..TermsConfig::default()
    };
    assert_eq!(extract(QUANTUM, config), Terms::default());
    assert_eq!(extract("", TermsConfig::default()), Terms::default());
    assert_eq!(
        extract("，。！  \n 2019 的", TermsConfig::default()),
        Terms::default()
    );
}

#[test]
fn switches_keep_numbers_and_stopwords() {
    let config = TermsConfig {
        stopwords: false,
        drop_numbers: false,
        ..TermsConfig::default()
    };
    let t = extract(
        QUANTUM,
        TermsConfig {
            top_n: 100,
            ..config
        },
    );
    let has = |w: &str| t.counts.iter().any(|c| c.term == w);
    assert!(has("2019") && has("因此") && has("可以"), "{:?}", t.counts);
}

#[test]
fn deterministic() {
    let text = article();
    let tokens = Segmenter::new().segment(&text);
    let first = TermExtractor::new(TermsConfig::default()).extract(&tokens);
    for _ in 0..3 {
        assert_eq!(
            TermExtractor::new(TermsConfig::default()).extract(&tokens),
            first
        );
    }
}

#[test]
fn article_keywords_have_no_fragments_or_numbers() {
    let t = extract(&article(), TermsConfig::default());
    assert_eq!(t.tfidf.len(), 20);
    check_keywords(&t.tfidf);
    check_keywords(&t.textrank);
    for k in t.tfidf.iter().chain(&t.textrank) {
        assert!(
            !["阿尔特", "基弗", "萨特", "伟达", "斯基弗"].contains(&k.term.as_str()),
            "{k:?}"
        );
        assert!(!is_number(&k.term, ""), "{k:?}");
    }
    let terms: Vec<&str> = t.tfidf.iter().map(|k| k.term.as_str()).collect();
    for expected in ["OpenAI", "马斯克", "阿尔特曼"] {
        assert!(terms.contains(&expected), "{expected} not in {terms:?}");
    }
}
