//! International transfers: destination countries named in transfer context (a transfer
//! section, or a sentence with a transfer cue) in the document's languages (CLDR names plus the
//! lexicons' demonyms and short forms), never countries that are only part of a postal address
//! or of an organisation's legal name ("WhatsApp Ireland Limited"); and the safeguards named
//! anywhere (SCCs, adequacy, BCRs, DPF, consent). A sentence naming a safeguard is transfer
//! context too ("Stripe is based in the USA and relies on SCCs").
use std::collections::BTreeSet;

use super::Context;
use crate::data::Cue;
use crate::record::{Topic, Transfers};

/// A country name right after a postal code or street number ("Dublin 4, Ireland",
/// "94107, USA") is part of an address, not a destination.
fn in_address(text: &str, start: usize) -> bool {
    let before = &text[crate::normalize::floor_char(text, start.saturating_sub(40))..start];
    let trimmed = before.trim_end();
    // one of the two comma-separated parts before the name holds a postal code or number
    trimmed.ends_with(',')
        && trimmed
            .trim_end_matches(',')
            .rsplit(',')
            .take(2)
            .any(|p| p.chars().any(|c| c.is_ascii_digit()))
}

pub fn extract(cx: &Context) -> Transfers {
    let mut countries = BTreeSet::new();
    let mut mechanisms = BTreeSet::new();
    let mut evidence: Vec<String> = Vec::new();
    let mut section_mentions = false;
    for (i, b) in cx.blocks.iter().enumerate() {
        let text = &b.folded.folded;
        let in_section = b.topic == Topic::Transfers;
        section_mentions |= in_section && !b.is_heading;
        let mut contexts: Vec<(usize, usize)> = Vec::new();
        for h in cx.rules.mechanisms.find_all(text) {
            mechanisms.insert(h.payload);
            contexts.push((h.start, h.end));
            if evidence.len() < 8 {
                evidence.push(cx.evidence(i, h.start, h.end));
            }
        }
        contexts.extend(
            b.cues
                .iter()
                .filter(|c| c.payload == Cue::Transfer)
                .map(|c| (c.start, c.end)),
        );
        let has_transfer_cue = !contexts.is_empty();
        // a row of a sub-processor or recipients table names where each one processes data
        let processor_table = matches!(cx.doc.blocks[i].kind, crate::document::BlockKind::TableRow)
            && matches!(b.topic, Topic::Processors | Topic::Sharing);
        let in_section = in_section || processor_table;
        if !in_section && !has_transfer_cue {
            continue;
        }
        let mut orgs: Option<Vec<crate::orgname::OrgName>> = None;
        for h in cx.rules.countries.find_longest(text) {
            if in_address(text, h.start) {
                continue;
            }
            let (os, oe) = b.folded.orig_range(h.start, h.end);
            let orgs = orgs.get_or_insert_with(|| crate::orgname::find(&cx.doc.blocks[i].text));
            if orgs.iter().any(|o| o.start <= os && oe <= o.end) {
                continue;
            }
            let ok = in_section || {
                let (s, e) = cx.sentence_range(i, h.start, h.end);
                contexts.iter().any(|&(cs, ce)| cs >= s && ce <= e)
            };
            if ok {
                let code = String::from_utf8_lossy(&h.payload).into_owned();
                if countries.insert(code) && evidence.len() < 8 {
                    evidence.push(cx.evidence(i, h.start, h.end));
                }
            }
        }
    }
    evidence.dedup();
    Transfers {
        mentioned: section_mentions || !countries.is_empty() || !mechanisms.is_empty(),
        countries: countries.into_iter().collect(),
        mechanisms: mechanisms.into_iter().collect(),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::in_address;

    #[test]
    fn address_countries_are_recognised() {
        let t = "google ireland limited, gordon house, barrow street, dublin 4, ireland";
        assert!(in_address(t, t.rfind("ireland").unwrap()));
        let t = "data may be transferred to the united states";
        assert!(!in_address(t, t.find("united").unwrap()));
    }
}
