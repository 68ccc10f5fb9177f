//! The processor catalogue (data/processors/*.toml): known services and the organisations behind
//! them, with every spelling policies use and the domains their links point to.
use std::collections::HashMap;

use serde::Deserialize;

use super::data_err;
use crate::error::Result;
use crate::phrases::PhraseSet;
use crate::record::Category;

/// One catalogue entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    pub organization: String,
    pub category: String,
    pub country: String,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// the name is also a common word: match only with its exact capitalisation and in context
    #[serde(default)]
    pub ambiguous: bool,
    #[serde(skip)]
    pub category_enum: Option<Category>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    processor: Vec<Entry>,
    /// names that contain a processor's name but denote something else (browsers, OSs)
    #[serde(default)]
    ignore: Vec<String>,
}

/// What a catalogue phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alias {
    /// entry index; `exact` = the spelling must match with its exact capitalisation
    Entry {
        index: usize,
        exact: bool,
        ambiguous: bool,
    },
    Ignore,
}

#[derive(Debug)]
pub struct Catalogue {
    pub entries: Vec<Entry>,
    pub names: PhraseSet<Alias>,
    /// folded spelling -> original spelling, for exact-case checks
    pub spellings: HashMap<(usize, String), String>,
    domains: HashMap<String, usize>,
}

/// Short or all-capital spellings ("AWS", "VK", "QQ") only count with their exact capitalisation.
fn needs_exact_case(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 3 || (letters.iter().all(|c| c.is_uppercase()) && letters.len() <= 6)
}

impl Catalogue {
    pub fn load(files: &[(&str, &str)]) -> Result<Self> {
        let mut entries = Vec::new();
        let mut ignore = Vec::new();
        for &(path, text) in files {
            if !path.ends_with(".toml") {
                continue;
            }
            let f: File = toml::from_str(text).map_err(|e| data_err(path, e))?;
            for mut e in f.processor {
                e.category_enum = Some(Category::parse(&e.category).ok_or_else(|| {
                    data_err(
                        path,
                        format!("{}: unknown category {:?}", e.name, e.category),
                    )
                })?);
                if e.country.len() != 2 || !e.country.chars().all(|c| c.is_ascii_uppercase()) {
                    return Err(data_err(
                        path,
                        format!("{}: country {:?} is not ISO alpha-2", e.name, e.country),
                    ));
                }
                entries.push(e);
            }
            ignore.extend(f.ignore);
        }
        let mut phrases: Vec<(String, Alias)> = Vec::new();
        let mut spellings = HashMap::new();
        let mut domains = HashMap::new();
        for (index, e) in entries.iter().enumerate() {
            for s in std::iter::once(&e.name).chain(&e.aliases) {
                let exact = e.ambiguous || needs_exact_case(s);
                phrases.push((
                    s.clone(),
                    Alias::Entry {
                        index,
                        exact,
                        ambiguous: e.ambiguous,
                    },
                ));
                spellings.insert((index, crate::normalize::fold(s)), s.clone());
            }
            for d in &e.domains {
                domains.entry(d.to_ascii_lowercase()).or_insert(index);
            }
        }
        phrases.extend(ignore.into_iter().map(|s| (s, Alias::Ignore)));
        let names = PhraseSet::leftmost_longest(phrases.iter().map(|(s, a)| (s.as_str(), *a)));
        Ok(Catalogue {
            entries,
            names,
            spellings,
            domains,
        })
    }

    /// The entry whose domain is `host` or a parent domain of it.
    pub fn by_host(&self, host: &str) -> Option<usize> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut h = host.as_str();
        loop {
            if let Some(&i) = self.domains.get(h) {
                return Some(i);
            }
            match h.find('.') {
                Some(p) if h[p + 1..].contains('.') => h = &h[p + 1..],
                _ => return None,
            }
        }
    }

    /// Number of distinct organisations.
    pub fn organizations(&self) -> usize {
        let mut orgs: Vec<&str> = self
            .entries
            .iter()
            .map(|e| e.organization.as_str())
            .collect();
        orgs.sort_unstable();
        orgs.dedup();
        orgs.len()
    }
}
