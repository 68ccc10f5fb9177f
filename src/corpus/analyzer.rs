//! The multilingual tokenizer used on both the index and the query side: Unicode word
//! boundaries (UAX #29, unicode-segmentation) keep Indic words whole (a virama or a nukta does
//! not split "व्यक्तिगत"), runs of scripts written without spaces (Chinese, Japanese, Thai, Lao,
//! Khmer, Myanmar) go to ICU's dictionary segmenter, and every token is lower-cased and NFC.
use std::sync::LazyLock;

use icu_segmenter::{options::WordBreakInvariantOptions, WordSegmenter, WordSegmenterBorrowed};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{is_unspaced_script, nfc};

/// The name the tokenizer is registered under in every corpus.
pub const NAME: &str = "polidex";

static DICTIONARY: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// Tokens longer than this (in bytes) are skipped: they are not words and bloat the index.
const MAX_TOKEN: usize = 100;

#[derive(Clone, Default)]
pub struct MultilingualTokenizer;

/// Tokens are found up front as byte ranges; their text is written into one reused buffer as
/// the index asks for them, so a token costs no allocation.
pub struct MultilingualStream<'a> {
    text: &'a str,
    spans: Vec<(usize, usize)>,
    index: usize,
    current: Token,
}

/// Write the normalised form of `word` (lower case, NFC) into `out`.
fn normalise_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    let lower = word.to_lowercase();
    out.push_str(&nfc(&lower));
}

/// All tokens of a text (byte offsets into it).
pub fn tokenize(text: &str) -> Vec<Token> {
    spans(text)
        .into_iter()
        .enumerate()
        .map(|(position, (from, to))| {
            let mut t = String::new();
            normalise_into(&text[from..to], &mut t);
            Token {
                offset_from: from,
                offset_to: to,
                position,
                text: t,
                position_length: 1,
            }
        })
        .collect()
}

/// The byte ranges of the words of a text.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut tokens = Vec::new();
    let mut push = |from: usize, to: usize| {
        let word = &text[from..to];
        if to - from > MAX_TOKEN || !word.chars().any(char::is_alphanumeric) {
            return;
        }
        tokens.push((from, to));
    };
    // split into runs of unspaced-script characters and the rest
    let mut run_start = 0;
    let mut run_unspaced: Option<bool> = None;
    let flush = |from: usize, to: usize, unspaced: bool, push: &mut dyn FnMut(usize, usize)| {
        let part = &text[from..to];
        if unspaced {
            let mut prev = 0;
            for (brk, kind) in DICTIONARY.segment_str(part).iter_with_word_type() {
                if brk > prev && kind.is_word_like() {
                    push(from + prev, from + brk);
                }
                prev = brk;
            }
        } else {
            for (i, w) in part.split_word_bound_indices() {
                push(from + i, from + i + w.len());
            }
        }
    };
    for (i, c) in text.char_indices() {
        let u = is_unspaced_script(c);
        match run_unspaced {
            Some(prev) if prev != u => {
                flush(run_start, i, prev, &mut push);
                run_start = i;
                run_unspaced = Some(u);
            }
            None => run_unspaced = Some(u),
            _ => {}
        }
    }
    if let Some(u) = run_unspaced {
        flush(run_start, text.len(), u, &mut push);
    }
    tokens
}

impl Tokenizer for MultilingualTokenizer {
    type TokenStream<'a> = MultilingualStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MultilingualStream<'a> {
        MultilingualStream {
            text,
            spans: spans(text),
            index: 0,
            current: Token::default(),
        }
    }
}

impl TokenStream for MultilingualStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(&(from, to)) = self.spans.get(self.index) else {
            return false;
        };
        self.current.offset_from = from;
        self.current.offset_to = to;
        self.current.position = self.index;
        self.current.position_length = 1;
        normalise_into(&self.text[from..to], &mut self.current.text);
        self.index += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    fn words(t: &str) -> Vec<String> {
        tokenize(t).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn indic_words_stay_whole() {
        assert_eq!(
            words("आपकी व्यक्तिगत जानकारी"),
            vec!["आपकी", "व्यक्तिगत", "जानकारी"]
        );
        assert_eq!(words("আপনার ব্যক্তিগত তথ্য"), vec!["আপনার", "ব্যক্তিগত", "তথ্য"]);
        assert_eq!(words("ज़रूरी"), vec!["ज़रूरी"]);
    }

    #[test]
    fn cjk_and_thai_are_segmented() {
        let zh = words("我们收集您的个人信息");
        assert!(
            zh.contains(&"个人".to_string()) || zh.contains(&"个人信息".to_string()),
            "{zh:?}"
        );
        assert!(zh.len() >= 3);
        let th = words("ข้อมูลส่วนบุคคลของคุณ");
        assert!(th.len() >= 2, "{th:?}");
        assert!(th.iter().all(|w| !w.is_empty()));
    }

    #[test]
    fn case_and_nfc() {
        assert_eq!(
            words("Daten SCHUTZ e\u{301}te"),
            vec!["daten", "schutz", "éte"]
        );
        assert_eq!(
            words("privacy@acme.example, 2024"),
            vec!["privacy", "acme.example", "2024"]
        );
    }
}
