//! Matchers compiled for the set of languages a document is written in.
use super::{Cue, Reference};
use crate::normalize::is_unspaced_script;
use crate::phrases::PhraseSet;
use crate::record::{Mechanism, Right, Topic};

/// Every vocabulary of a set of languages, merged and compiled into one matcher per kind.
#[derive(Debug)]
pub struct Rules {
    pub languages: Vec<String>,
    pub topics: PhraseSet<Topic>,
    pub rights: PhraseSet<Right>,
    pub cues: PhraseSet<Cue>,
    pub mechanisms: PhraseSet<Mechanism>,
    /// country names and demonyms -> ISO alpha-2
    pub countries: PhraseSet<[u8; 2]>,
    /// month names -> month number 1..=12
    pub months: PhraseSet<u8>,
}

fn code(s: &str) -> Option<[u8; 2]> {
    let b = s.as_bytes();
    (b.len() == 2).then(|| [b[0], b[1]])
}

impl Rules {
    pub(super) fn build(r: &Reference, languages: &[String]) -> Rules {
        let lexicons: Vec<_> = languages.iter().filter_map(|l| r.lexicons.get(l)).collect();
        let topics = PhraseSet::new(
            lexicons
                .iter()
                .flat_map(|x| x.topics.iter())
                .flat_map(|(t, v)| v.iter().map(move |s| (s.as_str(), *t))),
        );
        let rights = PhraseSet::new(
            lexicons
                .iter()
                .flat_map(|x| x.rights.iter())
                .flat_map(|(t, v)| v.iter().map(move |s| (s.as_str(), *t))),
        );
        let cues = PhraseSet::new(
            lexicons
                .iter()
                .flat_map(|x| x.cues.iter())
                .flat_map(|(t, v)| v.iter().map(move |s| (s.as_str(), *t))),
        );
        let mechanisms = PhraseSet::new(
            lexicons
                .iter()
                .flat_map(|x| x.mechanisms.iter())
                .flat_map(|(t, v)| v.iter().map(move |s| (s.as_str(), *t))),
        );
        let mut places: Vec<(&str, [u8; 2])> = Vec::new();
        let stop: Vec<&String> = lexicons
            .iter()
            .flat_map(|x| x.not_countries.iter())
            .collect();
        for lang in languages {
            if let Some(map) = r.countries.get(lang) {
                for (cc, names) in map {
                    let Some(c) = code(cc) else { continue };
                    for n in names {
                        // very short Latin names are abbreviations that collide with words;
                        // in other scripts three letters make a name (چین, روس, चीन)
                        let long_enough = n.chars().count() >= 4
                            || (n.chars().count() == 3 && !n.is_ascii())
                            || n.chars().any(is_unspaced_script);
                        if long_enough && !stop.contains(&n) {
                            places.push((n.as_str(), c));
                        }
                    }
                }
            }
        }
        for x in &lexicons {
            for (cc, names) in &x.countries {
                if let Some(c) = code(cc) {
                    places.extend(names.iter().map(|n| (n.as_str(), c)));
                }
            }
        }
        let countries = PhraseSet::new(places);
        let mut month_names: Vec<(&str, u8)> = Vec::new();
        for lang in languages {
            if let Some(ms) = r.months.get(lang) {
                for (i, forms) in ms.iter().enumerate() {
                    month_names.extend(
                        forms
                            .iter()
                            .filter(|f| f.chars().count() >= 3)
                            .map(|f| (f.as_str(), i as u8 + 1)),
                    );
                }
            }
        }
        for x in &lexicons {
            for (m, forms) in &x.months {
                month_names.extend(forms.iter().map(|f| (f.as_str(), *m)));
            }
        }
        let months = PhraseSet::new(month_names);
        Rules {
            languages: languages.to_vec(),
            topics,
            rights,
            cues,
            mechanisms,
            countries,
            months,
        }
    }
}
