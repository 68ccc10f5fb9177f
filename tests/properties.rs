//! Property tests: the normalisers keep their invariants, and extraction never panics, on any input.
use polidex::extract::contacts::e164;
use polidex::normalize::{ascii_digits, fold, squash_ws, Folded};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn digits_fold_to_ascii_and_keep_length(s in "\\PC{0,40}") {
        let out = ascii_digits(&s);
        prop_assert_eq!(out.chars().count(), s.chars().count());
        prop_assert!(out.chars().all(|c| !c.is_numeric() || c.is_ascii_digit() || polidex::normalize::ascii_digit(c).is_none()));
        prop_assert_eq!(ascii_digits(&out), out.clone());
    }

    #[test]
    fn folding_maps_back_to_char_boundaries(s in "\\PC{0,60}") {
        let f = Folded::new(&s);
        for i in 0..=f.folded.len() {
            if f.folded.is_char_boundary(i) {
                let (a, b) = f.orig_range(i, f.folded.len());
                prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b) && a <= b);
            }
        }
        prop_assert_eq!(fold(&f.folded), fold(&s));
    }

    #[test]
    fn whitespace_is_single_and_trimmed(s in "[ \\t\\n\\u{a0}\\u{200b}a-zअ-ह]{0,60}") {
        let out = squash_ws(&s);
        prop_assert!(!out.contains("  ") && out.trim() == out);
        prop_assert!(!out.contains('\n') && !out.contains(char::from_u32(0xa0).unwrap_or(' ')), "{:?}", out);
    }

    #[test]
    fn phones_are_e164_or_nothing(s in "[+0-9 ()./\\-]{0,25}", region in prop::sample::select(vec!["DE", "IN", "US", "PK", "ZZ"])) {
        if let Some(n) = e164(&s, Some(region)) {
            prop_assert!(n.starts_with('+'));
            prop_assert!(n[1..].chars().all(|c| c.is_ascii_digit()));
            prop_assert!((8..=16).contains(&n.len()));
        }
    }

    #[test]
    fn emails_are_lower_case_and_plausible(local in "[A-Za-z0-9._]{1,12}", domain in "[A-Za-z0-9]{1,10}", tld in "[a-z]{2,5}") {
        let page = format!("<p>Contact: {local}@{domain}.{tld}</p>");
        let p = polidex::extract(page.as_bytes(), None).unwrap();
        for e in &p.contacts.emails {
            prop_assert_eq!(e.clone(), e.to_lowercase());
            prop_assert!(e.contains('@'));
        }
    }

    #[test]
    fn extraction_never_panics_on_bytes(data in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = polidex::extract(&data, None);
    }

    #[test]
    fn extraction_never_panics_on_markup(parts in prop::collection::vec(prop::sample::select(vec![
        "<div>", "</div>", "<p>", "<table><tr><td>", "</td>", "<a href='mailto:a@b.example'>", "</a>", "<h2>",
        "Privacy", "Stripe", "Verantwortlicher:", "© 2024 X GmbH", "<script>", "</script>", "&amp;", "&#0;", "डेटा नियंत्रक",
        "个人信息", "<br>", "<!--", "-->", "<![CDATA[", "\u{0}", "+49 30 123456", "Art. 15 DSGVO", "8 अक्टूबर 2025",
    ]), 0..80)) {
        let page = parts.concat();
        let _ = polidex::extract(page.as_bytes(), Some("https://x.example"));
    }
}
