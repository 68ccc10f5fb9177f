//! Multi-phrase matching with word-boundary rules, used for every vocabulary in data/.
//!
//! Phrases are folded like the text (see [`crate::normalize::fold`]). A match must start and end
//! at a word boundary, except that a phrase written with a trailing `*` is a stem that may end
//! inside a word, and phrase ends written in scripts without spaces (Chinese, Japanese, Thai)
//! need no boundary. All patterns are searched in one pass with Aho-Corasick.
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::normalize::{
    fold, is_unspaced_script, is_word_char, word_continues_after, word_continues_before,
};

#[derive(Debug, Clone)]
struct Pattern<P> {
    payload: P,
    /// the pattern's first/last character needs a boundary check
    check_start: bool,
    check_end: bool,
    /// the pattern starts/ends with katakana: a katakana neighbour continues the word
    /// (アルバ is not a word inside アルバイト)
    kana_start: bool,
    kana_end: bool,
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// A set of phrases, each carrying a payload (a topic, a right, a catalogue index, ...).
#[derive(Debug, Clone)]
pub struct PhraseSet<P> {
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern<P>>,
    /// every match is reported (small vocabularies); otherwise leftmost-longest matches only,
    /// which is much faster on catalogues of thousands of names
    overlapping: bool,
}

/// One match in folded text: byte range and the payload of the phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<P> {
    pub start: usize,
    pub end: usize,
    pub payload: P,
}

impl<P: Clone> PhraseSet<P> {
    /// Build from `(phrase, payload)` pairs; empty phrases are ignored. Overlapping matches are
    /// all reported.
    pub fn new<'a>(items: impl IntoIterator<Item = (&'a str, P)>) -> Self {
        Self::build(items, true)
    }

    /// Like [`PhraseSet::new`], but only leftmost-longest matches are reported (for large sets).
    pub fn leftmost_longest<'a>(items: impl IntoIterator<Item = (&'a str, P)>) -> Self {
        Self::build(items, false)
    }

    fn build<'a>(items: impl IntoIterator<Item = (&'a str, P)>, overlapping: bool) -> Self {
        let mut pats = Vec::new();
        let mut patterns = Vec::new();
        for (raw, payload) in items {
            let raw = raw.trim();
            let (body, stem) = match raw.strip_suffix('*') {
                Some(b) => (b, true),
                None => (raw, false),
            };
            let f = fold(body);
            let (Some(first), Some(last)) = (f.chars().next(), f.chars().last()) else {
                continue;
            };
            patterns.push(Pattern {
                payload,
                check_start: is_word_char(first) && !is_unspaced_script(first),
                check_end: !stem && is_word_char(last) && !is_unspaced_script(last),
                kana_start: is_katakana(first),
                kana_end: !stem && is_katakana(last),
            });
            pats.push(f);
        }
        let ac = if pats.is_empty() {
            None
        } else {
            let kind = if overlapping {
                MatchKind::Standard
            } else {
                MatchKind::LeftmostLongest
            };
            AhoCorasickBuilder::new().match_kind(kind).build(&pats).ok()
        };
        PhraseSet {
            ac,
            patterns,
            overlapping,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every match (overlapping ones too) in folded text that respects the boundary rules.
    pub fn find_all(&self, folded: &str) -> Vec<Hit<P>> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let matches: Box<dyn Iterator<Item = aho_corasick::Match>> = if self.overlapping {
            Box::new(ac.find_overlapping_iter(folded))
        } else {
            Box::new(ac.find_iter(folded))
        };
        for m in matches {
            let p = &self.patterns[m.pattern().as_usize()];
            if p.check_start && word_continues_before(folded, m.start()) {
                continue;
            }
            if p.kana_start
                && folded[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(is_katakana)
            {
                continue;
            }
            if p.kana_end && folded[m.end()..].chars().next().is_some_and(is_katakana) {
                continue;
            }
            if p.check_end && word_continues_after(folded, m.end()) {
                continue;
            }
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                payload: p.payload.clone(),
            });
        }
        out
    }

    /// Matches with overlaps resolved: the longest match wins, then the leftmost.
    pub fn find_longest(&self, folded: &str) -> Vec<Hit<P>> {
        let mut all = self.find_all(folded);
        if !self.overlapping {
            return all;
        }
        all.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
        });
        let mut kept: Vec<Hit<P>> = Vec::new();
        for h in all {
            if kept.iter().all(|k| h.end <= k.start || h.start >= k.end) {
                kept.push(h);
            }
        }
        kept.sort_by_key(|h| h.start);
        kept
    }

    /// True if any phrase matches.
    pub fn matches(&self, folded: &str) -> bool {
        !self.find_all(folded).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_and_stems() {
        let set = PhraseSet::new([("transfer*", 1), ("art", 2), ("recht auf auskunft", 3)]);
        let hits = set.find_all("data is transferred; the article; das recht auf auskunft.");
        let payloads: Vec<_> = hits.iter().map(|h| h.payload).collect();
        assert_eq!(
            payloads,
            vec![1, 3],
            "'art' must not match inside 'article'"
        );
    }

    #[test]
    fn indic_words_are_not_cut_at_marks() {
        // "यक" occurs inside व्यक्तिगत but is not a word there
        let set = PhraseSet::new([("यक", 1), ("व्यक्तिगत", 2)]);
        let hits = set.find_all("आपकी व्यक्तिगत जानकारी");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].payload, 2);
    }

    #[test]
    fn unspaced_scripts_match_inside_text() {
        let set = PhraseSet::new([("个人信息", 1)]);
        assert!(set.matches("我们收集的个人信息包括"));
    }

    #[test]
    fn katakana_words_are_whole() {
        let set = PhraseSet::new([("アルバ", 1), ("ドイツ", 2)]);
        let hits: Vec<_> = set
            .find_all("アルバイトの方のデータはドイツのサーバーに保存")
            .into_iter()
            .map(|h| h.payload)
            .collect();
        assert_eq!(hits, vec![2]);
    }

    #[test]
    fn longest_wins() {
        let set = PhraseSet::new([("google", 1), ("google analytics", 2)]);
        let hits = set.find_longest("we use google analytics and google fonts");
        let payloads: Vec<_> = hits.iter().map(|h| h.payload).collect();
        assert_eq!(payloads, vec![2, 1]);
    }
}
