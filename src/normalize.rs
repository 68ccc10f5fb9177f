//! Text normalisation shared by every stage: whitespace, digits of every script, case folding
//! with a map back to the original offsets (so evidence is quoted from the original text).
use unicode_normalization::{
    char::is_combining_mark, is_nfc_quick, IsNormalized, UnicodeNormalization,
};

/// Unicode NFC (cheap when the text already is).
pub fn nfc(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Zero points of the decimal digit ranges of the scripts policies are written in (Unicode facts).
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0xFF10,
];

/// The ASCII digit for a decimal digit of any of the scripts above, else `None`.
pub fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    let u = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&z| u >= z && u < z + 10)
        .and_then(|&z| char::from_digit(u - z, 10))
}

/// Replace digits of every script with ASCII digits.
pub fn ascii_digits(s: &str) -> String {
    s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

/// True for characters that belong inside a word: letters, digits, combining marks (virama,
/// nukta, matras, harakat) and the zero-width (non-)joiners of Indic and Arabic-script text.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || c == '\u{200C}' || c == '\u{200D}'
}

/// True for characters of scripts written without spaces between words, where word-boundary
/// checks do not apply (Han, Kana, Thai, Lao, Khmer, Myanmar).
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x3040..=0x30FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// True if a word continues across byte offset `at` from the left: the character before it is a
/// word character of a script written with spaces (in Chinese, Japanese, Thai there are no
/// word boundaries to check).
pub fn word_continues_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| is_word_char(c) && !is_unspaced_script(c))
}

/// Like [`word_continues_before`], for the character at `at`.
pub fn word_continues_after(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_some_and(|c| is_word_char(c) && !is_unspaced_script(c))
}

/// Collapse runs of white space (including no-break and zero-width spaces) into single spaces
/// and trim; soft hyphens and byte-order marks are dropped.
pub fn squash_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match c {
            '\u{AD}' | '\u{FEFF}' | '\u{200B}' | '\u{2060}' => {}
            c if c.is_whitespace() => pending_space = !out.is_empty(),
            c => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
        }
    }
    out
}

/// A case-folded copy of a text with, for every byte of the folded text, the byte offset of the
/// original character it came from. Matching runs on `folded`; evidence is cut from the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub folded: String,
    map: Vec<u32>,
    orig_len: usize,
}

impl Folded {
    pub fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len() + 8);
        let mut map = Vec::with_capacity(text.len() + 8);
        for (i, c) in text.char_indices() {
            let before = folded.len();
            fold_char(c, &mut folded);
            map.extend(std::iter::repeat_n(i as u32, folded.len() - before));
        }
        Folded {
            folded,
            map,
            orig_len: text.len(),
        }
    }

    /// The original byte range for a folded byte range.
    pub fn orig_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map.get(start).map_or(self.orig_len, |&v| v as usize);
        let e = if end >= self.map.len() {
            self.orig_len
        } else {
            self.map[end] as usize
        };
        (s, e.max(s))
    }

    /// The folded byte offset where the original byte offset `orig` begins.
    pub fn folded_offset(&self, orig: usize) -> usize {
        self.map.partition_point(|&v| (v as usize) < orig)
    }
}

/// Fold one character for matching: lower case, typographic quotes and dashes to ASCII, digits of
/// every script to ASCII, the Turkish dotted capital I to "i", spacing characters to one space.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' | '`' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' | '\u{201E}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        // Turkish and Azerbaijani dotted/dotless i fold to one letter
        '\u{0130}' | '\u{0131}' => out.push('i'),
        '\u{0307}' | '\u{00AD}' | '\u{200B}' | '\u{FEFF}' | '\u{200C}' | '\u{200D}' => {}
        // Arabic script: tatweel and short vowels are decoration; letter variants fold to one
        '\u{0640}' | '\u{064B}'..='\u{0652}' | '\u{0670}' => {}
        '\u{064A}' | '\u{0649}' => out.push('\u{06CC}'),
        '\u{0643}' => out.push('\u{06A9}'),
        '\u{0623}' | '\u{0625}' | '\u{0622}' => out.push('\u{0627}'),
        // Greek: accents are often left off (and always off in capitals)
        c @ ('\u{0384}'..='\u{03CE}' | '\u{1F00}'..='\u{1FFF}') => {
            for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                out.extend(d.to_lowercase());
            }
        }
        c if c.is_whitespace() => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => match ascii_digit(c) {
            Some(d) => out.push(d),
            None => out.extend(c.to_lowercase()),
        },
    }
}

/// Fold a phrase the same way as the text it is matched against.
pub fn fold(s: &str) -> String {
    Folded::new(&nfc(s)).folded
}

/// The sentence of `text` around byte range `start..end`, trimmed to at most `max` bytes.
pub fn sentence_around(text: &str, start: usize, end: usize, max: usize) -> &str {
    let is_stop = |c: char| {
        matches!(
            c,
            '.' | '!' | '?' | '।' | '۔' | '。' | '！' | '？' | '\n' | '؟' | '፡' | '።'
        )
    };
    let mut s = 0;
    for (i, c) in text[..start.min(text.len())].char_indices().rev() {
        if is_stop(c) {
            if c == '.' && !period_ends_sentence(&text[i + 1..]) {
                continue;
            }
            s = i + c.len_utf8();
            break;
        }
    }
    let mut e = text.len();
    let from = end.min(text.len());
    for (i, c) in text[from..].char_indices() {
        if is_stop(c) {
            if c == '.' && !period_ends_sentence(&text[from + i + 1..]) {
                continue;
            }
            e = from + i + c.len_utf8();
            break;
        }
    }
    let mut out = text[s..e].trim();
    if out.len() > max {
        // keep the match inside the window
        let centre = start.saturating_sub(s);
        let lo = floor_char(out, centre.saturating_sub(max / 2));
        let hi = floor_char(out, (lo + max).min(out.len()));
        out = out[lo..hi].trim();
    }
    out
}

/// A period ends a sentence when white space follows and the next word does not start with a
/// digit or a lower-case letter ("Art. 15", "z. B. die", "3.5" do not end one).
fn period_ends_sentence(after: &str) -> bool {
    let mut it = after.chars();
    match it.next() {
        None | Some('\n') => true,
        Some(c) if c.is_whitespace() => {
            let next = after.trim_start().chars().next();
            !next.is_some_and(|n| n.is_ascii_digit() || n.is_lowercase())
        }
        _ => false,
    }
}

/// The largest char boundary of `s` at or below `i`.
pub fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_every_script_become_ascii() {
        assert_eq!(ascii_digits("+९१ ९८७६५"), "+91 98765");
        assert_eq!(ascii_digits("১৫ জানুয়ারি ২০২৫"), "15 জানুয়ারি 2025");
        assert_eq!(ascii_digits("١ يونيو ٢٠٢٤"), "1 يونيو 2024");
        assert_eq!(ascii_digits("۱۴۰۳"), "1403");
        assert_eq!(ascii_digits("２０２４年"), "2024年");
    }

    #[test]
    fn folding_keeps_a_map_to_the_original() {
        let t = "Das RECHT auf Auskunft – İstanbul";
        let f = Folded::new(t);
        assert_eq!(f.folded, "das recht auf auskunft - istanbul");
        let at = f.folded.find("auskunft").unwrap();
        let (s, e) = f.orig_range(at, at + "auskunft".len());
        assert_eq!(&t[s..e], "Auskunft");
        let at = f.folded.find("istanbul").unwrap();
        let (s, e) = f.orig_range(at, f.folded.len());
        assert_eq!(&t[s..e], "İstanbul");
    }

    #[test]
    fn script_variants_fold_together() {
        assert_eq!(fold("İLETİŞİM"), fold("iletişim"));
        assert_eq!(fold("ΠΟΛΙΤΙΚΗ ΑΠΟΡΡΗΤΟΥ"), fold("Πολιτική απορρήτου"));
        assert_eq!(fold("تحكّمك"), fold("تحكمك"));
        assert_eq!(fold("می\u{200c}کنیم"), fold("میکنیم"));
        assert_eq!(fold("أمريكا"), fold("امریکا"));
    }

    #[test]
    fn word_chars_include_indic_marks() {
        assert!("व्यक्तिगत".chars().all(is_word_char));
        assert!("বাংলা".chars().all(is_word_char));
        assert!(!is_word_char(' '));
        assert!(!is_word_char(','));
    }

    #[test]
    fn whitespace_is_squashed() {
        assert_eq!(squash_ws("  a\u{a0}\n b\u{200b}c  "), "a bc");
    }

    #[test]
    fn sentence_around_skips_abbreviations() {
        let t = "Intro here. You have rights under Art. 15 GDPR to access data. Next one.";
        let at = t.find("access").unwrap();
        assert_eq!(
            sentence_around(t, at, at + 6, 300),
            "You have rights under Art. 15 GDPR to access data."
        );
    }
}
