//! Any text, as plain text or HTML: a record or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = polidex::extract_str(text, None);
});
