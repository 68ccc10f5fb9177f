//! Any text, as plain text or HTML: a record or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // `extract_str` turns a panic into an internal error: for the fuzzer that is a crash
    if let Err(polidex::Error::Internal(m)) = polidex::extract_str(text, None) {
        panic!("internal error: {m}");
    }
});
