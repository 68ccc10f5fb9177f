//! One language's vocabulary (a file under data/lexicons/), validated against the enumerations.
use std::collections::BTreeMap;

use serde::Deserialize;

use super::data_err;
use crate::error::Result;
use crate::record::{Mechanism, Right, Topic};

/// Kinds of cue phrases a lexicon's `[cues]` table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    Controller,
    Dpo,
    Sharing,
    Provider,
    Transfer,
    Effective,
    RightContext,
    Phone,
    Policy,
    /// a heading that says what is *not* done ("services we do not use")
    Negation,
}

impl Cue {
    /// (key in the file, cue, required)
    pub const KEYS: &'static [(&'static str, Cue, bool)] = &[
        ("controller", Cue::Controller, true),
        ("dpo", Cue::Dpo, true),
        ("sharing", Cue::Sharing, true),
        ("provider", Cue::Provider, true),
        ("transfer", Cue::Transfer, true),
        ("effective", Cue::Effective, true),
        ("right_context", Cue::RightContext, true),
        ("phone", Cue::Phone, false),
        ("policy", Cue::Policy, false),
        ("negation", Cue::Negation, false),
    ];
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    language: String,
    name: String,
    topics: BTreeMap<String, Vec<String>>,
    rights: BTreeMap<String, Vec<String>>,
    cues: BTreeMap<String, Vec<String>>,
    mechanisms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    countries: BTreeMap<String, Vec<String>>,
    /// CLDR country names that are common words of this language ("того", "oman") and so are
    /// never read as countries in it
    #[serde(default)]
    not_countries: Vec<String>,
    /// month-name spellings beyond CLDR's, keyed "1" to "12"
    #[serde(default)]
    months: BTreeMap<String, Vec<String>>,
}

/// A validated lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub language: String,
    pub name: String,
    pub topics: Vec<(Topic, Vec<String>)>,
    pub rights: Vec<(Right, Vec<String>)>,
    pub cues: Vec<(Cue, Vec<String>)>,
    pub mechanisms: Vec<(Mechanism, Vec<String>)>,
    pub countries: Vec<(String, Vec<String>)>,
    pub not_countries: Vec<String>,
    /// (month 1..=12, extra spellings)
    pub months: Vec<(u8, Vec<String>)>,
}

impl Lexicon {
    pub fn parse(path: &str, text: &str) -> Result<Self> {
        let raw: Raw = toml::from_str(text).map_err(|e| data_err(path, e))?;
        let mut topics = Vec::new();
        for (k, v) in raw.topics {
            let t =
                Topic::parse(&k).ok_or_else(|| data_err(path, format!("unknown topic {k:?}")))?;
            topics.push((t, v));
        }
        let mut rights = Vec::new();
        for (k, v) in raw.rights {
            let r =
                Right::parse(&k).ok_or_else(|| data_err(path, format!("unknown right {k:?}")))?;
            rights.push((r, v));
        }
        for r in Right::ALL {
            if !rights.iter().any(|(x, _)| x == r) {
                return Err(data_err(path, format!("[rights] lacks {r}")));
            }
        }
        let mut cues = Vec::new();
        for (k, v) in raw.cues {
            let (_, c, _) = Cue::KEYS
                .iter()
                .find(|(name, _, _)| *name == k)
                .ok_or_else(|| data_err(path, format!("unknown cue {k:?}")))?;
            cues.push((*c, v));
        }
        for (name, c, required) in Cue::KEYS {
            if *required && !cues.iter().any(|(x, v)| x == c && !v.is_empty()) {
                return Err(data_err(path, format!("[cues] lacks {name}")));
            }
        }
        let mut mechanisms = Vec::new();
        for (k, v) in raw.mechanisms {
            let m = Mechanism::parse(&k)
                .ok_or_else(|| data_err(path, format!("unknown mechanism {k:?}")))?;
            mechanisms.push((m, v));
        }
        for code in raw.countries.keys() {
            if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(data_err(
                    path,
                    format!("[countries] key {code:?} is not an ISO alpha-2 code"),
                ));
            }
        }
        let mut months = Vec::new();
        for (k, v) in raw.months {
            let m: u8 = k
                .parse()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| data_err(path, format!("[months] key {k:?} is not 1..12")))?;
            months.push((m, v));
        }
        Ok(Lexicon {
            language: raw.language,
            name: raw.name,
            topics,
            rights,
            cues,
            mechanisms,
            countries: raw.countries.into_iter().collect(),
            months,
            not_countries: raw
                .not_countries
                .iter()
                .map(|s| crate::normalize::fold(s))
                .collect(),
        })
    }
}
