//! Data-subject rights: the rights vocabulary of the document's languages, accepted inside a
//! rights section or in a sentence that speaks of the reader's rights; and GDPR article
//! references ("Art. 15 DSGVO", "articles 15 à 22 du RGPD") from data/gdpr.toml.
use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::data::Cue;
use crate::record::{Right, Topic};

/// "art. 15", "article 17", "artikel 20", "článku 21", "§ 34" ... followed by numbers.
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:art(?:icles?|ikel|icolo|ículos?|igos?|ikkel|ikla|iklan|ykuł\w*|ikull|\.|s\.)?|čl(?:\.|ánek|ánku|ánky|en|enu|anak|anka)|straipsn\w*|pants\w*|cikk\w*|άρθρ\w*|член\w*|статт\w*|статьи|madde|maddesi|§§?)\s*(\d{1,2}(?:\s*\(\s*\d\s*\))?(?:\s*(?:,|;|/|-|–|to|bis|à|a|al|до|и|і|та|und|and|et|y|e|i|ir|och|og|ja|és)\s*(?:art\.?\s*)?\d{1,2}(?:\s*\(\s*\d\s*\))?){0,10})")
        .expect("valid regex")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})(?:\s*\(\s*(\d)\s*\))?|(-|–|to|bis|à|a|al|до)").expect("valid regex")
});

/// The rights named by article references in a (folded) text.
fn article_rights(text: &str, articles: &[(String, Right)]) -> Vec<Right> {
    let mut out = Vec::new();
    let lookup = |n: &str| articles.iter().find(|(a, _)| a == n).map(|(_, r)| *r);
    for m in ARTICLE.captures_iter(text) {
        let Some(list) = m.get(1) else { continue };
        let mut prev: Option<u32> = None;
        let mut range = false;
        for t in NUMBER.captures_iter(list.as_str()) {
            if t.get(3).is_some() {
                range = true;
                continue;
            }
            let Some(n) = t.get(1).and_then(|x| x.as_str().parse::<u32>().ok()) else {
                continue;
            };
            if let Some(para) = t.get(2) {
                if let Some(r) = lookup(&format!("{n}({})", para.as_str())) {
                    out.push(r);
                }
            }
            if range {
                if let Some(p) = prev {
                    for k in p + 1..n.min(p + 10) {
                        out.extend(lookup(&k.to_string()));
                    }
                }
                range = false;
            }
            out.extend(lookup(&n.to_string()));
            prev = Some(n);
        }
    }
    out
}

pub fn extract(cx: &Context) -> Vec<Right> {
    let mut found = BTreeSet::new();
    let gdpr_names = &cx.reference.gdpr_names;
    for (i, b) in cx.blocks.iter().enumerate() {
        let text = &b.folded.folded;
        let in_rights = b.topic == Topic::Rights;
        for h in &b.rights {
            let ok = in_rights || {
                let (s, e) = cx.sentence_range(i, h.start, h.end);
                b.cues
                    .iter()
                    .any(|c| c.payload == Cue::RightContext && c.start >= s && c.end <= e)
            };
            if ok {
                found.insert(h.payload);
            }
        }
        let has_digit = text.bytes().any(|c| c.is_ascii_digit());
        let mentions_gdpr = has_digit && (in_rights || gdpr_names.matches(text));
        if mentions_gdpr {
            found.extend(article_rights(text, &cx.reference.gdpr_articles));
        }
    }
    found.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arts() -> Vec<(String, Right)> {
        crate::data::reference().unwrap().gdpr_articles.clone()
    }

    #[test]
    fn article_lists_and_ranges() {
        let r = article_rights(
            "rechte nach art. 15 bis 18 und 21 dsgvo sowie art. 7 abs. 3",
            &arts(),
        );
        assert_eq!(
            r,
            vec![
                Right::Access,
                Right::Rectification,
                Right::Erasure,
                Right::Restriction,
                Right::Objection
            ]
        );
        let r = article_rights("article 7(3) gdpr; art. 77 gdpr", &arts());
        assert_eq!(r, vec![Right::WithdrawConsent, Right::Complaint]);
    }
}
