//! Processors: catalogue names in every script, links as evidence, and the common words and
//! help pages that must not become processors.
use polidex::{extract, extract_str};

fn orgs(html: &str) -> Vec<String> {
    let p = extract(html.as_bytes(), Some("https://shop.example/privacy")).unwrap();
    let mut v: Vec<String> = p.processors.into_iter().map(|p| p.organization).collect();
    v.sort();
    v
}

fn page(lang: &str, body: &str) -> String {
    format!("<html lang=\"{lang}\"><head><title>Privacy</title></head><body><main>{body}</main></body></html>")
}

#[test]
fn links_to_help_pages_are_not_evidence_but_links_to_services_are() {
    let html = page(
        "en",
        "<h2>Cookies</h2><p>You can block cookies in your browser: \
         <a href=\"https://support.apple.com/guide/safari/manage-cookies\">Safari</a>, \
         <a href=\"https://support.microsoft.com/microsoft-edge/delete-cookies\">Edge</a>, \
         <a href=\"https://support.mozilla.org/kb/cookies\">Firefox</a>.</p>\
         <h2>Payments</h2><p>Card payments are handled by <a href=\"https://stripe.com/privacy\">our payment provider</a>.</p>",
    );
    assert_eq!(orgs(&html), ["Stripe"]);
}

#[test]
fn common_words_that_spell_a_brand_are_not_processors() {
    // Polish "dzięki temu" (thanks to this), Italian "Unione Europea"
    let pl = page("pl", "<p>Dzięki temu przeglądarka może odróżnić Twoje urządzenie od innych. Dane przetwarzamy wyłącznie na serwerach w Polsce.</p>");
    assert!(orgs(&pl).is_empty(), "{:?}", orgs(&pl));
    let it = page("it", "<p>I dati potranno essere trasferiti a Paesi situati nell'Unione Europea, nel rispetto del Regolamento.</p>");
    assert!(orgs(&it).is_empty(), "{:?}", orgs(&it));
    // with its capital and in a sharing context the brand is found
    let shop = page(
        "en",
        "<p>We share your order details with Temu to deliver the products you buy.</p>",
    );
    assert_eq!(orgs(&shop), ["PDD Holdings"]);
}

#[test]
fn transliterated_names_are_found_and_grouped() {
    let p = extract_str(
        "गोपनीयता नीति\n\nभुगतान के लिए हम स्ट्राइप का उपयोग करते हैं और विश्लेषण के लिए गूगल एनालिटिक्स का उपयोग करते हैं।",
        None,
    )
    .unwrap();
    let stripe = p
        .processors
        .iter()
        .find(|p| p.organization == "Stripe")
        .expect("Stripe");
    assert!(
        stripe.mentions.iter().any(|m| m == "स्ट्राइप"),
        "{:?}",
        stripe.mentions
    );
    assert!(p.processors.iter().any(|p| p.organization == "Google"));
}

#[test]
fn services_named_in_a_negated_sentence_are_not_used() {
    let html = page(
        "en",
        "<h2>Analytics</h2><p>We do not use Google Analytics or any other tracking service. \
         Payments are processed by Stripe.</p>",
    );
    assert_eq!(orgs(&html), ["Stripe"]);
    let de = page(
        "de",
        "<h2>Analyse</h2><p>Google Analytics und Hotjar werden nicht genutzt. Zahlungen wickelt Stripe für uns ab.</p>",
    );
    // the negation follows the names in German: only a negation before the name counts, so both
    // are still listed (a heading-level negation covers the other order)
    assert!(orgs(&de).contains(&"Stripe".to_string()));
}
