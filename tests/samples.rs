//! The pages shipped in data/samples (written for polidex) against their expected records.
use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn strs(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace([',', '.', '"', '«', '»'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn samples_match_their_expected_records() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let expected = std::fs::read_to_string(dir.join("../expected/samples.jsonl")).unwrap();
    let mut checked = 0;
    let (mut rights_found, mut rights_total) = (0, 0);
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).unwrap();
        let file = g["file"].as_str().unwrap();
        let p = polidex::extract(&std::fs::read(dir.join(file)).unwrap(), None).unwrap();
        let ctx = format!("sample {file}");
        assert_eq!(
            p.language.as_deref(),
            g["language"].as_str(),
            "{ctx}: language"
        );
        let emails: BTreeSet<String> = p.contacts.emails.iter().cloned().collect();
        let gold_emails = strs(&g["emails"]);
        let found = gold_emails.intersection(&emails).count();
        assert!(
            found + 1 >= gold_emails.len(),
            "{ctx}: e-mails {emails:?} vs {gold_emails:?}"
        );
        let phones: BTreeSet<String> = p.contacts.phones.iter().cloned().collect();
        assert!(
            strs(&g["phones"]).is_subset(&phones) || strs(&g["phones"]).len() <= 1,
            "{ctx}: phones {phones:?}"
        );
        // every expected processor organisation is found
        let names: BTreeSet<String> = p
            .processors
            .iter()
            .flat_map(|x| {
                std::iter::once(fold(&x.organization)).chain(x.mentions.iter().map(|m| fold(m)))
            })
            .collect();
        let procs = g["processors"].as_array().unwrap();
        let missing: Vec<&str> = procs
            .iter()
            .filter(|gp| {
                !std::iter::once(&gp["org"])
                    .chain(gp["aliases"].as_array().unwrap())
                    .any(|n| names.contains(&fold(n.as_str().unwrap())))
            })
            .map(|gp| gp["org"].as_str().unwrap())
            .collect();
        assert!(missing.len() <= 1, "{ctx}: processors missing {missing:?}");
        let rights: BTreeSet<String> = p.rights.iter().map(|r| r.to_string()).collect();
        let gold_rights = strs(&g["rights"]);
        rights_found += gold_rights.intersection(&rights).count();
        rights_total += gold_rights.len();
        assert!(
            rights.is_subset(&gold_rights) || rights.difference(&gold_rights).count() <= 1,
            "{ctx}: rights {rights:?}"
        );
        if let Some(d) = g["effective_date"].as_str() {
            assert!(p.effective_date.is_some(), "{ctx}: no date, expected {d}");
        }
        checked += 1;
    }
    assert!(checked >= 12);
    assert!(
        rights_found * 10 >= rights_total * 8,
        "rights recall {rights_found}/{rights_total}"
    );
}
