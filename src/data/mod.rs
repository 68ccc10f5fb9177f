//! Reference data embedded from `data/` (see build.rs): per-language lexicons, the processor
//! catalogue, CLDR country and month names, GDPR article numbers and legal forms. Loaded and
//! validated once, on first use; compiled matchers for a set of languages are cached.
mod catalogue;
mod lexicon;
mod rules;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock, RwLock};

pub use catalogue::{Alias, Catalogue, Entry};
pub use lexicon::{Cue, Lexicon};
pub use rules::Rules;

use crate::error::{Error, Result};
use crate::phrases::PhraseSet;
use crate::record::Right;

mod files {
    include!(concat!(env!("OUT_DIR"), "/data_files.rs"));
}

/// Everything under data/, parsed and validated.
#[derive(Debug)]
pub struct Reference {
    pub lexicons: BTreeMap<String, Lexicon>,
    pub catalogue: Catalogue,
    /// language -> ISO country code -> names (lower case)
    pub countries: HashMap<String, BTreeMap<String, Vec<String>>>,
    /// language -> the region its speakers most likely live in (CLDR likely subtags)
    pub regions: HashMap<String, String>,
    /// language -> 12 lists of month-name forms
    pub months: HashMap<String, Vec<Vec<String>>>,
    /// GDPR article -> right
    pub gdpr_articles: Vec<(String, Right)>,
    pub gdpr_names: PhraseSet<()>,
    /// web domains of data protection supervisory authorities (their addresses are never the
    /// publisher's contact)
    pub authority_domains: Vec<String>,
    pub legal_suffixes: Vec<String>,
    pub legal_prefixes: Vec<String>,
    rules: RwLock<HashMap<Vec<String>, Arc<Rules>>>,
}

static REFERENCE: OnceLock<std::result::Result<Reference, String>> = OnceLock::new();

/// The reference data. Fails only if a file under data/ is invalid, which the test suite rules out.
pub fn reference() -> Result<&'static Reference> {
    REFERENCE
        .get_or_init(|| Reference::load().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|m| Error::Data {
            file: "data/".into(),
            message: m.clone(),
        })
}

fn data_err(file: &str, message: impl ToString) -> Error {
    Error::Data {
        file: file.to_string(),
        message: message.to_string(),
    }
}

#[derive(serde::Deserialize)]
struct Gdpr {
    articles: BTreeMap<String, String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    authority_domains: Vec<String>,
}

#[derive(serde::Deserialize)]
struct LegalForms {
    suffix: Vec<String>,
    prefix: Vec<String>,
}

impl Reference {
    fn load() -> Result<Self> {
        let mut lexicons = BTreeMap::new();
        let mut catalogue_files = Vec::new();
        let mut countries: HashMap<String, BTreeMap<String, Vec<String>>> = HashMap::new();
        let mut months: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut regions: HashMap<String, String> = HashMap::new();
        let mut gdpr = None;
        let mut legal = None;
        for &(path, text) in files::FILES {
            if let Some(name) = path.strip_prefix("data/lexicons/") {
                let lex = Lexicon::parse(path, text)?;
                if name.trim_end_matches(".toml") != lex.language {
                    return Err(data_err(
                        path,
                        format!("file name does not match language {:?}", lex.language),
                    ));
                }
                lexicons.insert(lex.language.clone(), lex);
            } else if path.starts_with("data/processors/") {
                catalogue_files.push((path, text));
            } else if path == "data/cldr/countries.json" {
                countries = serde_json::from_str(text).map_err(|e| data_err(path, e))?;
            } else if path == "data/cldr/months.json" {
                months = serde_json::from_str(text).map_err(|e| data_err(path, e))?;
            } else if path == "data/cldr/regions.json" {
                regions = serde_json::from_str(text).map_err(|e| data_err(path, e))?;
            } else if path == "data/gdpr.toml" {
                gdpr = Some(toml::from_str::<Gdpr>(text).map_err(|e| data_err(path, e))?);
            } else if path == "data/legal_forms.toml" {
                legal = Some(toml::from_str::<LegalForms>(text).map_err(|e| data_err(path, e))?);
            }
        }
        let gdpr = gdpr.ok_or_else(|| data_err("data/gdpr.toml", "missing"))?;
        let legal = legal.ok_or_else(|| data_err("data/legal_forms.toml", "missing"))?;
        let mut gdpr_articles = Vec::new();
        for (art, right) in gdpr.articles {
            let r = Right::parse(&right)
                .ok_or_else(|| data_err("data/gdpr.toml", format!("unknown right {right:?}")))?;
            gdpr_articles.push((art, r));
        }
        for (lang, m) in &months {
            if m.len() != 12 {
                return Err(data_err(
                    "data/cldr/months.json",
                    format!("{lang}: {} months", m.len()),
                ));
            }
        }
        if !lexicons.contains_key("en") {
            return Err(data_err(
                "data/lexicons",
                "the English lexicon (fallback for every page) is missing",
            ));
        }
        Ok(Reference {
            lexicons,
            catalogue: Catalogue::load(&catalogue_files)?,
            countries,
            months,
            regions,
            gdpr_articles,
            gdpr_names: PhraseSet::new(gdpr.names.iter().map(|n| (n.as_str(), ()))),
            authority_domains: gdpr.authority_domains,
            legal_suffixes: legal.suffix,
            legal_prefixes: legal.prefix,
            rules: RwLock::new(HashMap::new()),
        })
    }

    /// True if `domain` is (a subdomain of) a supervisory authority's domain.
    pub fn is_authority_domain(&self, domain: &str) -> bool {
        let d = domain.trim_end_matches('.').to_ascii_lowercase();
        self.authority_domains
            .iter()
            .any(|a| d == *a || d.strip_suffix(a.as_str()).is_some_and(|p| p.ends_with('.')))
    }

    /// Compiled matchers for a set of languages (English is always added: policies in every
    /// language quote English terms). Cached per set.
    pub fn rules(&self, languages: &[String]) -> Arc<Rules> {
        let mut key: Vec<String> = languages
            .iter()
            .filter(|l| self.lexicons.contains_key(*l))
            .cloned()
            .collect();
        if !key.iter().any(|l| l == "en") {
            key.push("en".into());
        }
        key.sort();
        key.dedup();
        if let Some(r) = self.rules.read().ok().and_then(|m| m.get(&key).cloned()) {
            return r;
        }
        let built = Arc::new(Rules::build(self, &key));
        if let Ok(mut m) = self.rules.write() {
            m.entry(key).or_insert_with(|| built.clone());
        }
        built
    }
}
