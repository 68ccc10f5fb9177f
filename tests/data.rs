//! Reference data: every lexicon complete and valid, the catalogue large and consistent.
use polidex::data::reference;
use polidex::record::Right;

#[test]
fn lexicons_cover_forty_languages_and_every_right() {
    let r = reference().expect("every data file is valid");
    assert!(r.lexicons.len() >= 40, "{} lexicons", r.lexicons.len());
    for (code, lex) in &r.lexicons {
        for right in Right::ALL {
            let phrases = lex
                .rights
                .iter()
                .find(|(x, _)| x == right)
                .map(|(_, v)| v.len())
                .unwrap_or(0);
            let optional = matches!(right, Right::OptOutSale | Right::NonDiscrimination);
            assert!(optional || phrases > 0, "{code}: no phrase for {right}");
        }
        assert!(
            lex.topics.len() >= 12,
            "{code}: {} topics",
            lex.topics.len()
        );
        assert!(
            r.months.contains_key(code.as_str()),
            "{code}: no CLDR month names"
        );
        assert!(
            r.countries.contains_key(code.as_str()),
            "{code}: no CLDR country names"
        );
    }
}

#[test]
fn catalogue_is_large_and_spelled_in_many_scripts() {
    let r = reference().unwrap();
    let c = &r.catalogue;
    assert!(
        c.organizations() >= 300,
        "{} organisations",
        c.organizations()
    );
    let has = |alias: &str| {
        c.entries
            .iter()
            .any(|e| e.aliases.iter().any(|a| a == alias) || e.name == alias)
    };
    for alias in ["स्ट्राइप", "ওপেনএআই", "گوگل", "谷歌", "Яндекс", "구글"]
    {
        assert!(has(alias), "no catalogue spelling {alias}");
    }
    assert_eq!(
        c.by_host("js.stripe.com")
            .map(|i| c.entries[i].organization.as_str()),
        Some("Stripe")
    );
    assert_eq!(
        c.by_host("www.google-analytics.com")
            .map(|i| c.entries[i].organization.as_str()),
        Some("Google")
    );
}
