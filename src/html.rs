//! HTML -> [`Document`] with the `scraper` crate (html5ever): blocks in reading order, page chrome
//! (navigation, headers and footers outside the main content, cookie banners, forms controls,
//! hidden elements) dropped, links kept, `mailto:`/`tel:`/WhatsApp links turned into contacts,
//! Cloudflare-protected e-mails decoded. The walk is iterative, so nesting depth cannot overflow
//! the stack.
use std::sync::LazyLock;

use ego_tree::{iter::Edge, NodeId, NodeRef};
use regex::Regex;
use scraper::{node::Element, Html, Node, Selector};

use crate::document::{Block, BlockKind, Document, Link, StructuredOrg};
use crate::normalize::nfc;

/// Elements whose content is never text of the policy.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "button", "select", "option",
    "textarea", "input", "head", "canvas", "object", "embed", "audio", "video", "dialog", "math",
    "map", "picture",
];

/// Elements that start and end a block.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "summary",
    "caption",
    "center",
    "legend",
    "menu",
    "html",
];

static BANNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(cookie|consent|gdpr|cmp)[-_ ]?(banner|notice|bar|popup|pop-up|modal|dialog|overlay|wrapper|box|container|law|message|alert|window|hint|layer|info|settings|preferences)|cookiebot|onetrust|usercentrics|cookieyes|cmplz|iubenda|borlabs|didomi|truste|qc-cmp|cc-window|cc-banner|cc_banner|tarteaucitron|cookie-law|cookielaw|moove_gdpr|cookie_notice|cookie-notice|^cookies?$",
    )
    .expect("valid regex")
});

static CHROME_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|[\s_-])(navbar|nav-menu|main-menu|menu-main|breadcrumbs?|skip-link|skip-to-content|sr-only|screen-reader-text|visually-hidden|share-buttons|social-share|sharedaddy|topbar|offcanvas|mobile-menu|site-header|site-footer|masthead|sidebar-menu)($|[\s_-])")
        .expect("valid regex")
});

// `visibility: hidden` is left out on purpose: animation libraries (WOW.js) hide whole pages
// with it until scripts reveal them
static HIDDEN_STYLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)display\s*:\s*none").expect("valid regex"));

/// A page whose visible text is shorter than this is parsed again with hidden elements kept:
/// scripts reveal its content.
const MIN_VISIBLE_TEXT: usize = 400;

/// Decode Cloudflare e-mail protection: hex bytes, the first being the XOR key.
pub fn decode_cfemail(hex: &str) -> Option<String> {
    let bytes = hex::decode(hex.trim()).ok()?;
    let (&key, rest) = bytes.split_first()?;
    let plain: Vec<u8> = rest.iter().map(|b| b ^ key).collect();
    let s = String::from_utf8(plain).ok()?;
    (s.contains('@') && !s.contains(char::is_whitespace)).then_some(s)
}

fn cf_href(href: &str) -> Option<String> {
    let i = href.find("/cdn-cgi/l/email-protection#")?;
    decode_cfemail(&href[i + "/cdn-cgi/l/email-protection#".len()..])
}

#[derive(Default)]
struct Builder {
    doc: Document,
    buf: String,
    links: Vec<Link>,
    /// (start in buf, href) of open links
    open_links: Vec<(usize, String)>,
    /// chars of buf written inside <b>/<strong>, to spot bold pseudo-headings
    strong_chars: usize,
    strong_depth: usize,
    in_main: usize,
    row: Option<Vec<String>>,
}

impl Builder {
    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() && c != '\u{200C}' && c != '\u{200D}' {
                if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                    self.buf.push(' ');
                }
            } else if c != '\u{AD}' && c != '\u{200B}' && c != '\u{FEFF}' {
                self.buf.push(c);
                if self.strong_depth > 0 {
                    self.strong_chars += 1;
                }
            }
        }
    }

    fn newline(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
    }

    /// End the current block with the given kind.
    fn flush(&mut self, kind: BlockKind) {
        if let Some(row) = self.row.as_mut() {
            // inside a table row, blocks are cell content
            let cell = self.buf.trim();
            if !cell.is_empty() {
                row.push(cell.to_string());
            }
            self.buf.clear();
            return;
        }
        let raw = std::mem::take(&mut self.buf).replace("[email protected]", "");
        let text = clean_block_text(&raw);
        let strong = std::mem::take(&mut self.strong_chars);
        let links = std::mem::take(&mut self.links);
        if text.is_empty() {
            return;
        }
        let letters = text.chars().filter(|c| !c.is_whitespace()).count();
        let kind = match kind {
            // a short paragraph that is entirely bold reads as a heading
            BlockKind::Paragraph
                if strong * 10 >= letters * 9
                    && text.chars().count() < 120
                    && !text.ends_with(['.', ',', ';']) =>
            {
                BlockKind::Heading(5)
            }
            k => k,
        };
        self.doc.blocks.push(Block { kind, text, links });
    }

    fn open(&mut self, el: &Element) {
        let name = el.name();
        match name {
            "br" => self.newline(),
            "b" | "strong" => self.strong_depth += 1,
            "a" => {
                if let Some(href) = el.attr("href") {
                    self.open_links
                        .push((self.buf.len(), href.trim().to_string()));
                }
            }
            "tr" => {
                self.flush(BlockKind::Paragraph);
                self.row = Some(Vec::new());
            }
            "td" | "th" => self.flush(BlockKind::Paragraph),
            "main" | "article" => self.in_main += 1,
            h if heading_level(h).is_some() => self.flush(BlockKind::Paragraph),
            b if BLOCK.contains(&b) => self.flush(BlockKind::Paragraph),
            _ => {}
        }
        if el.attr("role") == Some("main") {
            self.in_main += 1;
        }
    }

    fn close(&mut self, el: &Element) {
        let name = el.name();
        match name {
            "b" | "strong" => self.strong_depth = self.strong_depth.saturating_sub(1),
            "a" => {
                if el.attr("href").is_some() {
                    if let Some((start, href)) = self.open_links.pop() {
                        let text = self.buf.get(start..).unwrap_or("").trim().to_string();
                        self.link(href, text);
                    }
                }
            }
            "td" | "th" => self.flush(BlockKind::Paragraph),
            "tr" => {
                self.flush(BlockKind::Paragraph);
                if let Some(cells) = self.row.take() {
                    if !cells.is_empty() {
                        self.buf = cells.join(" | ");
                        self.flush(BlockKind::TableRow);
                    }
                }
            }
            "li" => self.flush(BlockKind::ListItem),
            "main" | "article" => self.in_main = self.in_main.saturating_sub(1),
            h => {
                if let Some(level) = heading_level(h) {
                    self.flush(BlockKind::Heading(level));
                } else if BLOCK.contains(&h) {
                    self.flush(BlockKind::Paragraph);
                }
            }
        }
        if el.attr("role") == Some("main") {
            self.in_main = self.in_main.saturating_sub(1);
        }
    }

    fn link(&mut self, href: String, text: String) {
        self.contact_link(&href);
        self.links.push(Link { href, text });
    }

    /// `mailto:`, `tel:` and WhatsApp links are contacts.
    fn contact_link(&mut self, href: &str) {
        let lower = href.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("mailto:") {
            let addr = percent_decode(rest.split('?').next().unwrap_or(""));
            if addr.contains('@') {
                self.doc.emails.push(addr.trim().to_string());
            }
        } else if let Some(rest) = lower
            .strip_prefix("tel:")
            .or_else(|| lower.strip_prefix("callto:"))
        {
            self.doc
                .phones
                .push(percent_decode(rest).trim().to_string());
        } else if let Some(num) = whatsapp_number(&lower) {
            self.doc.phones.push(format!("+{num}"));
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn whatsapp_number(href: &str) -> Option<String> {
    let rest = href
        .strip_prefix("https://wa.me/")
        .or_else(|| href.strip_prefix("http://wa.me/"))
        .or_else(|| href.split("whatsapp.com/send?phone=").nth(1))
        .or_else(|| href.split("whatsapp://send?phone=").nth(1))?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '+')
        .filter(char::is_ascii_digit)
        .collect();
    (digits.len() >= 8).then_some(digits)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(v) if b[i] == b'%' => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Trim each line, drop empty lines, NFC.
fn clean_block_text(raw: &str) -> String {
    let lines: Vec<&str> = raw
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    nfc(&lines.join("\n"))
}

fn is_hidden(el: &Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el.attr("style").is_some_and(|s| HIDDEN_STYLE.is_match(s))
}

fn is_banner_or_chrome(el: &Element) -> bool {
    let id = el.id().unwrap_or("");
    let class = el.attr("class").unwrap_or("");
    let role = el.attr("role").unwrap_or("");
    matches!(
        role,
        "navigation" | "banner" | "search" | "menu" | "menubar"
    ) || (!id.is_empty() && BANNER.is_match(id))
        || (!class.is_empty() && BANNER.is_match(class))
        || (!class.is_empty() && CHROME_CLASS.is_match(class))
        || (!id.is_empty() && CHROME_CLASS.is_match(id))
}

/// Parse an HTML page into a [`Document`].
pub fn parse(html: &str) -> Document {
    let page = Html::parse_document(html);
    let doc = walk(&page, false);
    if doc.blocks.iter().map(|b| b.text.len()).sum::<usize>() < MIN_VISIBLE_TEXT {
        let all = walk(&page, true);
        if all.blocks.iter().map(|b| b.text.len()).sum::<usize>() > 2 * MIN_VISIBLE_TEXT {
            return all;
        }
    }
    doc
}

fn walk(page: &Html, keep_hidden: bool) -> Document {
    let mut b = Builder::default();
    b.doc.title = select_text(page, "title").unwrap_or_default();
    b.doc.site_name = meta_content(page, r#"meta[property="og:site_name"]"#)
        .or_else(|| meta_content(page, r#"meta[name="application-name"]"#));
    b.doc.organizations = json_ld_orgs(page);
    b.doc.declared_language = Selector::parse("html[lang]")
        .ok()
        .and_then(|sel| page.select(&sel).next())
        .and_then(|e| e.value().attr("lang"))
        .and_then(|l| l.split(['-', '_']).next())
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_lowercase()));

    let mut skip: Option<NodeId> = None;
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => b.push_text(t),
                    Node::Element(el) => {
                        if let Some(email) = el.attr("data-cfemail").and_then(decode_cfemail) {
                            b.doc.emails.push(email.clone());
                            b.push_text(&email);
                            skip = Some(node.id());
                        } else if el.name() == "a" && el.attr("href").and_then(cf_href).is_some() {
                            let email = el.attr("href").and_then(cf_href).unwrap_or_default();
                            b.doc.emails.push(email.clone());
                            b.push_text(&email);
                            skip = Some(node.id());
                        } else if el.name() == "iframe" {
                            // embedded content: its source names the service (YouTube, Maps, ...)
                            if let Some(src) = el.attr("src").or_else(|| el.attr("data-src")) {
                                b.links.push(Link {
                                    href: src.to_string(),
                                    text: String::new(),
                                });
                            }
                            skip = Some(node.id());
                        } else if DROP.contains(&el.name())
                            || (!keep_hidden && is_hidden(el))
                            || is_banner_or_chrome(el)
                        {
                            skip = Some(node.id());
                        } else if matches!(el.name(), "header" | "footer") && b.in_main == 0 {
                            harvest_chrome(&mut b, node);
                            skip = Some(node.id());
                        } else {
                            b.open(el);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                        if let Node::Element(el) = node.value() {
                            // the element was replaced by text (a decoded e-mail): keep block structure
                            if BLOCK.contains(&el.name()) {
                                b.flush(BlockKind::Paragraph);
                            }
                        }
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    b.close(el);
                }
            }
        }
    }
    b.flush(BlockKind::Paragraph);
    b.doc.title = nfc(&crate::normalize::squash_ws(&b.doc.title));
    b.doc
}

/// From dropped page chrome (a footer or header outside the main content), keep what identifies
/// the operator and how to reach it: copyright lines and contact links.
fn harvest_chrome(b: &mut Builder, node: NodeRef<'_, Node>) {
    let mut text = String::new();
    for d in node.descendants() {
        match d.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(el) => {
                if matches!(el.name(), "p" | "div" | "li" | "br" | "span" | "small") {
                    text.push('\n');
                }
                if el.name() == "a" {
                    if let Some(href) = el.attr("href") {
                        b.contact_link(href.trim());
                        if let Some(email) = cf_href(href) {
                            b.doc.emails.push(email);
                        }
                    }
                }
                if let Some(email) = el.attr("data-cfemail").and_then(decode_cfemail) {
                    b.doc.emails.push(email);
                }
            }
            _ => {}
        }
    }
    for line in text.lines() {
        let l = crate::normalize::squash_ws(line);
        if (l.contains('©') || l.to_lowercase().contains("copyright")) && l.chars().count() < 200 {
            b.doc.copyright.push(nfc(&l));
        }
    }
}

fn select_text(page: &Html, css: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    page.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>())
}

fn meta_content(page: &Html, css: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    let v = page.select(&sel).next()?.value().attr("content")?.trim();
    (!v.is_empty()).then(|| nfc(v))
}

/// schema.org organisations from JSON-LD blocks.
fn json_ld_orgs(page: &Html) -> Vec<StructuredOrg> {
    let Ok(sel) = Selector::parse(r#"script[type="application/ld+json"]"#) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in page.select(&sel) {
        let raw: String = s.text().collect();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) {
            collect_orgs(&v, 0, &mut out);
        }
    }
    out
}

fn as_str(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        serde_json::Value::Array(a) => a.iter().find_map(as_str),
        _ => None,
    }
}

fn collect_orgs(v: &serde_json::Value, depth: usize, out: &mut Vec<StructuredOrg>) {
    if depth > 8 {
        return;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_orgs(x, depth + 1, out)),
        serde_json::Value::Object(o) => {
            let types: Vec<String> = match o.get("@type") {
                Some(serde_json::Value::String(s)) => vec![s.clone()],
                Some(serde_json::Value::Array(a)) => a.iter().filter_map(as_str).collect(),
                _ => Vec::new(),
            };
            let is_org = types.iter().any(|t| {
                t.ends_with("Organization")
                    || t.ends_with("Business")
                    || t.ends_with("Corporation")
                    || matches!(
                        t.as_str(),
                        "Dentist"
                            | "Physician"
                            | "Store"
                            | "Restaurant"
                            | "Hotel"
                            | "LegalService"
                            | "Attorney"
                            | "Hospital"
                            | "MedicalClinic"
                            | "Pharmacy"
                            | "School"
                            | "CollegeOrUniversity"
                            | "NGO"
                            | "GovernmentOrganization"
                            | "LocalBusiness"
                            | "ProfessionalService"
                    )
            });
            if is_org {
                if let Some(name) = o
                    .get("legalName")
                    .and_then(as_str)
                    .or_else(|| o.get("name").and_then(as_str))
                {
                    let (address, country) = match o.get("address") {
                        Some(serde_json::Value::Object(a)) => {
                            let parts: Vec<String> = [
                                "streetAddress",
                                "postalCode",
                                "addressLocality",
                                "addressRegion",
                            ]
                            .iter()
                            .filter_map(|k| a.get(*k).and_then(as_str))
                            .collect();
                            let country = a.get("addressCountry").and_then(|c| match c {
                                serde_json::Value::Object(co) => co.get("name").and_then(as_str),
                                other => as_str(other),
                            });
                            let mut addr = parts.join(", ");
                            if let Some(c) = &country {
                                addr.push_str(", ");
                                addr.push_str(c);
                            }
                            (Some(addr).filter(|a| !a.is_empty()), country)
                        }
                        Some(other) => (as_str(other), None),
                        None => (None, None),
                    };
                    out.push(StructuredOrg {
                        name: nfc(&name),
                        address,
                        country,
                        telephone: o.get("telephone").and_then(as_str),
                        email: o
                            .get("email")
                            .and_then(as_str)
                            .map(|e| e.trim_start_matches("mailto:").to_string()),
                    });
                }
            }
            for (k, x) in o {
                if k != "address" {
                    collect_orgs(x, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cf_encode(email: &str, key: u8) -> String {
        let mut bytes = vec![key];
        bytes.extend(email.bytes().map(|b| b ^ key));
        hex::encode(bytes)
    }

    #[test]
    fn blocks_in_reading_order_without_chrome() {
        let d = parse(
            r#"<html><head><title>Privacy | Acme</title><style>p{}</style></head><body>
            <nav><a href="/">Home</a></nav><header><p>Acme menu</p></header>
            <div id="cookie-banner">We use cookies <button>OK</button></div>
            <main><h1>Privacy Policy</h1><p>We  process&nbsp;data.</p><ul><li>Name</li><li>E-mail</li></ul>
            <table><tr><th>Tool</th><th>Purpose</th></tr><tr><td>Matomo</td><td>statistics</td></tr></table>
            <p style="display:none">hidden</p><script>var x = 1;</script></main>
            <footer><p>© 2025 Acme GmbH</p></footer></body></html>"#,
        );
        let texts: Vec<(&str, BlockKind)> =
            d.blocks.iter().map(|b| (b.text.as_str(), b.kind)).collect();
        assert_eq!(
            texts,
            vec![
                ("Privacy Policy", BlockKind::Heading(1)),
                ("We process data.", BlockKind::Paragraph),
                ("Name", BlockKind::ListItem),
                ("E-mail", BlockKind::ListItem),
                ("Tool | Purpose", BlockKind::TableRow),
                ("Matomo | statistics", BlockKind::TableRow),
            ]
        );
        assert_eq!(d.title, "Privacy | Acme");
        assert_eq!(d.copyright, vec!["© 2025 Acme GmbH"]);
    }

    #[test]
    fn cloudflare_emails_are_decoded() {
        let hex = cf_encode("privacy@acme.example", 0x5a);
        assert_eq!(
            decode_cfemail(&hex).as_deref(),
            Some("privacy@acme.example")
        );
        let page = format!(
            r#"<p>Write to <a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="{hex}">[email&#160;protected]</a> or
            <a href="/cdn-cgi/l/email-protection#{hex2}"><span>[email&#160;protected]</span></a>.</p>"#,
            hex2 = cf_encode("dpo@acme.example", 0x11)
        );
        let d = parse(&page);
        assert_eq!(d.emails, vec!["privacy@acme.example", "dpo@acme.example"]);
        assert_eq!(
            d.blocks[0].text,
            "Write to privacy@acme.example or dpo@acme.example."
        );
    }

    #[test]
    fn contact_links_and_entities() {
        let d = parse(
            r#"<p>Mail <a href="mailto:&#105;nfo&#64;acme.example?subject=x">us</a>, call <a href="tel:+49%2030%20123456">030 123456</a>
            or <a href="https://wa.me/4915112345678">WhatsApp</a>.</p>"#,
        );
        assert_eq!(d.emails, vec!["info@acme.example"]);
        assert_eq!(d.phones, vec!["+49 30 123456", "+4915112345678"]);
        assert_eq!(d.blocks[0].links.len(), 3);
    }

    #[test]
    fn bold_paragraph_is_a_heading_and_br_keeps_lines() {
        let d = parse(
            "<p><strong>1. Controller</strong></p><p>Acme GmbH<br>Main St 1<br>10115 Berlin</p>",
        );
        assert_eq!(d.blocks[0].kind, BlockKind::Heading(5));
        assert_eq!(d.blocks[1].text, "Acme GmbH\nMain St 1\n10115 Berlin");
    }

    #[test]
    fn json_ld_organization() {
        let d = parse(
            r#"<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Dentist","name":"Clínica Sonrisa",
            "telephone":"+34 910 000 000","address":{"@type":"PostalAddress","streetAddress":"Calle Mayor 1","addressLocality":"Madrid","addressCountry":"ES"}}</script></head><body><p>x</p></body>"#,
        );
        assert_eq!(d.organizations.len(), 1);
        assert_eq!(d.organizations[0].name, "Clínica Sonrisa");
        assert_eq!(d.organizations[0].country.as_deref(), Some("ES"));
    }
}
