//! Any query string against a small corpus: hits or a QueryError, never a panic.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use polidex::corpus::{Corpus, Filters};

static CORPUS: OnceLock<(tempfile::TempDir, Corpus)> = OnceLock::new();

fuzz_target!(|q: &str| {
    let (_, c) = CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let c = Corpus::open(dir.path()).expect("corpus");
        for (i, t) in ["Privacy Policy\n\nWe use Stripe and Google Analytics.", "गोपनीयता नीति\n\nहम स्ट्राइप का उपयोग करते हैं।", "隐私政策\n\n我们使用腾讯云。"].iter().enumerate() {
            let p = polidex::extract_str(t, Some(&format!("https://s{i}.example"))).expect("extract");
            c.add(&p, None).expect("add");
        }
        c.commit().expect("commit");
        (dir, c)
    });
    match c.search(q, &Filters::default(), 5) {
        Ok(_) | Err(polidex::Error::Query { .. }) => {}
        Err(e) => panic!("unexpected error for {q:?}: {e}"),
    }
});
