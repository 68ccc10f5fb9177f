//! Blocks -> sections: each heading opens a section; its topic comes from the heading
//! vocabularies of the document's languages (data/lexicons/*.toml `[topics]`). A heading that
//! names no topic inherits the topic of the heading above it (an "h3 Google Analytics" under an
//! "h2 Third-party services" is about processors).
use crate::data::Rules;
use crate::document::{Block, BlockKind};
use crate::normalize::fold;
use crate::record::{Section, Topic};

/// Sections and, for every block, the index of the section it belongs to.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub sections: Vec<Section>,
    pub block_section: Vec<usize>,
}

/// The topic a heading names, if any: the longest matching cue wins.
pub fn topic_of(heading: &str, rules: &Rules) -> Option<Topic> {
    let folded = fold(heading);
    rules
        .topics
        .find_all(&folded)
        .into_iter()
        .max_by_key(|h| (h.end - h.start, std::cmp::Reverse(h.start)))
        .map(|h| h.payload)
}

pub fn outline(
    blocks: &[Block],
    block_langs: &[Option<String>],
    doc_lang: Option<&str>,
    rules: &Rules,
) -> Outline {
    let mut sections: Vec<Section> = Vec::new();
    let mut block_section = Vec::with_capacity(blocks.len());
    // (level, topic) of the open headings
    let mut stack: Vec<(u8, Topic)> = Vec::new();
    let mut lang_letters: Vec<Vec<(String, usize)>> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let BlockKind::Heading(level) = b.kind {
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let inherited = stack
                .iter()
                .rev()
                .map(|(_, t)| *t)
                .find(|t| !matches!(t, Topic::Other | Topic::Intro));
            let topic = topic_of(&b.text, rules)
                .or(inherited)
                .unwrap_or(Topic::Other);
            stack.push((level, topic));
            sections.push(Section {
                heading: b.text.clone(),
                topic,
                language: String::new(),
                text: String::new(),
            });
            lang_letters.push(Vec::new());
        } else {
            if sections.is_empty() {
                sections.push(Section {
                    heading: String::new(),
                    topic: Topic::Intro,
                    language: String::new(),
                    text: String::new(),
                });
                lang_letters.push(Vec::new());
            }
            let s = sections.last_mut().expect("a section exists");
            if !s.text.is_empty() {
                s.text.push_str("\n\n");
            }
            s.text.push_str(&b.text);
        }
        let idx = sections.len() - 1;
        block_section.push(idx);
        if let Some(Some(l)) = block_langs.get(i) {
            let n = b.text.chars().filter(|c| c.is_alphabetic()).count();
            let counts = &mut lang_letters[idx];
            match counts.iter_mut().find(|(x, _)| x == l) {
                Some((_, c)) => *c += n,
                None => counts.push((l.clone(), n)),
            }
        }
    }
    for (s, counts) in sections.iter_mut().zip(lang_letters) {
        s.language = counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(l, _)| l)
            .or_else(|| doc_lang.map(str::to_string))
            .unwrap_or_default();
    }
    Outline {
        sections,
        block_section,
    }
}
