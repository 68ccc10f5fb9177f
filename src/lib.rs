//! # polidex
//!
//! Privacy policies in any language -> structured, searchable records.
//!
//! The pipeline is a line, and the modules follow it:
//! [`input`] (bytes -> text, charset) -> [`html`] / [`text`] (-> [`document::Document`]) ->
//! [`lang`] (languages and shares) -> [`sections`] (headings -> sections with topics) ->
//! [`extract`] (one extractor per field) -> [`record::Policy`] -> [`corpus`] (tantivy index).
//! [`pipeline`] chains the stages; reference data (per-language lexicons, the processor catalogue,
//! CLDR names) lives under `data/` and is embedded at build time ([`data`]).
//! The Python binding (feature `python`) lives in `src/python/` and holds no logic.
//!
//! No input can make polidex panic: `unwrap` is denied outside tests (clippy), `expect` is
//! used only on compile-time constants (the built-in regexes), and every public entry point
//! runs under [`guard`], which turns a panic that slips through into [`Error::Internal`].
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
pub mod batch;
pub mod corpus;
pub mod data;
pub mod depth;
pub mod document;
pub mod error;
pub mod extract;
pub mod html;
pub mod input;
pub mod lang;
pub mod normalize;
pub mod orgname;
pub mod phrases;
pub mod pipeline;
pub mod record;
pub mod sections;
pub mod sources;
pub mod text;

#[cfg(feature = "python")]
mod python;

pub use error::{Error, Result};
pub use pipeline::Limits;
pub use record::Policy;

/// Run `f`, turning a panic into [`Error::Internal`] so that no panic crosses an API boundary.
pub fn guard<T>(what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(Error::Internal(format!("{what}: {msg}")))
        }
    }
}

/// Extract a policy record from a page's bytes (HTML or plain text, any charset).
///
/// # Errors
/// [`Error::Input`] if the input is over the size limit or is not a text document (a PDF, an
/// image); [`Error::Internal`] if an internal invariant failed.
pub fn extract(data: &[u8], url: Option<&str>) -> Result<Policy> {
    extract_with(data, url, &Limits::default())
}

/// [`extract`] with explicit limits.
///
/// # Errors
/// As [`extract`].
pub fn extract_with(data: &[u8], url: Option<&str>, limits: &Limits) -> Result<Policy> {
    guard("extract", || {
        let doc = pipeline::parse_bytes(data, limits)?;
        pipeline::build(&doc, url)
    })
}

/// Extract a policy record from text that is already decoded (HTML or plain text).
///
/// # Errors
/// As [`extract`].
pub fn extract_str(text: &str, url: Option<&str>) -> Result<Policy> {
    guard("extract", || {
        let limits = Limits::default();
        if text.len() > limits.max_bytes {
            return Err(Error::Input(format!(
                "{} bytes is over the limit of {} bytes",
                text.len(),
                limits.max_bytes
            )));
        }
        pipeline::build(&pipeline::parse_text(text, &limits), url)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn guard_turns_a_panic_into_an_internal_error() {
        let r: crate::Result<()> = crate::guard("probe", || panic!("boom at {}", 42));
        match r {
            Err(crate::Error::Internal(m)) => assert_eq!(m, "probe: boom at 42"),
            other => panic!("expected Internal, got {other:?}"),
        }
    }
}
