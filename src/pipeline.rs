//! The pipeline, in order: bytes -> text -> document -> languages -> sections -> extractors ->
//! record. Every stage is a function over plain data in its own module; this file only chains them.
use sha2::{Digest, Sha256};

use crate::data::reference;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::{run_all, Context};
use crate::normalize::fold;
use crate::record::{Policy, SCHEMA_VERSION};
use crate::{html, input, lang, sections, text};

/// A language's vocabulary is used when it holds at least this share of the text...
const RULES_MIN_SHARE: f64 = 0.15;
/// ... for at most this many languages.
const RULES_MAX_LANGUAGES: usize = 3;

/// Limits on what one document may be.
#[derive(Debug, Clone)]
pub struct Limits {
    /// inputs larger than this are refused with [`Error::Input`]
    pub max_bytes: usize,
    /// elements nested deeper than this are flattened before parsing (see [`crate::depth`])
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 1024,
        }
    }
}

/// Bytes (HTML or plain text, any charset) -> document.
pub fn parse_bytes(data: &[u8], limits: &Limits) -> Result<Document> {
    if data.len() > limits.max_bytes {
        return Err(Error::Input(format!(
            "{} bytes is over the limit of {} bytes",
            data.len(),
            limits.max_bytes
        )));
    }
    if let Some(kind) = input::binary_kind(data) {
        return Err(Error::Input(format!(
            "not a text or HTML document ({kind})"
        )));
    }
    let (text, _encoding) = input::decode(data);
    Ok(parse_text(&text, limits))
}

/// Text (HTML or plain) -> document.
pub fn parse_text(text: &str, limits: &Limits) -> Document {
    if input::looks_like_html(text) {
        html::parse(&crate::depth::limit(text, limits.max_depth))
    } else {
        text::parse(text)
    }
}

/// Document -> record.
pub fn build(doc: &Document, url: Option<&str>) -> Result<Policy> {
    let reference = reference()?;
    let detection = lang::detect(&doc.blocks, doc.declared_language.as_deref());
    // the vocabularies of the languages that hold a real part of the text (a cached set of
    // matchers per combination: few combinations, built once)
    let mut codes: Vec<String> = detection
        .languages
        .iter()
        .filter(|l| l.share >= RULES_MIN_SHARE)
        .take(RULES_MAX_LANGUAGES)
        .map(|l| l.code.clone())
        .collect();
    if codes.is_empty() {
        codes.extend(detection.language.clone());
    }
    let rules = reference.rules(&codes);
    let outline = sections::outline(
        &doc.blocks,
        &detection.blocks,
        detection.language.as_deref(),
        &rules,
    );
    let cx = Context::new(
        doc,
        url,
        reference,
        rules,
        &outline,
        detection.language.as_deref(),
    );
    let mut ex = run_all(&cx);

    // the controller is not its own processor, and its own country is not a transfer destination
    if let Some(c) = &ex.controller {
        let cname = fold(&c.name);
        ex.processors.retain(|p| {
            let org = fold(&p.organization);
            !(contains_words(&cname, &org) || contains_words(&org, &cname))
        });
    }
    // the publisher's own country (its address, else its phone number's) is no destination
    let home = ex
        .controller
        .as_ref()
        .and_then(|c| c.country.clone())
        .or_else(|| {
            ex.contacts
                .phones
                .first()
                .and_then(|p| crate::extract::contacts::phone_country(p))
        });
    if let Some(cc) = home {
        ex.transfers.countries.retain(|x| *x != cc);
    }
    let text = doc.text();
    let content_sha256 = hex::encode(Sha256::digest(text.as_bytes()));
    Ok(Policy {
        schema_version: SCHEMA_VERSION,
        url: url.map(str::to_string),
        title: doc.title.clone(),
        content_sha256,
        language: detection.language,
        languages: detection.languages,
        effective_date: ex.effective_date,
        controller: ex.controller,
        contacts: ex.contacts,
        processors: ex.processors,
        rights: ex.rights,
        transfers: ex.transfers,
        sections: outline.sections,
        text,
    })
}

/// True if `needle` occurs in `hay` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.chars().count() < 3 {
        return false;
    }
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(crate::normalize::is_word_char)
            && !after.is_some_and(crate::normalize::is_word_char)
    })
}
