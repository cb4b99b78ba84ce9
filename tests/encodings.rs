//! The same text in other encodings decodes to the same text, and analyses to the same
//! entities, terms and keywords.

use std::path::PathBuf;

use encoding_rs::{BIG5, GB18030};
use wenxi::ingest::decode;
use wenxi::{Config, Pipeline};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn article() -> String {
    std::fs::read_to_string(root().join("corpus/000_19b1e827103f711d.txt")).unwrap()
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = GB18030.encode(text);
    assert!(!unmappable, "GB18030 encodes every Unicode scalar value");
    bytes.into_owned()
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut bytes = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    bytes
}

/// The article holds U+FFFD and private-use characters (in its garbled run). GB18030 maps
/// U+FFFD to the four-byte sequence 84 31 A4 37 and private-use characters to its
/// user-defined areas, so nothing is lost: no substitution or workaround is needed.
#[test]
fn article_has_the_awkward_characters_gb18030_keeps() {
    let text = article();
    assert!(text.contains('\u{FFFD}'));
    assert!(text.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)));
    assert_eq!(gb18030("\u{FFFD}"), [0x84, 0x31, 0xA4, 0x37]);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode("\u{FFFD}");
    assert!(unmappable, "plain GBK cannot hold U+FFFD ({gbk:?})");
}

#[test]
fn article_as_gb18030() {
    let text = article();
    let d = decode(&gb18030(&text)).unwrap();
    assert_eq!(d.text, text);
    // chardetng names the family GBK; decoding GBK with the GB18030 decoder keeps the
    // four-byte sequences.
    assert_eq!(d.info.encoding, "GBK");
    assert_eq!(d.info.method, "detected");
    assert!(!d.info.bom);
    assert_eq!(
        d.info.malformed, 0,
        "U+FFFD came from real bytes, not malformed ones"
    );
    assert!(d.info.confident);
}

#[test]
fn article_as_utf16_with_bom() {
    let text = article();
    for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let d = decode(&utf16(&text, le)).unwrap();
        assert_eq!(d.text, text, "{name}");
        assert_eq!(d.info.encoding, name);
        assert!(d.info.bom);
        assert_eq!(d.info.method, "bom");
        assert_eq!(d.info.malformed, 0);
    }
}

#[test]
fn traditional_chinese_as_big5() {
    let text = std::fs::read_to_string(root().join("tests/data/big5_source.txt")).unwrap();
    assert!(text.chars().count() >= 300);
    let (bytes, _, unmappable) = BIG5.encode(&text);
    assert!(!unmappable, "the fixture must be Big5-encodable");
    let d = decode(&bytes).unwrap();
    assert_eq!(d.info.encoding, "Big5");
    assert_eq!(d.text, text);
    assert!(d.info.confident);
    assert_eq!(d.info.malformed, 0);
}

#[test]
fn gb18030_and_utf8_analyse_alike() {
    let text = article();
    let pipeline = Pipeline::new(Config::default());
    let utf8 = pipeline.analyze_bytes("a.txt", text.as_bytes()).unwrap();
    let gb = pipeline.analyze_bytes("a.txt", &gb18030(&text)).unwrap();
    assert_eq!(utf8.source.encoding, "UTF-8");
    assert_eq!(gb.source.encoding, "GBK");
    assert_ne!(utf8.source.sha256, gb.source.sha256);
    assert_eq!(gb.entities, utf8.entities);
    assert_eq!(gb.terms, utf8.terms);
    assert_eq!(gb.keywords, utf8.keywords);
    assert_eq!(gb.repairs, utf8.repairs);
    assert_eq!(gb.flags, utf8.flags);
    assert_eq!(gb.stats, utf8.stats);
    assert!(!utf8.terms.is_empty() && !utf8.keywords.tfidf.is_empty());
}
