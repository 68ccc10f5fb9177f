//! Contacts: e-mail addresses (text, `mailto:` links, Cloudflare-protected and "(at)"-obfuscated
//! ones), phone numbers in E.164 (`tel:` and WhatsApp links, international numbers in the text,
//! and national numbers after a phone cue, completed with the language's likely region), contact
//! URLs and the data protection officer.
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::data::Cue;
use crate::record::{Contacts, Dpo, Right, Topic};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9][a-z0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,24}\b")
        .expect("valid regex")
});
static OBFUSCATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z0-9][a-z0-9._\-]*)\s*[\[({]\s*(?:at|@|ät)\s*[\])}]\s*([a-z0-9\-]+(?:\s*(?:[\[({]\s*(?:dot|punkt|point)\s*[\])}]|\.)\s*[a-z0-9\-]+)+)")
        .expect("valid regex")
});
static OBF_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:[\[({]\s*(?:dot|punkt|point)\s*[\])}]|\.)\s*").expect("valid regex")
});
/// An international number: "+49 521 44812504", "0049 (0)30 1234-567"
static INTL_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d+])((?:\+|00)[1-9][\d \-./()]{6,20}\d)").expect("valid regex")
});
/// A number after a phone cue: "Tel.: 030 1234567"
static NATIONAL_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s:.\-–()a-z\p{L}]{0,16}?(\+?\(?\d[\d \-./()]{5,18}\d)").expect("valid regex")
});

/// How many blocks after a complaint right may hold the authority's contact details.
const AUTHORITY_BLOCKS: usize = 3;

const PLACEHOLDER_DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "domain.com",
    "yourdomain.com",
    "email.com",
    "company.com",
    "yourcompany.com",
    "test.com",
    "sentry.io",
    "sentry-next.wixpress.com",
    "wixpress.com",
];
const PLACEHOLDER_LOCALS: &[&str] = &[
    "name",
    "yourname",
    "your.name",
    "you",
    "email",
    "user",
    "username",
    "john.doe",
    "jane.doe",
    "max.mustermann",
    "vorname.nachname",
    "firstname.lastname",
    "your-email",
    "youremail",
    "mail",
];
const FILE_ENDINGS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "css", "js", "avif",
];

/// Local parts of a company's privacy team ("privacy@google.com").
const PRIVACY_TEAM: &[&str] = &[
    "privacy",
    "dpo",
    "gdpr",
    "legal",
    "dataprotection",
    "data-protection",
    "datenschutz",
    "dsb",
    "compliance",
    "ccpa",
];

fn keep_email(e: &str, cx: &Context) -> bool {
    let Some((local, domain)) = e.rsplit_once('@') else {
        return false;
    };
    let tld = domain.rsplit('.').next().unwrap_or("");
    let third_party_team = PRIVACY_TEAM.iter().any(|t| local.starts_with(t))
        && cx.reference.catalogue.by_host(domain).is_some();
    !PLACEHOLDER_DOMAINS.contains(&domain) && !PLACEHOLDER_LOCALS.contains(&local) && !FILE_ENDINGS.contains(&tld)
        // a third party's own privacy team is not the publisher's contact
        && !third_party_team
        // nor is a supervisory authority's address (given with the right to complain)
        && !cx.reference.is_authority_domain(domain)
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}

/// Parse a phone number to E.164; numbers without a country code use `region`.
pub fn e164(raw: &str, region: Option<&str>) -> Option<String> {
    // "(0)" trunk prefixes inside international numbers are dropped
    let digits = crate::normalize::ascii_digits(raw).replace("(0)", "");
    let cleaned: String = digits
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let cleaned = match cleaned.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => cleaned,
    };
    if cleaned.trim_start_matches('+').len() < 6 {
        return None;
    }
    let id = region.and_then(|r| r.parse::<phonenumber::country::Id>().ok());
    if !cleaned.starts_with('+') && id.is_none() {
        return None;
    }
    let n = phonenumber::parse(id, &cleaned).ok()?;
    phonenumber::is_valid(&n).then(|| n.format().mode(phonenumber::Mode::E164).to_string())
}

/// A block that is an address card: at least two contact details (e-mail, phone, web) and
/// little prose around them.
fn contact_card(text: &str) -> bool {
    let details = EMAIL.find_iter(text).count()
        + INTL_PHONE.find_iter(text).count()
        + text.matches("http").count()
        + text.matches("www.").count();
    details >= 2 && text.chars().count() < 600
}

/// The country of an E.164 number.
pub fn phone_country(e164: &str) -> Option<String> {
    let n = phonenumber::parse(None, e164).ok()?;
    n.country().id().map(|id| id.as_ref().to_string())
}

pub fn extract(cx: &Context) -> Contacts {
    let region = cx
        .language
        .and_then(|l| cx.reference.regions.get(l))
        .map(String::as_str);
    let mut emails = Vec::new();
    for e in &cx.doc.emails {
        let e = e.trim().to_lowercase();
        if EMAIL.is_match(&e) && keep_email(&e, cx) {
            push_unique(&mut emails, e);
        }
    }
    for o in &cx.doc.organizations {
        if let Some(e) = &o.email {
            let e = e.trim().to_lowercase();
            if EMAIL.is_match(&e) && keep_email(&e, cx) {
                push_unique(&mut emails, e);
            }
        }
    }
    let mut phones = Vec::new();
    for p in cx.doc.phones.iter().chain(
        cx.doc
            .organizations
            .iter()
            .filter_map(|o| o.telephone.as_ref()),
    ) {
        if let Some(n) = e164(p, region) {
            push_unique(&mut phones, n);
        }
    }
    let mut urls = Vec::new();
    let mut dpo: Option<Dpo> = None;
    // the supervisory authority's contact details follow a complaint right: its own block, and
    // the next blocks when they are address cards (several contact details, little prose)
    let mut authority_until: Option<usize> = None;
    for (i, block) in cx.doc.blocks.iter().enumerate() {
        let view = &cx.blocks[i];
        let text = &block.text;
        if view.rights.iter().any(|h| h.payload == Right::Complaint) {
            authority_until = Some(i + AUTHORITY_BLOCKS);
        }
        if authority_until.is_some_and(|u| i <= u) && contact_card(text) {
            continue;
        }
        let mut block_emails = Vec::new();
        let folded_text = &view.folded.folded;
        if text.contains('@') {
            block_emails.extend(EMAIL.find_iter(text).map(|m| m.as_str().to_lowercase()));
        }
        let obfuscated = ["at)", "at]", "at}", "ät)", "ät]"]
            .iter()
            .any(|p| folded_text.contains(p));
        for c in OBFUSCATED.captures_iter(if obfuscated { text } else { "" }) {
            let domain = OBF_DOT.replace_all(&c[2], ".");
            block_emails.push(format!("{}@{}", &c[1], domain).to_lowercase());
        }
        for e in block_emails {
            if keep_email(&e, cx) {
                push_unique(&mut emails, e);
            }
        }
        let folded = &view.folded.folded;
        let intl = folded.contains('+') || folded.contains("00");
        for c in INTL_PHONE.captures_iter(if intl { folded } else { "" }) {
            if let Some(n) = c.get(1).and_then(|m| e164(m.as_str(), region)) {
                push_unique(&mut phones, n);
            }
        }
        for cue in view.cues.iter().filter(|c| c.payload == Cue::Phone) {
            if let Some(m) = NATIONAL_PHONE
                .captures(&folded[cue.end..])
                .and_then(|c| c.get(1))
            {
                if let Some(n) = e164(m.as_str(), region) {
                    push_unique(&mut phones, n);
                }
            }
        }
        if matches!(view.topic, Topic::Contact | Topic::Controller) {
            for l in &block.links {
                if l.href.starts_with("http") && urls.len() < 10 {
                    push_unique(&mut urls, l.href.clone());
                }
            }
        }
        if dpo.is_none() && cx.has_cue(i, Cue::Dpo) {
            let email = (i..(i + 3).min(cx.doc.blocks.len()))
                .flat_map(|j| {
                    EMAIL
                        .find_iter(&cx.doc.blocks[j].text)
                        .map(|m| m.as_str().to_lowercase())
                        .collect::<Vec<_>>()
                })
                .find(|e| keep_email(e, cx));
            if email.is_some() {
                dpo = Some(Dpo { name: None, email });
            }
        }
    }
    Contacts {
        emails,
        phones,
        urls,
        dpo,
    }
}

#[cfg(test)]
mod tests {
    use super::e164;

    #[test]
    fn phones_in_e164() {
        assert_eq!(
            e164("+49 521 44812504", None).as_deref(),
            Some("+4952144812504")
        );
        assert_eq!(
            e164("0049 (0)30 12345678", None).as_deref(),
            Some("+493012345678")
        );
        assert_eq!(
            e164("+९१ ९८७६५ ४३२१०", None).as_deref(),
            Some("+919876543210")
        );
        assert_eq!(
            e164("030 12345678", Some("DE")).as_deref(),
            Some("+493012345678")
        );
        assert_eq!(e164("030 12345678", None), None);
        assert_eq!(e164("12", Some("DE")), None);
    }

    #[test]
    fn supervisory_authorities_addresses_are_not_the_publishers() {
        let text =
            "Datenschutzerklärung\n\nVerantwortlich: Muster GmbH, Hauptstraße 1, 80331 München. \
                    E-Mail: datenschutz@muster.example\n\nSie haben das Recht, sich bei einer \
                    Aufsichtsbehörde zu beschweren, z. B. beim Bayerischen Landesamt für \
                    Datenschutzaufsicht (poststelle@lda.bayern.de).";
        let p = crate::extract_str(text, None).expect("extract");
        assert_eq!(p.contacts.emails, ["datenschutz@muster.example"]);
        let r = crate::data::reference().expect("reference");
        assert!(r.is_authority_domain("lda.bayern.de") && r.is_authority_domain("mail.cnil.fr"));
        assert!(!r.is_authority_domain("notcnil.fr") && !r.is_authority_domain("muster.example"));
    }
}
