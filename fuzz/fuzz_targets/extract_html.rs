//! Any bytes, read as a page: a record or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match polidex::extract(data, Some("https://fuzz.example/privacy")) {
        Ok(p) => {
            // the record always serialises and reads back
            let json = p.to_json();
            assert_eq!(polidex::Policy::from_json(&json).map(|q| q.content_sha256).ok(), Some(p.content_sha256));
        }
        // `extract` turns a panic into an internal error: for the fuzzer that is a crash
        Err(polidex::Error::Internal(m)) => panic!("internal error: {m}"),
        Err(_) => {}
    }
});
