//! Pages as served: encodings, contact links, e-mail obfuscation, page chrome.
use polidex::extract;

fn cf_encode(email: &str, key: u8) -> String {
    let mut out = format!("{key:02x}");
    for b in email.bytes() {
        out.push_str(&format!("{:02x}", b ^ key));
    }
    out
}

#[test]
fn cloudflare_protected_emails_are_decoded() {
    let page = format!(
        r#"<!DOCTYPE html><html><head><title>Privacy Policy | Nordlicht Apps</title></head><body>
        <main><h1>Privacy Policy</h1>
        <h2>Contact</h2>
        <p>Questions about this policy: <a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="{}">[email&#160;protected]</a>.</p>
        <p>Our data protection officer: <a href="/cdn-cgi/l/email-protection#{}">[email&#160;protected]</a></p>
        </main></body></html>"#,
        cf_encode("privacy@nordlicht.example", 0x3c),
        cf_encode("dpo@nordlicht.example", 0x77)
    );
    let p = extract(page.as_bytes(), None).unwrap();
    assert_eq!(
        p.contacts.emails,
        vec!["privacy@nordlicht.example", "dpo@nordlicht.example"]
    );
    assert!(
        !p.text.contains("protected]"),
        "the placeholder must be gone: {}",
        p.text
    );
    assert!(p.text.contains("privacy@nordlicht.example"));
    assert_eq!(
        p.contacts.dpo.and_then(|d| d.email).as_deref(),
        Some("dpo@nordlicht.example")
    );
}

#[test]
fn entity_encoded_emails_and_tel_links() {
    let page = r#"<html><head><title>Datenschutz</title></head><body><article>
        <h1>Datenschutzerklärung</h1>
        <p>Schreiben Sie an &#100;&#97;&#116;&#101;&#110;&#115;&#99;&#104;&#117;&#116;&#122;&#64;&#98;&#97;&#99;&#107;&#115;&#116;&#117;&#98;&#101;&#46;&#101;&#120;&#97;&#109;&#112;&#108;&#101;
        oder rufen Sie uns an: <a href="tel:+4989123456789">089 123456789</a>.</p>
        <p>WhatsApp: <a href="https://wa.me/4915112345678">Chat starten</a></p>
        </article></body></html>"#;
    let p = extract(page.as_bytes(), None).unwrap();
    assert_eq!(p.contacts.emails, vec!["datenschutz@backstube.example"]);
    assert_eq!(p.contacts.phones, vec!["+4989123456789", "+4915112345678"]);
}

#[test]
fn windows_1251_page_declared_in_meta() {
    let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
        <title>Политика конфиденциальности</title></head><body><main>\
        <h1>Политика в отношении обработки персональных данных</h1>\
        <p>Оператор персональных данных: ООО «Северный ветер», г. Санкт-Петербург, Невский проспект, д. 1.</p>\
        <p>Вы вправе требовать уточнения, блокирования или уничтожения ваших персональных данных.</p>\
        </main></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(html);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must really be windows-1251"
    );
    let p = extract(&bytes, None).unwrap();
    assert_eq!(p.title, "Политика конфиденциальности");
    assert_eq!(p.language.as_deref(), Some("ru"));
    assert_eq!(
        p.controller.map(|c| c.name).as_deref(),
        Some("ООО «Северный ветер»")
    );
}

#[test]
fn chrome_is_dropped_and_sections_follow_headings() {
    let page = r#"<html><head><title>Privacy | Fjord Travel</title><script>var tracking = "Google Analytics";</script></head><body>
        <nav><a href="/">Home</a> <a href="/tours">Tours</a></nav>
        <div class="cookie-consent" id="cookie-banner">We use cookies. <button>Accept</button></div>
        <main><h1>Privacy Policy</h1>
        <h2>1. Who is responsible</h2><p>The data controller is Fjord Travel AS, Strandgata 5, 5013 Bergen, Norway.</p>
        <h2>2. Your rights</h2><ul><li>You have the right to access your personal data.</li><li>You may request erasure of your data.</li></ul>
        </main><footer><p>© 2025 Fjord Travel AS</p><a href="/imprint">Imprint</a></footer></body></html>"#;
    let p = extract(page.as_bytes(), Some("https://fjord.example/privacy")).unwrap();
    assert!(!p.text.contains("We use cookies"));
    assert!(!p.text.contains("Tours"));
    assert!(!p.text.contains("tracking"));
    let topics: Vec<_> = p
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.topic.as_str()))
        .collect();
    assert_eq!(
        topics[1..],
        [
            ("1. Who is responsible", "controller"),
            ("2. Your rights", "rights")
        ]
    );
    let c = p.controller.unwrap();
    assert_eq!(c.name, "Fjord Travel AS");
    assert_eq!(c.country.as_deref(), Some("NO"));
    assert_eq!(p.url.as_deref(), Some("https://fjord.example/privacy"));
}

#[test]
fn plain_text_input() {
    let text = "Privacy Policy of Kestrel Notes\n\n1. Data we collect\n\nWe collect your e-mail address when you register.\n\n2. Your rights\n\nYou have the right to request access to your personal data and to lodge a complaint with a supervisory authority.\n\nContact: hello@kestrel.example\n";
    let p = polidex::extract_str(text, None).unwrap();
    assert_eq!(
        p.sections
            .iter()
            .map(|s| s.topic.as_str())
            .collect::<Vec<_>>(),
        ["other", "collection", "rights"]
    );
    assert_eq!(p.contacts.emails, vec!["hello@kestrel.example"]);
    assert!(p.rights.iter().any(|r| r.as_str() == "access"));
    assert!(p.rights.iter().any(|r| r.as_str() == "complaint"));
}

#[test]
fn binary_input_is_a_clear_error() {
    let err = extract(b"%PDF-1.7\n1 0 obj <<>> endobj", None).unwrap_err();
    assert!(matches!(err, polidex::Error::Input(_)));
    assert!(err.to_string().contains("PDF"), "{err}");
    let p = extract(b"", None).unwrap();
    assert!(p.text.is_empty() && p.processors.is_empty() && p.controller.is_none());
}

#[test]
fn processors_under_a_negated_heading_are_not_listed() {
    let page = r#"<html><head><title>Sub-processors | Ledgerline</title></head><body><main>
        <h1>Sub-processors</h1>
        <h2>Sub-processors we use</h2>
        <table><tr><th>Vendor</th><th>Purpose</th></tr><tr><td>Stripe, Inc.</td><td>Payments</td></tr>
        <tr><td>Amazon Web Services</td><td>Hosting</td></tr></table>
        <h2>Sub-processors we do not use</h2>
        <p>For clarity: we do not use Hotjar, Mixpanel or FullStory, and no session recording runs on our site.</p>
        <h3>Analytics</h3><p>Google Analytics is not loaded on any page.</p>
        <h2>Contact</h2><p>privacy@ledgerline.example</p>
        </main></body></html>"#;
    let p = extract(page.as_bytes(), None).unwrap();
    let mut orgs: Vec<&str> = p
        .processors
        .iter()
        .map(|x| x.organization.as_str())
        .collect();
    orgs.sort();
    assert_eq!(orgs, ["Amazon Web Services", "Stripe"]);
}
