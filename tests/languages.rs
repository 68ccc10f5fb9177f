//! Every language that has a lexicon (data/lexicons/<lang>.toml) has a short privacy policy
//! written in it (tests/languages/<lang>.txt), and the language's phrases find in it what they
//! should: the language, the "last updated" date, the controller, the e-mail address, the two
//! processors, the transfer to the United States under standard contractual clauses and the six
//! rights the page lists. tests/languages/expected.toml holds the expected values.
//!
//! All failures of all languages are collected and reported together (language, field,
//! expected, got), so one run shows every gap. A (language, field) pair listed under `gaps` in
//! expected.toml is a known gap: it is not checked, but it is reported as stale once it passes.
//!
//! `LANGUAGES_DUMP=ja,zh cargo test --test languages` prints what was extracted from those pages
//! (controller, sections and their topics, rights, transfers), to see why a field fails.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The fields the test checks, as named in expected.toml's `gaps`.
const FIELDS: &[&str] = &[
    "language",
    "effective_date",
    "controller",
    "emails",
    "processors",
    "transfer_countries",
    "transfer_mechanisms",
    "rights",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    language: String,
    effective_date: String,
    controller: String,
    email: String,
    processors: Vec<String>,
    transfer_countries: Vec<String>,
    transfer_mechanisms: Vec<String>,
    rights: Vec<String>,
    /// known gaps: field -> why it cannot pass yet
    #[serde(default)]
    gaps: BTreeMap<String, String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// File stems with this extension in a directory.
fn stems(dir: &Path, ext: &str) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|x| x.to_str()) == Some(ext))
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .collect()
}

/// Case, surrounding punctuation and runs of spaces do not matter in a name.
fn fold_name(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || ",.:;\"'«»“”„()".contains(c))
        .to_string()
}

fn set<I: IntoIterator<Item = String>>(it: I) -> BTreeSet<String> {
    it.into_iter().collect()
}

/// Values as the report prints them: strings unescaped (Debug would escape the combining marks
/// of Thai or Devanagari text).
trait Show: PartialEq {
    fn show(&self) -> String;
}

impl Show for Option<String> {
    fn show(&self) -> String {
        self.as_ref()
            .map_or_else(|| "none".to_string(), |s| format!("\"{s}\""))
    }
}

impl Show for BTreeSet<String> {
    fn show(&self) -> String {
        let items: Vec<String> = self.iter().map(|s| format!("\"{s}\"")).collect();
        format!("[{}]", items.join(", "))
    }
}

struct Report {
    failures: Vec<String>,
}

impl Report {
    fn check<T: Show>(&mut self, lang: &str, e: &Expected, field: &str, want: T, got: T) {
        assert!(FIELDS.contains(&field), "unknown field {field}");
        let ok = want == got;
        match (e.gaps.get(field), ok) {
            (None, true) => {}
            (None, false) => self.failures.push(format!(
                "{lang:<3} {field:<20} expected {}\n{:<25}got      {}",
                want.show(),
                "",
                got.show()
            )),
            (Some(_), false) => {}
            (Some(why), true) => self.failures.push(format!(
                "{lang:<3} {field:<20} is listed as a known gap ({why}) but now passes: remove it from expected.toml"
            )),
        }
    }
}

/// What was extracted from a page, for LANGUAGES_DUMP.
fn describe(p: &polidex::Policy) -> String {
    let mut out = format!(
        "language {:?} {:?}, date {:?}\ncontroller {:?}\nemails {:?}\nprocessors {:?}\nrights {:?}\ntransfers {:?} {:?}\n  evidence {:?}\n",
        p.language,
        p.languages.iter().map(|l| format!("{} {:.2}", l.code, l.share)).collect::<Vec<_>>(),
        p.effective_date,
        p.controller.as_ref().map(|c| (&c.name, &c.address, &c.country, &c.evidence)),
        p.contacts.emails,
        p.processors.iter().map(|x| (&x.organization, &x.mentions)).collect::<Vec<_>>(),
        p.rights,
        p.transfers.countries,
        p.transfers.mechanisms,
        p.transfers.evidence,
    );
    for s in &p.sections {
        out.push_str(&format!("  [{}] {:?}\n", s.topic, s.heading));
    }
    out
}

#[test]
fn every_lexicon_language_finds_its_fields_in_a_page_written_in_it() {
    let started = std::time::Instant::now();
    let dir = root().join("tests/languages");
    let lexicons = stems(&root().join("data/lexicons"), "toml");
    let pages = stems(&dir, "txt");
    let text = std::fs::read_to_string(dir.join("expected.toml")).expect("expected.toml");
    let expected: BTreeMap<String, Expected> =
        toml::from_str(&text).unwrap_or_else(|e| panic!("expected.toml: {e}"));

    let mut report = Report { failures: vec![] };
    for lang in lexicons.difference(&pages) {
        report
            .failures
            .push(format!("{lang:<3} page                 data/lexicons/{lang}.toml has no tests/languages/{lang}.txt"));
    }
    for lang in pages.difference(&lexicons) {
        report.failures.push(format!(
            "{lang:<3} page                 tests/languages/{lang}.txt has no lexicon"
        ));
    }
    let keys: BTreeSet<String> = expected.keys().cloned().collect();
    for lang in pages.symmetric_difference(&keys) {
        report
            .failures
            .push(format!("{lang:<3} expected             a page and its [{lang}] table in expected.toml go together"));
    }

    let dump: Vec<String> = std::env::var("LANGUAGES_DUMP")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();

    // extract every page (in parallel: the pages are independent)
    let results: Vec<(String, polidex::Result<polidex::Policy>)> = std::thread::scope(|s| {
        let handles: Vec<_> = pages
            .iter()
            .filter(|l| expected.contains_key(*l))
            .map(|lang| {
                let path = dir.join(format!("{lang}.txt"));
                s.spawn(move || {
                    let text = std::fs::read_to_string(&path)
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    (lang.clone(), polidex::extract_str(&text, None))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("extraction thread"))
            .collect()
    });

    for (lang, result) in results {
        let e = &expected[&lang];
        for field in e.gaps.keys() {
            if !FIELDS.contains(&field.as_str()) {
                report.failures.push(format!(
                    "{lang:<3} gaps                 unknown field {field:?} (fields: {FIELDS:?})"
                ));
            }
        }
        let p = match result {
            Ok(p) => p,
            Err(err) => {
                report
                    .failures
                    .push(format!("{lang:<3} extract              error: {err}"));
                continue;
            }
        };
        if dump.iter().any(|d| d == &lang) {
            eprintln!("== {lang}: {}", describe(&p));
        }
        report.check(
            &lang,
            e,
            "language",
            Some(e.language.clone()),
            p.language.clone(),
        );
        report.check(
            &lang,
            e,
            "effective_date",
            Some(e.effective_date.clone()),
            p.effective_date.clone(),
        );
        report.check(
            &lang,
            e,
            "controller",
            Some(fold_name(&e.controller)),
            p.controller.as_ref().map(|c| fold_name(&c.name)),
        );
        report.check(
            &lang,
            e,
            "emails",
            set([e.email.to_lowercase()]),
            set(p.contacts.emails.iter().cloned()),
        );
        report.check(
            &lang,
            e,
            "processors",
            set(e.processors.iter().cloned()),
            set(p.processors.iter().map(|x| x.organization.clone())),
        );
        report.check(
            &lang,
            e,
            "transfer_countries",
            set(e.transfer_countries.iter().cloned()),
            set(p.transfers.countries.iter().cloned()),
        );
        report.check(
            &lang,
            e,
            "transfer_mechanisms",
            set(e.transfer_mechanisms.iter().cloned()),
            set(p.transfers.mechanisms.iter().map(|m| m.to_string())),
        );
        report.check(
            &lang,
            e,
            "rights",
            set(e.rights.iter().cloned()),
            set(p.rights.iter().map(|r| r.to_string())),
        );
    }

    let gaps: Vec<String> = expected
        .iter()
        .flat_map(|(l, e)| {
            e.gaps
                .iter()
                .map(move |(f, why)| format!("  {l} {f}: {why}"))
        })
        .collect();
    eprintln!(
        "{} pages checked in {:.1?}; {} known gap(s){}{}",
        pages.len(),
        started.elapsed(),
        gaps.len(),
        if gaps.is_empty() { "" } else { ":\n" },
        gaps.join("\n")
    );
    assert!(
        report.failures.is_empty(),
        "{} failure(s) in tests/languages (language, field, expected, got):\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
}
