//! Recognising organisation names by their legal form ("Beispiel GmbH", "Acme, Inc.",
//! "ООО «Ромашка»", "株式会社サンプル"), from data/legal_forms.toml.
//!
//! Legal forms are found first (one Aho-Corasick pass, case-sensitive, word boundaries); only the
//! short window before a suffix form (or after a prefix form) is then read by a regex, so the cost
//! is linear in the text and independent of the number of forms.
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::data::reference;
use crate::normalize::{word_continues_after, word_continues_before};

/// A name with its legal form, as found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgName {
    pub start: usize,
    pub end: usize,
    pub name: String,
}

/// How far before a suffix form (or after a prefix form) a name may reach, in bytes.
const WINDOW: usize = 160;

struct Forms {
    ac: AhoCorasick,
    /// per pattern: (used as a suffix, used as a prefix)
    roles: Vec<(bool, bool)>,
    /// the name that must end right before a suffix form
    name_before: Regex,
    /// the name after a prefix form, in quotes or up to punctuation
    name_after: Regex,
}

static FORMS: LazyLock<Option<Forms>> = LazyLock::new(|| {
    let r = reference().ok()?;
    let mut pats: Vec<String> = Vec::new();
    let mut roles: Vec<(bool, bool)> = Vec::new();
    for (list, is_prefix) in [(&r.legal_suffixes, false), (&r.legal_prefixes, true)] {
        // "Ltd" and "Ltd." are both written
        for f in list
            .iter()
            .flat_map(|f| std::iter::once(f.as_str()).chain(f.strip_suffix('.')))
        {
            match pats.iter().position(|p| p == f) {
                Some(i) => {
                    if is_prefix {
                        roles[i].1 = true
                    } else {
                        roles[i].0 = true
                    }
                }
                None => {
                    pats.push(f.to_string());
                    roles.push((!is_prefix, is_prefix));
                }
            }
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .ok()?;
    // names in cased scripts are runs of capitalised words (or numbers); in caseless scripts
    // (Devanagari, Arabic, Han, ...) at most three words
    let cased = r"[\p{Lu}\p{Lt}\d][\p{L}\p{M}\p{N}&'’.\-+]*";
    let caseless = r"\p{Lo}[\p{Lo}\p{M}\p{N}\-]*";
    let connector =
        r"(?:\s+(?:&|and|und|et|y|e|of|de|du|des|der|für|for|la|le|di|van|von)\s+|\s+|-)";
    let name_before = Regex::new(&format!(
        r"(?:{cased}(?:{connector}{cased}){{0,6}}|{caseless}(?:\s+{caseless}){{0,2}}),?\s*\(?$"
    ))
    .ok()?;
    let name_after =
        Regex::new(r#"^\s*[«"“„']?([^«»"“”„,;:()\n]{2,60}?)(?:[»"”']|[,;(\n]|$)"#).ok()?;
    Some(Forms {
        ac,
        roles,
        name_before,
        name_after,
    })
});

/// Organisation names with a legal form in `text`, in order.
pub fn find(text: &str) -> Vec<OrgName> {
    let Some(f) = FORMS.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<OrgName> = Vec::new();
    for m in f.ac.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let form = &text[s..e];
        // a form ending in a letter must end its word; one starting with a letter must start it
        // (except in scripts without spaces, "株式会社サンプル")
        let (as_suffix, as_prefix) = f.roles[m.pattern().as_usize()];
        let starts_word = form.chars().next().is_some_and(char::is_alphanumeric);
        let ends_word = form.chars().last().is_some_and(char::is_alphanumeric);
        let unspaced = form.chars().all(crate::normalize::is_unspaced_script);
        if ends_word && !unspaced && word_continues_after(text, e) {
            continue;
        }
        if as_suffix && (!starts_word || unspaced || !word_continues_before(text, s)) {
            // not back into the previous name (a prefix form's name may reach past this form)
            let floor = out.last().map_or(0, |o| o.end);
            let lo = crate::normalize::floor_char(text, s.saturating_sub(WINDOW))
                .max(floor)
                .min(s);
            if let Some(n) = f.name_before.find(&text[lo..s]) {
                let start = lo + n.start();
                if text[start..s].chars().any(char::is_alphabetic) {
                    let end =
                        if text[start..s].trim_end().ends_with('(') && text[e..].starts_with(')') {
                            e + 1
                        } else {
                            e
                        };
                    out.push(OrgName {
                        start,
                        end,
                        name: text[start..end].trim().to_string(),
                    });
                    continue;
                }
            }
        }
        if as_prefix && (!starts_word || !word_continues_before(text, s)) {
            if let Some(c) = f
                .name_after
                .captures(&text[e..crate::normalize::floor_char(text, e + WINDOW)])
            {
                let (Some(all), Some(n)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                if n.as_str().trim().chars().count() >= 2 {
                    let end = e + all.end();
                    out.push(OrgName {
                        start: s,
                        end,
                        name: text[s..end]
                            .trim()
                            .trim_end_matches([',', ';', '(', '\n'])
                            .trim()
                            .to_string(),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<String> {
        find(t).into_iter().map(|o| o.name).collect()
    }

    #[test]
    fn a_suffix_form_inside_a_prefixed_name_is_no_panic() {
        // found by cargo-fuzz: "UAB" takes "Foo Bar GmbH" as its name, then "GmbH" is a form
        // that starts before the end of that name
        let n = names("UAB Foo Bar GmbH, Vilnius");
        assert_eq!(n.first().map(String::as_str), Some("UAB Foo Bar GmbH"));
    }

    #[test]
    fn suffixed_forms() {
        assert_eq!(
            names("Anbieter ist die Sendinblue GmbH, Köpenicker Straße 126"),
            vec!["Sendinblue GmbH"]
        );
        assert_eq!(
            names("provided by Stripe Payments Europe, Limited and Acme, Inc."),
            vec!["Stripe Payments Europe, Limited", "Acme, Inc."]
        );
        assert_eq!(
            names("Nubart sp. z o.o. z siedzibą"),
            vec!["Nubart sp. z o.o."]
        );
        assert!(names("the Agency AGREES").is_empty());
    }

    #[test]
    fn caseless_names_stay_short() {
        assert_eq!(
            names("کے طور پر کام کرے گا اور Xiaomi Technologies Singapore Pte. Ltd. کے"),
            vec!["Xiaomi Technologies Singapore Pte. Ltd."]
        );
    }

    #[test]
    fn prefixed_forms() {
        assert_eq!(
            names("Оператор: ООО «Ромашка», г. Москва"),
            vec!["ООО «Ромашка»"]
        );
    }
}
