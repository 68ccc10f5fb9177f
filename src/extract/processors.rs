//! Processors and third parties: catalogue names and aliases in every script (one Aho-Corasick
//! pass, word boundaries, the longest spelling wins so "Google Chrome" is not "Google"), links
//! and domains of catalogued services, and unlisted providers named with a legal form after a
//! provider cue ("the provider is X Ltd.", "Anbieter ist die X GmbH"). One entry per organisation.
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::data::{Catalogue, Cue};
use crate::normalize::fold;
use crate::record::{Category, Processor, Topic};

/// A host name in folded text ("policies.google.com"); the character before it is checked apart,
/// so the regex needs no capture group.
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,24}(?-u:\b)")
        .expect("valid regex")
});

/// How far after a provider cue a provider's name may start (bytes of original text).
const PROVIDER_WINDOW: usize = 160;

/// First labels of hosts that serve a company's help pages: a link there ("how to block cookies
/// in Safari" → support.apple.com) says nothing about using its services.
const HELP_HOSTS: &[&str] = &["support.", "help.", "helpx.", "docs.", "learn.", "kb."];

fn host_of(href: &str) -> Option<&str> {
    let rest = href
        .split("://")
        .nth(1)
        .or_else(|| href.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

fn add(accs: &mut Vec<Processor>, cat: &Catalogue, index: usize, mention: &str, evidence: String) {
    let e = &cat.entries[index];
    let mention = mention.trim().to_string();
    if let Some(p) = accs.iter_mut().find(|p| p.organization == e.organization) {
        if !mention.is_empty() && !p.mentions.contains(&mention) {
            p.mentions.push(mention);
        }
        return;
    }
    accs.push(Processor {
        name: e.name.clone(),
        organization: e.organization.clone(),
        category: e.category_enum.unwrap_or(Category::Other),
        country: Some(e.country.clone()),
        mentions: if mention.is_empty() {
            vec![]
        } else {
            vec![mention]
        },
        evidence,
        known: true,
    });
}

pub fn extract(cx: &Context) -> Vec<Processor> {
    let cat = &cx.reference.catalogue;
    let mut accs: Vec<Processor> = Vec::new();
    // sections whose heading says what is not used ("sub-processors we do not use") name no
    // processors; their sub-sections inherit that
    let mut negated = vec![false; cx.outline.sections.len()];
    let mut stack: Vec<(u8, bool)> = Vec::new();
    for (i, b) in cx.doc.blocks.iter().enumerate() {
        if let crate::document::BlockKind::Heading(level) = b.kind {
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let neg = cx.has_cue(i, Cue::Negation) || stack.last().is_some_and(|(_, n)| *n);
            stack.push((level, neg));
            if let Some(&s) = cx.outline.block_section.get(i) {
                negated[s] = neg;
            }
        }
    }
    for (i, view) in cx.blocks.iter().enumerate() {
        if cx.outline.block_section.get(i).is_some_and(|&s| negated[s]) {
            continue;
        }
        let text = &view.folded.folded;
        let contextual = matches!(
            view.topic,
            Topic::Sharing | Topic::Processors | Topic::Cookies | Topic::Transfers
        );
        for h in cat.names.find_longest(text) {
            let crate::data::Alias::Entry {
                index,
                exact,
                ambiguous,
            } = h.payload
            else {
                continue;
            };
            let orig = cx.original(i, h.start, h.end);
            if exact
                && cat
                    .spellings
                    .get(&(index, text[h.start..h.end].to_string()))
                    .map(String::as_str)
                    != Some(orig)
            {
                continue;
            }
            // inside an e-mail address or a domain name: the domain rule decides
            let prev = text[..h.start].chars().next_back();
            let after = &text[h.end..];
            if matches!(prev, Some('@' | '/' | '.'))
                || (after.starts_with('.')
                    && after[1..].starts_with(|c: char| c.is_ascii_alphabetic()))
            {
                continue;
            }
            let (s, e) = cx.sentence_range(i, h.start, h.end);
            if ambiguous && !contextual {
                let cue = view.cues.iter().any(|c| {
                    matches!(c.payload, Cue::Sharing | Cue::Provider) && c.start >= s && c.end <= e
                });
                if !cue {
                    continue;
                }
            }
            // "we do not use Google Analytics": a negation earlier in the same sentence
            if view
                .cues
                .iter()
                .any(|c| c.payload == Cue::Negation && c.start >= s && c.end <= h.start)
            {
                continue;
            }
            add(&mut accs, cat, index, orig, cx.evidence(i, h.start, h.end));
        }
        let block = &cx.doc.blocks[i];
        for l in &block.links {
            let host = host_of(&l.href).filter(|h| {
                !HELP_HOSTS
                    .iter()
                    .any(|p| h.to_ascii_lowercase().starts_with(p))
            });
            if let Some(index) = host.and_then(|h| cat.by_host(h)) {
                let name = cat.entries[index].name.clone();
                let ev = if l.text.is_empty() {
                    l.href.clone()
                } else {
                    crate::normalize::sentence_around(&block.text, 0, 0, 300).to_string()
                };
                add(&mut accs, cat, index, &name, ev);
            }
        }
        for m in DOMAIN.find_iter(if text.contains('.') { text } else { "" }) {
            if text[..m.start()].ends_with(['@', '.', '-']) {
                continue;
            }
            if let Some(index) = cat.by_host(m.as_str()) {
                let name = cat.entries[index].name.clone();
                add(
                    &mut accs,
                    cat,
                    index,
                    &name,
                    cx.evidence(i, m.start(), m.end()),
                );
            }
        }
        // unlisted providers named with a legal form after a provider cue (not overlapping a
        // catalogue name: "PayPal (Europe) S.à r.l. et Cie, S.C.A." is PayPal)
        let known_spans: Vec<(usize, usize)> = cat
            .names
            .find_longest(text)
            .iter()
            .map(|h| view.folded.orig_range(h.start, h.end))
            .collect();
        for cue in view.cues.iter().filter(|c| c.payload == Cue::Provider) {
            let (_, ce) = view.folded.orig_range(cue.start, cue.end);
            let tail = &block.text
                [ce..crate::normalize::floor_char(&block.text, ce + PROVIDER_WINDOW + 80)];
            let Some(org) = crate::orgname::find(tail)
                .into_iter()
                .find(|o| o.start <= PROVIDER_WINDOW)
            else {
                continue;
            };
            let (os, oe) = (ce + org.start, ce + org.end);
            if known_spans.iter().any(|&(s, e)| s < oe + 40 && e + 40 > os) {
                continue;
            }
            let known = cat
                .names
                .find_longest(&fold(&org.name))
                .into_iter()
                .find_map(|h| match h.payload {
                    crate::data::Alias::Entry {
                        index,
                        ambiguous: false,
                        ..
                    } => Some(index),
                    _ => None,
                });
            match known {
                Some(index) => add(
                    &mut accs,
                    cat,
                    index,
                    &org.name,
                    cx.evidence(i, cue.start, cue.end),
                ),
                None => {
                    if accs
                        .iter()
                        .any(|p| fold(&p.organization) == fold(&org.name))
                    {
                        continue;
                    }
                    accs.push(Processor {
                        name: org.name.clone(),
                        organization: org.name.clone(),
                        category: Category::Other,
                        country: None,
                        mentions: vec![org.name.clone()],
                        evidence: cx.evidence(i, cue.start, cue.end),
                        known: false,
                    })
                }
            }
        }
    }
    accs
}
