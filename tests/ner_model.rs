//! The trained entity model end to end: train on a tiny fixture, tag it back, save, load,
//! and score.

use wenxi::ner::EntityType;
use wenxi::ner::model::{
    EntityModel, JiebaPos, PerceptronModel, Scores, Sentence, Tag, TrainConfig, find_entities,
    parse_bio,
};
use wenxi::segment::Segmenter;

const FIXTURE: &str = include_str!("data/ner_tiny.txt");

fn train() -> PerceptronModel {
    let sentences = parse_bio("ner_tiny.txt", FIXTURE).unwrap();
    let config = TrainConfig {
        epochs: 30,
        folds: 2,
        ..TrainConfig::default()
    };
    PerceptronModel::train(&sentences, &Segmenter::new(), &config).unwrap()
}

#[test]
fn trained_model_tags_its_training_sentences_back() {
    let sentences = parse_bio("ner_tiny.txt", FIXTURE).unwrap();
    assert_eq!(sentences.len(), 10);
    let seg = Segmenter::new();
    let model = train();
    let mut scores = Scores::new();
    for s in &sentences {
        let tags = model.tag(&Sentence::new(&s.chars, &seg));
        assert_eq!(tags.len(), s.chars.len());
        scores.add(&s.tags, &tags);
    }
    let all = scores.overall();
    assert_eq!(all.gold, 24);
    assert!(all.f1() > 0.95, "{all:?}");

    // Saved and loaded, the model tags the same.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.bin");
    model.save(&path).unwrap();
    let loaded = PerceptronModel::load(&path).unwrap();
    assert_eq!(loaded.info(), model.info());
    for s in &sentences {
        let sent = Sentence::new(&s.chars, &seg);
        assert_eq!(loaded.tag(&sent), model.tag(&sent));
    }
}

#[test]
fn find_entities_gives_offsets_into_the_text() {
    let model = train();
    let seg = Segmenter::new();
    let text = "第一句。\n王小明昨天在杭州参观了浙江大学。";
    let chars: Vec<char> = text.chars().collect();
    let found: Vec<(String, EntityType)> = find_entities(&model, &seg, text)
        .into_iter()
        .map(|(s, k)| (s.slice(&chars), k))
        .collect();
    assert!(
        found.contains(&("王小明".to_owned(), EntityType::Per)),
        "{found:?}"
    );
    assert!(
        found.contains(&("浙江大学".to_owned(), EntityType::Org)),
        "{found:?}"
    );
}

#[test]
fn bad_model_files_are_errors() {
    assert!(PerceptronModel::from_bytes("x", b"not a model").is_err());
    assert!(PerceptronModel::from_bytes("x", b"wenxi-ner-crf 1\n{}\n").is_err());
    assert!(PerceptronModel::from_bytes("x", b"wenxi-ner-ap 1\n{}\n").is_err());
    let dir = tempfile::tempdir().unwrap();
    assert!(PerceptronModel::load(&dir.path().join("missing.bin")).is_err());
}

#[test]
fn training_needs_sentences() {
    let e = PerceptronModel::train(&[], &Segmenter::new(), &TrainConfig::default()).unwrap_err();
    assert!(e.to_string().contains("no training sentences"), "{e}");
}

#[test]
fn empty_sentence_gets_no_tags() {
    let seg = Segmenter::new();
    assert!(JiebaPos.tag(&Sentence::new(&[], &seg)).is_empty());
    assert_eq!(Tag::parse("B-ORG"), Some(Tag::B(EntityType::Org)));
}

#[test]
fn training_is_deterministic() {
    // The weights (everything after the JSON line, which holds the training time) are the
    // same byte for byte.
    let weights = |bytes: Vec<u8>| {
        let mut lines = bytes.splitn(3, |&b| b == b'\n');
        let (_, _, rest) = (lines.next(), lines.next(), lines.next().unwrap());
        rest.to_vec()
    };
    let a = weights(train().to_bytes().unwrap());
    let b = weights(train().to_bytes().unwrap());
    assert!(!a.is_empty());
    assert_eq!(a, b);
}
