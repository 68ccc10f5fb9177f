//! The controller: the party a controller cue of the document's languages names ("Verantwortlicher:",
//! "responsable du traitement", "डेटा नियंत्रक"), preferring names with a legal form and passages in
//! a controller section; then the page's schema.org organisation, its copyright line, its site
//! name, its title ("Privacy Policy | Acme") and finally its domain.
use super::Context;
use crate::data::Cue;
use crate::normalize::{fold, sentence_around};
use crate::record::{Controller, Topic};

/// Longest plausible name, in characters (in scripts without spaces: characters of that script).
const MAX_NAME: usize = 90;
const MAX_UNSPACED_NAME: usize = 32;
/// How many blocks from the start of a page count as its introduction, for names with a legal form.
const INTRO_BLOCKS: usize = 6;

struct Candidate {
    score: u32,
    name: String,
    address: Option<String>,
    evidence: String,
}

fn trim_name(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '：'
                    | ','
                    | '،'
                    | '-'
                    | '–'
                    | '—'
                    | '.'
                    | '"'
                    | '«'
                    | '»'
                    | '('
                    | ')'
                    | '“'
                    | '”'
            )
    })
}

/// A short line that reads as a name: not a sentence, not a heading-like question, has letters.
fn plausible_name(s: &str) -> bool {
    let n = s.chars().count();
    let unspaced = s
        .chars()
        .filter(|c| crate::normalize::is_unspaced_script(*c))
        .count();
    (2..=MAX_NAME).contains(&n)
        && unspaced <= MAX_UNSPACED_NAME
        && !s.contains(['：', '，', '。', '；'])
        && s.split_whitespace().count() <= 10
        && s.chars().any(char::is_alphabetic)
        && !s.contains('@')
        && !s.ends_with(['.', '?', '!', '।', '۔', '。'])
}

/// Lines after the name that look like an address (have digits or are short place names).
fn address_after(lines: &[&str]) -> Option<String> {
    let mut out = Vec::new();
    for l in lines.iter().take(4) {
        let l = l.trim();
        if l.is_empty()
            || l.contains('@')
            || l.to_lowercase().starts_with("tel")
            || l.contains("http")
        {
            break;
        }
        if l.chars().count() > 80 || is_contact_label(l) {
            break;
        }
        out.push(l);
    }
    (!out.is_empty() && out.iter().any(|l| l.chars().any(|c| c.is_ascii_digit())))
        .then(|| out.join(", "))
}

/// "Email: ...", "Phone: +49 ...", "E-poçt:" — a label line whose value is empty or a contact.
fn is_contact_label(line: &str) -> bool {
    let Some((label, value)) = line.split_once([':', '：']) else {
        return false;
    };
    let value = value.trim();
    label.chars().count() <= 16
        && (value.is_empty()
            || value.contains('@')
            || value.starts_with('+')
            || value.chars().filter(|c| c.is_ascii_digit()).count() >= 7)
}

fn from_cue(cx: &Context, i: usize, cue_start: usize, cue_end: usize) -> Option<Candidate> {
    let block = &cx.doc.blocks[i];
    let view = &cx.blocks[i];
    let (_, ce) = view.folded.orig_range(cue_start, cue_end);
    let text = &block.text;
    let rest = &text[ce..];
    let mut score = 0;
    if matches!(view.topic, Topic::Controller) {
        score += 2;
    }
    // 1. an organisation with a legal form soon after the cue
    if let Some(org) = crate::orgname::find(rest)
        .into_iter()
        .find(|o| o.start < 200)
    {
        let after: Vec<&str> = rest[org.end..].split('\n').collect();
        let address = address_after(&after[1.min(after.len())..]).or_else(|| {
            let line = after.first().map(|l| trim_name(l)).unwrap_or("");
            (line.chars().any(|c| c.is_ascii_digit()) && line.chars().count() < 150)
                .then(|| line.to_string())
        });
        return Some(Candidate {
            score: score + 4,
            name: org.name,
            address,
            evidence: sentence_around(text, ce, ce, 400).to_string(),
        });
    }
    // 1b. ... or right before it in the same sentence ("X GmbH ist verantwortlich", "X株式会社は…")
    let (cs, _) = view.folded.orig_range(cue_start, cue_end);
    let sentence = sentence_around(text, cs, ce, usize::MAX);
    let sent_start = sentence.as_ptr() as usize - text.as_ptr() as usize;
    if let Some(org) = crate::orgname::find(&text[sent_start..cs])
        .into_iter()
        .last()
    {
        return Some(Candidate {
            score: score + 3,
            name: org.name,
            address: None,
            evidence: sentence.chars().take(400).collect(),
        });
    }
    let rest_trim = trim_name(rest.split('\n').next().unwrap_or(""));
    // 2. "Controller: Jane Doe" on the same line
    let stripped = rest.trim_start();
    if stripped.starts_with([':', '：']) || rest.starts_with('\n') {
        let line = trim_name(
            stripped
                .trim_start_matches([':', '：'])
                .trim_start()
                .split('\n')
                .next()
                .unwrap_or(""),
        );
        let name = trim_name(line.split([',', ';', '|']).next().unwrap_or(""));
        if plausible_name(name) {
            let after: Vec<&str> = stripped.split('\n').skip(1).collect();
            return Some(Candidate {
                score: score + 2,
                name: name.to_string(),
                address: address_after(&after),
                evidence: crate::normalize::sentence_around(text, ce, ce, 400).to_string(),
            });
        }
    }
    // 3. the cue ends its block ("Verantwortlicher" as a heading, "... ist:" as a label): the
    // next block names it, unless that block is itself a controller passage
    let label = rest.trim_end().ends_with([':', '：']) && !rest.contains('\n');
    if rest_trim.chars().count() <= 3 || label {
        let next = cx.doc.blocks.get(i + 1)?;
        if cx.has_cue(i + 1, Cue::Controller) && !label {
            return None;
        }
        let lines: Vec<&str> = next.text.split('\n').collect();
        if let Some(org) = crate::orgname::find(lines[0]).into_iter().next() {
            return Some(Candidate {
                score: score + 4,
                name: org.name,
                address: address_after(&lines[1..]),
                evidence: next.text.chars().take(400).collect(),
            });
        }
        let name = trim_name(lines[0]);
        if plausible_name(name) {
            let address = address_after(&lines[1..]).or_else(|| {
                let following = cx.doc.blocks.get(i + 2)?;
                address_after(&following.text.split('\n').collect::<Vec<_>>())
            });
            return Some(Candidate {
                score: score + 2,
                name: name.to_string(),
                address,
                evidence: next.text.chars().take(400).collect(),
            });
        }
    }
    None
}

/// Split a page title into parts and keep the one that is not the policy's own name.
fn from_title(cx: &Context, title: &str) -> Option<String> {
    let parts: Vec<&str> = title
        .split(['|', '–', '—', '·', '»', '«', ':', '：', '｜', '-'])
        .map(str::trim)
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let policy_like = |p: &str| {
        let f = fold(p);
        cx.rules
            .cues
            .find_all(&f)
            .iter()
            .any(|h| h.payload == Cue::Policy)
            || crate::sections::topic_of(p, &cx.rules).is_some()
    };
    parts
        .iter()
        .rev()
        .find(|p| !policy_like(p) && plausible_name(p))
        .map(|p| p.to_string())
}

fn from_copyright(line: &str) -> Option<String> {
    if let Some(org) = crate::orgname::find(line).into_iter().next() {
        return Some(org.name);
    }
    let mut s = line.replace(['©'], " ");
    for w in ["copyright", "(c)", "Copyright"] {
        s = s.replace(w, " ");
    }
    let s = s.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '–' | ',')
    });
    let name = trim_name(s.split(['.', '|', '·', '•']).next().unwrap_or(""));
    let name = name.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '-');
    plausible_name(name).then(|| name.to_string())
}

/// The brand a page repeats: a capitalised Latin-script word of the title (or, in a document
/// written in another script, of the body) that the text uses most, if used at least twice and
/// not a catalogued third party or the policy's own name.
fn from_brand(cx: &Context) -> Option<String> {
    let text = cx.doc.text();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let mut candidates: Vec<&str> = cx
        .doc
        .title
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .collect();
    if latin * 3 < letters {
        candidates.extend(text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-')));
    }
    let catalogue = &cx.reference.catalogue.names;
    let mut best: Option<(usize, &str)> = None;
    let mut seen: Vec<&str> = Vec::new();
    for w in candidates {
        let w = w.trim_matches(['.', '-']);
        if w.chars().count() < 3
            || !w.starts_with(|c: char| c.is_ascii_uppercase())
            || !w
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            || seen.contains(&w)
        {
            continue;
        }
        seen.push(w);
        let f = fold(w);
        if !catalogue.find_all(&f).is_empty()
            || cx.rules.cues.matches(&f)
            || crate::sections::topic_of(w, &cx.rules).is_some()
        {
            continue;
        }
        let count = text
            .match_indices(w)
            .filter(|(i, _)| {
                let before = text[..*i].chars().next_back();
                let after = text[i + w.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .count();
        if count >= 2 && best.is_none_or(|(n, _)| count > n) {
            best = Some((count, w));
        }
    }
    best.map(|(_, w)| w.to_string())
}

fn host_name(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)?
        .split(['/', '?', '#', ':'])
        .next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The country an address names (CLDR names in the document's languages).
pub fn country_of(cx: &Context, address: &str) -> Option<String> {
    let f = fold(address);
    cx.rules
        .countries
        .find_longest(&f)
        .last()
        .map(|h| String::from_utf8_lossy(&h.payload).into_owned())
}

pub fn extract(cx: &Context) -> Option<Controller> {
    let mut best: Option<Candidate> = None;
    for (i, view) in cx.blocks.iter().enumerate() {
        for cue in view.cues.iter().filter(|c| c.payload == Cue::Controller) {
            if let Some(c) = from_cue(cx, i, cue.start, cue.end) {
                if best.as_ref().is_none_or(|b| c.score > b.score) {
                    best = Some(c);
                }
            }
        }
    }
    if let Some(c) = best {
        let country = c.address.as_deref().and_then(|a| country_of(cx, a));
        return Some(Controller {
            name: c.name,
            address: c.address,
            country,
            evidence: c.evidence,
        });
    }
    if let Some(org) = cx.doc.organizations.first() {
        let country = org.country.as_deref().and_then(|c| {
            if c.len() == 2 && c.chars().all(|x| x.is_ascii_alphabetic()) {
                Some(c.to_ascii_uppercase())
            } else {
                country_of(cx, c)
            }
        });
        return Some(Controller {
            name: org.name.clone(),
            address: org.address.clone(),
            country,
            evidence: "schema.org structured data".into(),
        });
    }
    for (i, view) in cx.blocks.iter().enumerate() {
        if i >= INTRO_BLOCKS
            && !matches!(
                view.topic,
                Topic::Controller | Topic::Contact | Topic::Intro
            )
        {
            continue;
        }
        let text = &cx.doc.blocks[i].text;
        for org in crate::orgname::find(text) {
            let known = !cx
                .reference
                .catalogue
                .names
                .find_all(&fold(&org.name))
                .is_empty();
            if !known && plausible_name(&org.name) {
                let evidence = sentence_around(text, org.start, org.end, 400).to_string();
                return Some(Controller {
                    name: org.name,
                    address: None,
                    country: None,
                    evidence,
                });
            }
        }
    }
    let fallback = cx
        .doc
        .copyright
        .iter()
        .find_map(|l| from_copyright(l).map(|n| (n, l.clone())))
        .or_else(|| {
            cx.doc
                .site_name
                .clone()
                .filter(|s| plausible_name(s))
                .map(|s| (s.clone(), format!("site name: {s}")))
        })
        .or_else(|| from_title(cx, &cx.doc.title).map(|n| (n, format!("title: {}", cx.doc.title))))
        .or_else(|| from_brand(cx).map(|n| (n, "the brand the page repeats".to_string())))
        .or_else(|| {
            cx.url
                .and_then(host_name)
                .map(|h| (h.clone(), format!("domain: {h}")))
        });
    fallback.map(|(name, evidence)| Controller {
        name,
        address: None,
        country: None,
        evidence,
    })
}
