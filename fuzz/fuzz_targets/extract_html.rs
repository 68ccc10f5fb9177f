//! Any bytes, read as a page: a record or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = polidex::extract(data, Some("https://fuzz.example/privacy")) {
        // the record always serialises and reads back
        let json = p.to_json();
        assert_eq!(polidex::Policy::from_json(&json).map(|q| q.content_sha256).ok(), Some(p.content_sha256));
    }
});
