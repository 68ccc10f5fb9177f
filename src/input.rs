//! Bytes -> text: charset from the BOM, `<meta charset>` or `http-equiv` (WHATWG labels through
//! encoding_rs), else UTF-8 with a windows-1252 fallback; and HTML vs plain-text sniffing.
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How many bytes at the start of a page are searched for a charset declaration (as browsers do).
const PRESCAN: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#).expect("valid regex")
});
static XML_DECL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)"#).expect("valid regex")
});

/// Decode a page to text. Returns the text and the name of the encoding used.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let declared = META_CHARSET
        .captures(head)
        .or_else(|| XML_DECL.captures(head))
        .and_then(|c| Encoding::for_label(c.get(1)?.as_bytes()));
    // a page that declares UTF-16 but was read as bytes is ASCII-compatible here: treat as UTF-8
    let declared = declared.map(|e| e.output_encoding());
    match declared {
        Some(enc) if enc != UTF_8 => {
            let (text, _, _) = enc.decode(bytes);
            (text.into_owned(), enc.name())
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), UTF_8.name()),
            Err(_) => {
                // mostly UTF-8 with a few bad bytes stays UTF-8; otherwise it is a legacy page
                let (text, _, had_errors) = UTF_8.decode(bytes);
                let bad = text.matches('\u{FFFD}').count();
                if !had_errors || bad * 200 < text.len() {
                    (text.into_owned(), UTF_8.name())
                } else {
                    let (text, _, _) = WINDOWS_1252.decode(bytes);
                    (text.into_owned(), WINDOWS_1252.name())
                }
            }
        },
    }
}

/// Guess whether a text is HTML: markup near the start, or common block tags anywhere early.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let t = head.trim_start();
    if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.starts_with("<?xml") && head.contains("<html")
    {
        return true;
    }
    [
        "<html", "<head", "<body", "<div", "<p>", "<p ", "<meta ", "<title", "<h1", "<h2",
        "<table", "<ul", "<br",
    ]
    .iter()
    .filter(|tag| head.contains(*tag))
    .count()
        >= 2
}

/// True for bytes that are certainly not a text document (PDF, images, archives, executables).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1F\x8B", "gzip data"),
        (b"\x7FELF", "executable"),
        (b"RIFF", "RIFF media"),
        (b"OggS", "Ogg media"),
        (b"\x00\x00\x01\x00", "icon"),
    ];
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let b = &bytes[start..];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| b.starts_with(m)) {
        return Some(kind);
    }
    // control bytes (NUL, ESC, ...) are rare in any text: many of them early on mean binary data
    // (UTF-16 text has a BOM and was handled before)
    let sample = &bytes[..bytes.len().min(4096)];
    let controls = sample
        .iter()
        .filter(|&&c| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C)) || c == 0x7F)
        .count();
    (sample.len() >= 16 && controls * 20 > sample.len()).then_some("binary data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("<html><head><meta charset=\"windows-1251\"></head><body>Политика конфиденциальности</body></html>");
        let (text, enc) = decode(&bytes);
        assert_eq!(enc, "windows-1251");
        assert!(text.contains("Политика конфиденциальности"));
    }

    #[test]
    fn http_equiv_shift_jis() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>個人情報保護方針</p>");
        let (text, enc) = decode(&bytes);
        assert_eq!(enc, "Shift_JIS");
        assert!(text.contains("個人情報保護方針"));
    }

    #[test]
    fn bom_wins_and_invalid_utf8_falls_back() {
        let (text, enc) = decode(b"\xEF\xBB\xBFhello");
        assert_eq!((text.as_str(), enc), ("hello", "UTF-8"));
        let (text, enc) = decode(b"Datenschutzerkl\xE4rung f\xFCr \xC4rzte \xFCber \xE4lles");
        assert_eq!(enc, "windows-1252");
        assert!(text.contains("Datenschutzerklärung"));
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("\n<div><p>Hi</p></div>"));
        assert!(!looks_like_html(
            "Privacy Policy\n\nWe use <cookies> rarely."
        ));
        assert_eq!(binary_kind(b"%PDF-1.7 ..."), Some("PDF"));
        assert_eq!(binary_kind(b"<html>"), None);
    }
}
