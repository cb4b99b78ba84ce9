//! Writing systems other than Chinese that clean text may hold.

/// The alphabet a letter belongs to, for the scripts whose words must not be taken for
/// mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    Cyrillic,
    Greek,
    Hangul,
    Kana,
}

fn alphabet(c: char) -> Option<Alphabet> {
    match c as u32 {
        0x0400..=0x04FF => Some(Alphabet::Cyrillic),
        0x0370..=0x03FF => Some(Alphabet::Greek),
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Some(Alphabet::Hangul),
        0x3040..=0x30FF => Some(Alphabet::Kana),
        _ => None,
    }
}

/// Whether `run` is a word of one alphabet (Cyrillic, Greek, Hangul, kana) with a
/// plausible letter case: all lower, all upper, or one capital then lower case.
pub fn is_alphabetic_word(run: &str) -> bool {
    let mut chars = run.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let Some(a) = alphabet(first) else {
        return false;
    };
    if !run.chars().all(|c| alphabet(c) == Some(a)) {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    rest.iter().all(|c| !c.is_uppercase()) || run.chars().all(|c| !c.is_lowercase())
}

/// Whether `text` holds a word of one alphabet (see [`is_alphabetic_word`]) of at least
/// three letters. Mojibake of Chinese seldom produces three letters of one alphabet in a row
/// with a plausible letter case; a Russian or Greek word always does.
pub fn has_alphabetic_word(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some(a) = alphabet(chars[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < chars.len() && alphabet(chars[j]) == Some(a) {
            j += 1;
        }
        let word: String = chars[i..j].iter().collect();
        if j - i >= 3 && is_alphabetic_word(&word) {
            return true;
        }
        i = j;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_other_scripts() {
        assert!(is_alphabetic_word("Спасибо"));
        assert!(is_alphabetic_word("Ελλάδα"));
        assert!(is_alphabetic_word("ありがとう"));
        assert!(!is_alphabetic_word("ÖÐÎÄ"));
        assert!(!is_alphabetic_word("Α蹲"));
        assert!(!is_alphabetic_word("сПАсибо"));
        assert!(has_alphabetic_word("是 Здравствуйте，“谢谢”"));
        assert!(!has_alphabetic_word("岢晒Α蹲侍"));
    }
}
