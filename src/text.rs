//! Plain text -> [`Document`]: blocks are separated by blank lines; bullet lines become list
//! items; short single-line blocks that do not end a sentence (or are numbered, or are marked
//! with `#`) become headings; the first line is the title.
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Block, BlockKind, Document};
use crate::normalize::{nfc, squash_ws};

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\d{1,2}|[IVX]{1,4}|[A-Za-z])[.)]|\d{1,2}(?:\.\d{1,2})+\.?|§\s*\d+)\s+\S")
        .expect("valid regex")
});
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*•·▪◦–]|\(?[a-z0-9]\))\s+").expect("valid regex"));

const SENTENCE_END: &[char] = &[
    '.', '!', '?', ';', ',', '।', '۔', '。', '！', '？', '؟', '،', '、', '።',
];

/// Parse plain text into a [`Document`].
pub fn parse(text: &str) -> Document {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut raw_blocks: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let l = squash_ws(line).replace("[email protected]", "");
        let l = l.trim();
        if l.is_empty() {
            if !cur.is_empty() {
                raw_blocks.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(nfc(l));
        }
    }
    if !cur.is_empty() {
        raw_blocks.push(cur);
    }

    // the title: the first short line that names the policy, else the first line
    let title = raw_blocks
        .iter()
        .flatten()
        .take(5)
        .find(|l| l.chars().count() <= 150 && !l.contains(':'))
        .or(raw_blocks.first().and_then(|b| b.first()))
        .cloned()
        .unwrap_or_default();
    let mut doc = Document {
        title,
        ..Document::default()
    };
    let n = raw_blocks.len();
    for (i, lines) in raw_blocks.into_iter().enumerate() {
        if lines.len() == 1 {
            let l = &lines[0];
            if let Some(level) = heading_level(l, i + 1 < n) {
                push(
                    &mut doc,
                    BlockKind::Heading(level),
                    l.trim_start_matches('#').trim().to_string(),
                );
                continue;
            }
        }
        // a block of bullet lines is a list
        if lines.iter().all(|l| BULLET.is_match(l)) {
            for l in lines {
                push(
                    &mut doc,
                    BlockKind::ListItem,
                    BULLET.replace(&l, "").into_owned(),
                );
            }
            continue;
        }
        // inside a multi-line block: numbered or marked lines are headings, long lines are
        // paragraphs of their own (text scraped without blank lines), runs of short lines
        // (an address) stay together
        let mut run: Vec<String> = Vec::new();
        for l in lines {
            let heading = (NUMBERED.is_match(&l) || l.starts_with('#'))
                .then(|| heading_level(&l, true))
                .flatten();
            if heading.is_some() || l.chars().count() > LONG_LINE || BULLET.is_match(&l) {
                if !run.is_empty() {
                    push(&mut doc, BlockKind::Paragraph, run.join("\n"));
                    run.clear();
                }
                match heading {
                    Some(level) => push(
                        &mut doc,
                        BlockKind::Heading(level),
                        l.trim_start_matches('#').trim().to_string(),
                    ),
                    None if BULLET.is_match(&l) => push(
                        &mut doc,
                        BlockKind::ListItem,
                        BULLET.replace(&l, "").into_owned(),
                    ),
                    None => push(&mut doc, BlockKind::Paragraph, l),
                }
            } else {
                run.push(l);
            }
        }
        if !run.is_empty() {
            push(&mut doc, BlockKind::Paragraph, run.join("\n"));
        }
    }
    doc
}

/// Lines longer than this are paragraphs even without a blank line around them.
const LONG_LINE: usize = 100;

fn push(doc: &mut Document, kind: BlockKind, text: String) {
    doc.blocks.push(Block {
        kind,
        text,
        links: vec![],
    });
}

fn heading_level(line: &str, has_next: bool) -> Option<u8> {
    if let Some(rest) = line.strip_prefix('#') {
        let hashes = 1 + rest.chars().take_while(|&c| c == '#').count();
        return Some(hashes.min(6) as u8);
    }
    let chars = line.chars().count();
    if chars > 100 || line.ends_with(SENTENCE_END) || BULLET.is_match(line) {
        return None;
    }
    if NUMBERED.is_match(line) {
        let depth = line
            .split_whitespace()
            .next()
            .map_or(0, |n| n.trim_end_matches(['.', ')']).matches('.').count());
        return Some((2 + depth).min(6) as u8);
    }
    (has_next && line.split_whitespace().count() <= 12).then_some(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_lists() {
        let d = parse("Privacy Policy | Acme\n\n1. Data we collect\n\nWe collect your name.\nAnd your e-mail.\n\n- cookies\n- logs\n\n2.1 Sharing\nWe share with Stripe.\n");
        let kinds: Vec<_> = d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Heading(3), "Privacy Policy | Acme"),
                (BlockKind::Heading(2), "1. Data we collect"),
                (
                    BlockKind::Paragraph,
                    "We collect your name.\nAnd your e-mail."
                ),
                (BlockKind::ListItem, "cookies"),
                (BlockKind::ListItem, "logs"),
                (BlockKind::Heading(3), "2.1 Sharing"),
                (BlockKind::Paragraph, "We share with Stripe."),
            ]
        );
        assert_eq!(d.title, "Privacy Policy | Acme");
    }

    #[test]
    fn urdu_sentence_is_not_a_heading() {
        let d = parse("ہم آپ کی معلومات فروخت نہیں کرتے۔\n\nاگلا");
        assert_eq!(d.blocks[0].kind, BlockKind::Paragraph);
    }
}
