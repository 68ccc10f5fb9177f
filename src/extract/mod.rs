//! The extractors. Each file holds one, with the same shape: `pub fn extract(cx: &Context) -> T`.
//! [`run_all`] is the one list that runs them; cross-field clean-up (the controller is no
//! processor, its own country is no transfer destination) happens in the pipeline afterwards.
pub mod contacts;
pub mod controller;
pub mod date;
pub mod processors;
pub mod rights;
pub mod transfers;

use std::sync::Arc;

use crate::data::{Cue, Reference, Rules};
use crate::document::Document;
use crate::normalize::Folded;
use crate::phrases::Hit;
use crate::record::{Contacts, Controller, Processor, Right, Topic, Transfers};
use crate::sections::Outline;

/// What every extractor sees: the document, its outline and per-block matching state.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub url: Option<&'a str>,
    pub reference: &'static Reference,
    pub rules: Arc<Rules>,
    pub outline: &'a Outline,
    pub language: Option<&'a str>,
    pub blocks: Vec<BlockView>,
}

/// A block prepared for matching.
pub struct BlockView {
    pub folded: Folded,
    pub topic: Topic,
    pub is_heading: bool,
    pub cues: Vec<Hit<Cue>>,
    /// rights phrases in the block (before any context rule)
    pub rights: Vec<Hit<Right>>,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        url: Option<&'a str>,
        reference: &'static Reference,
        rules: Arc<Rules>,
        outline: &'a Outline,
        language: Option<&'a str>,
    ) -> Self {
        let blocks = doc
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let folded = Folded::new(&b.text);
                let cues = rules.cues.find_all(&folded.folded);
                let rights = rules.rights.find_all(&folded.folded);
                let topic = outline
                    .block_section
                    .get(i)
                    .and_then(|&s| outline.sections.get(s))
                    .map_or(Topic::Other, |s| s.topic);
                BlockView {
                    folded,
                    topic,
                    is_heading: matches!(b.kind, crate::document::BlockKind::Heading(_)),
                    cues,
                    rights,
                }
            })
            .collect();
        Context {
            doc,
            url,
            reference,
            rules,
            outline,
            language,
            blocks,
        }
    }

    /// True if block `i` holds a cue of this kind.
    pub fn has_cue(&self, i: usize, cue: Cue) -> bool {
        self.blocks[i].cues.iter().any(|h| h.payload == cue)
    }

    /// The original text of block `i` for a folded byte range.
    pub fn original(&self, i: usize, start: usize, end: usize) -> &str {
        let (s, e) = self.blocks[i].folded.orig_range(start, end);
        &self.doc.blocks[i].text[s..e]
    }

    /// The sentence around a folded byte range of block `i`, as evidence.
    pub fn evidence(&self, i: usize, start: usize, end: usize) -> String {
        let (s, e) = self.blocks[i].folded.orig_range(start, end);
        crate::normalize::sentence_around(&self.doc.blocks[i].text, s, e, 400).to_string()
    }

    /// The folded byte range of the sentence around a folded byte range of block `i`. Sentences
    /// are found in the original text, where capitals tell a full stop from an abbreviation.
    pub fn sentence_range(&self, i: usize, start: usize, end: usize) -> (usize, usize) {
        let folded = &self.blocks[i].folded;
        let text = &self.doc.blocks[i].text;
        let (os, oe) = folded.orig_range(start, end);
        let sent = crate::normalize::sentence_around(text, os, oe, usize::MAX);
        let s = sent.as_ptr() as usize - text.as_ptr() as usize;
        (
            folded.folded_offset(s),
            folded.folded_offset(s + sent.len()),
        )
    }
}

/// Everything the extractors produce for one document.
pub struct Extracted {
    pub contacts: Contacts,
    pub controller: Option<Controller>,
    pub processors: Vec<Processor>,
    pub rights: Vec<Right>,
    pub transfers: Transfers,
    pub effective_date: Option<String>,
}

/// Run every extractor.
pub fn run_all(cx: &Context) -> Extracted {
    Extracted {
        contacts: contacts::extract(cx),
        controller: controller::extract(cx),
        processors: processors::extract(cx),
        rights: rights::extract(cx),
        transfers: transfers::extract(cx),
        effective_date: date::extract(cx),
    }
}
