//! Recognising organisation names by their legal form ("Beispiel GmbH", "Acme, Inc.",
//! "ООО «Ромашка»", "株式会社サンプル"), from data/legal_forms.toml.
use std::sync::LazyLock;

use regex::Regex;

use crate::data::reference;

/// A name with its legal form, as found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgName {
    pub start: usize,
    pub end: usize,
    pub name: String,
}

struct Patterns {
    suffixed: Regex,
    prefixed: Regex,
}

fn alternation(forms: &[String]) -> String {
    let mut v: Vec<&String> = forms.iter().collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.dedup();
    v.iter().map(|s| regex::escape(s.trim_end_matches('.')) + r"\.?").collect::<Vec<_>>().join("|")
}

static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| {
    let r = reference().ok()?;
    let suffixes = alternation(&r.legal_suffixes);
    let prefixes = alternation(&r.legal_prefixes);
    // names in cased scripts are runs of capitalised words (or numbers); in caseless scripts
    // (Devanagari, Arabic, Han, ...) at most three words before the form
    let cased = r"(?:[\p{Lu}\p{Lt}\d][\p{L}\p{M}\p{N}&'’.\-+]*)";
    let caseless = r"(?:[\p{Lo}][\p{Lo}\p{M}\p{N}\-]*)";
    let connector = r"(?:\s+(?:&|and|und|et|y|e|of|de|du|des|der|für|for|la|le|di|van|von)\s+|\s+|-)";
    let suffixed = format!(
        r"(?P<name>{cased}(?:{connector}{cased}){{0,6}}?|{caseless}(?:\s+{caseless}){{0,2}}?)(?:,)?\s*(?:\((?P<paren>{suffixes})\)|(?P<form>{suffixes}))(?:$|[^\p{{L}}\p{{N}}])"
    );
    let prefixed = format!(r#"(?P<form>{prefixes})\s*[«"“„']?(?P<name>[^«»"“”„,;:()\n]{{2,60}}?)[»"”']"#);
    Some(Patterns { suffixed: Regex::new(&suffixed).ok()?, prefixed: Regex::new(&prefixed).ok()? })
});

/// Organisation names with a legal form in `text`, in order.
pub fn find(text: &str) -> Vec<OrgName> {
    let Some(p) = PATTERNS.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    for c in p.suffixed.captures_iter(text) {
        let (Some(name), Some(form)) = (c.name("name"), c.name("form").or_else(|| c.name("paren"))) else { continue };
        // the form must be a separate word, and the name must not be only a number
        if !name.as_str().chars().any(char::is_alphabetic) {
            continue;
        }
        let end = form.end() + usize::from(c.name("paren").is_some());
        out.push(OrgName { start: name.start(), end, name: text[name.start()..end].trim().to_string() });
    }
    for c in p.prefixed.captures_iter(text) {
        let (Some(m), Some(name)) = (c.get(0), c.name("name")) else { continue };
        if name.as_str().trim().is_empty() || out.iter().any(|o| o.start <= m.start() && m.start() < o.end) {
            continue;
        }
        out.push(OrgName { start: m.start(), end: m.end(), name: m.as_str().trim().to_string() });
    }
    out.sort_by_key(|o| o.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<String> {
        find(t).into_iter().map(|o| o.name).collect()
    }

    #[test]
    fn suffixed_forms() {
        assert_eq!(names("Anbieter ist die Sendinblue GmbH, Köpenicker Straße 126"), vec!["Sendinblue GmbH"]);
        assert_eq!(names("provided by Stripe Payments Europe, Limited and Acme, Inc."), vec!["Stripe Payments Europe, Limited", "Acme, Inc."]);
        assert_eq!(names("Nubart sp. z o.o. z siedzibą"), vec!["Nubart sp. z o.o."]);
    }

    #[test]
    fn caseless_names_stay_short() {
        assert_eq!(names("کے طور پر کام کرے گا اور Xiaomi Technologies Singapore Pte. Ltd. کے"), vec!["Xiaomi Technologies Singapore Pte. Ltd."]);
    }

    #[test]
    fn prefixed_forms() {
        assert_eq!(names("Оператор: ООО «Ромашка», г. Москва"), vec!["ООО «Ромашка»"]);
    }
}
