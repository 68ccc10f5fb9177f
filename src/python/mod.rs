//! The Python binding: converts arguments, releases the GIL, calls one core function, converts
//! the result. No logic lives here; records cross the boundary as JSON and become typed objects
//! in the Python package (python/polidex/).
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::batch::{self, Item};
use crate::corpus::{Corpus, Filters, Scan};
use crate::error::Error;

create_exception!(
    _polidex,
    PolidexError,
    PyException,
    "Base class of every polidex error."
);
create_exception!(
    _polidex,
    InputError,
    PolidexError,
    "The input cannot be read as a document (too large, not text)."
);
create_exception!(
    _polidex,
    QueryError,
    PolidexError,
    "A search query is malformed; `position` is where."
);
create_exception!(
    _polidex,
    CorpusError,
    PolidexError,
    "A corpus cannot be opened, read or written."
);
create_exception!(
    _polidex,
    CorpusLockedError,
    CorpusError,
    "Another writer holds the corpus."
);
create_exception!(
    _polidex,
    DataError,
    PolidexError,
    "polidex's reference data is invalid (a packaging bug)."
);
create_exception!(
    _polidex,
    InternalError,
    PolidexError,
    "An internal error (a bug): please report it."
);

/// What a batch returns: (added, skipped, [(path or url, reason)]).
type BatchResult = (usize, usize, Vec<(String, String)>);
/// A search hit: (key, url, title, score, snippet, record_json).
type HitRow = (String, Option<String>, String, f32, String, String);

/// One exhaustive mapping from [`Error`] to Python exceptions.
fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let msg = e.to_string();
    match e {
        Error::Input(_) => InputError::new_err(msg),
        Error::Query { position, .. } => {
            let err = QueryError::new_err(msg);
            let _ = err.value(py).setattr("position", position);
            err
        }
        Error::Corpus { .. } | Error::Io { .. } => CorpusError::new_err(msg),
        Error::Locked { .. } => CorpusLockedError::new_err(msg),
        Error::Data { .. } => DataError::new_err(msg),
        Error::Serde(_) | Error::Internal(_) => InternalError::new_err(msg),
    }
}

/// Borrow `bytes` or `str` input as bytes.
fn input_bytes(data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = data.cast::<PyBytes>() {
        Ok(b.as_bytes().to_vec())
    } else if let Ok(s) = data.cast::<PyString>() {
        Ok(s.to_cow()?.as_bytes().to_vec())
    } else {
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "data must be bytes or str, not {}",
            data.get_type().name()?
        )))
    }
}

/// Limits from optional keyword arguments (defaults where `None`).
fn limits(max_bytes: Option<usize>, max_depth: Option<usize>) -> crate::Limits {
    let d = crate::Limits::default();
    crate::Limits {
        max_bytes: max_bytes.unwrap_or(d.max_bytes),
        max_depth: max_depth.unwrap_or(d.max_depth),
    }
}

/// Extract a record; returns it as JSON.
#[pyfunction]
#[pyo3(signature = (data, url=None, max_bytes=None, max_depth=None))]
fn extract_json(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    url: Option<String>,
    max_bytes: Option<usize>,
    max_depth: Option<usize>,
) -> PyResult<String> {
    let bytes = input_bytes(data)?;
    let limits = limits(max_bytes, max_depth);
    py.detach(|| crate::extract_with(&bytes, url.as_deref(), &limits).map(|p| p.to_json()))
        .map_err(|e| to_py(py, e))
}

/// Panic inside the guard that wraps every entry point: the test suite's proof that a Rust
/// panic reaches Python as `InternalError`, never as a crash or a `PanicException`.
#[pyfunction]
#[pyo3(name = "_panic_probe")]
fn panic_probe(py: Python<'_>) -> PyResult<()> {
    py.detach(|| {
        crate::guard("panic probe", || -> crate::Result<()> {
            panic!("deliberate panic (probe)")
        })
    })
    .map_err(|e| to_py(py, e))
}

/// The number of catalogued processors and organisations, and the lexicon languages.
#[pyfunction]
fn reference_info(py: Python<'_>) -> PyResult<(usize, usize, Vec<String>)> {
    let r = crate::data::reference().map_err(|e| to_py(py, e))?;
    Ok((
        r.catalogue.entries.len(),
        r.catalogue.organizations(),
        r.lexicons.keys().cloned().collect(),
    ))
}

#[pyclass(frozen, module = "polidex._polidex")]
struct NativeCorpus {
    inner: Arc<Corpus>,
}

#[pymethods]
impl NativeCorpus {
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let c = py
            .detach(|| crate::guard("open", || Corpus::open(&path)))
            .map_err(|e| to_py(py, e))?;
        Ok(NativeCorpus { inner: Arc::new(c) })
    }

    fn path(&self) -> PathBuf {
        self.inner.path().to_path_buf()
    }

    /// Extract and add; returns the record as JSON.
    #[pyo3(signature = (data, url=None))]
    fn add(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        url: Option<String>,
    ) -> PyResult<String> {
        let bytes = input_bytes(data)?;
        let c = self.inner.clone();
        py.detach(|| {
            crate::guard("add", || {
                let p = crate::extract(&bytes, url.as_deref())?;
                c.add(&p, None)?;
                Ok(p.to_json())
            })
        })
        .map_err(|e| to_py(py, e))
    }

    /// Add a record given as JSON.
    #[pyo3(signature = (record_json, key=None))]
    fn add_record(&self, py: Python<'_>, record_json: String, key: Option<String>) -> PyResult<()> {
        let c = self.inner.clone();
        py.detach(|| {
            crate::guard("add_policy", || {
                c.add(&crate::Policy::from_json(&record_json)?, key.as_deref())
            })
        })
        .map_err(|e| to_py(py, e))
    }

    /// Add files/folders and in-memory pages in parallel; returns (added, skipped, [(name, reason)]).
    #[pyo3(signature = (paths, pages, workers=None, progress=false, commit_every=10_000, skip_unchanged=true, max_bytes=None, max_depth=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_many(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        pages: Vec<(Option<String>, Vec<u8>)>,
        workers: Option<usize>,
        progress: bool,
        commit_every: usize,
        skip_unchanged: bool,
        max_bytes: Option<usize>,
        max_depth: Option<usize>,
    ) -> PyResult<BatchResult> {
        let c = self.inner.clone();
        let mut items: Vec<Item> = paths.into_iter().map(Item::Path).collect();
        items.extend(
            pages
                .into_iter()
                .map(|(url, data)| Item::Page { url, data }),
        );
        let opts = batch::Options {
            workers,
            progress,
            commit_every,
            skip_unchanged,
            limits: limits(max_bytes, max_depth),
            ..Default::default()
        };
        py.detach(|| crate::guard("add_many", || batch::add_many(&c, items, &opts)))
            .map(|r| (r.added, r.skipped, r.failed))
            .map_err(|e| to_py(py, e))
    }

    fn commit(&self, py: Python<'_>) -> PyResult<()> {
        let c = self.inner.clone();
        py.detach(|| crate::guard("commit", || c.commit()))
            .map_err(|e| to_py(py, e))
    }

    fn reload(&self, py: Python<'_>) -> PyResult<()> {
        let c = self.inner.clone();
        py.detach(|| crate::guard("reload", || c.reload()))
            .map_err(|e| to_py(py, e))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Returns [(key, url, title, score, snippet, record_json)].
    #[pyo3(signature = (query, language=None, processor=None, right=None, transfer_country=None, controller_country=None, limit=10))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        query: String,
        language: Option<String>,
        processor: Option<String>,
        right: Option<String>,
        transfer_country: Option<String>,
        controller_country: Option<String>,
        limit: usize,
    ) -> PyResult<Vec<HitRow>> {
        let c = self.inner.clone();
        let filters = Filters {
            language,
            processor,
            right,
            transfer_country,
            controller_country,
        };
        py.detach(|| crate::guard("search", || c.search(&query, &filters, limit)))
            .map(|hits| {
                hits.into_iter()
                    .map(|h| (h.key, h.url, h.title, h.score, h.snippet, h.record))
                    .collect()
            })
            .map_err(|e| to_py(py, e))
    }

    /// Every matching document, streamed in batches (see `NativeScan`).
    #[pyo3(signature = (query, language=None, processor=None, right=None, transfer_country=None, controller_country=None))]
    #[allow(clippy::too_many_arguments)]
    fn scan(
        &self,
        py: Python<'_>,
        query: String,
        language: Option<String>,
        processor: Option<String>,
        right: Option<String>,
        transfer_country: Option<String>,
        controller_country: Option<String>,
    ) -> PyResult<NativeScan> {
        let c = self.inner.clone();
        let filters = Filters {
            language,
            processor,
            right,
            transfer_country,
            controller_country,
        };
        py.detach(|| crate::guard("scan", || c.scan(&query, &filters)))
            .map(|s| NativeScan {
                inner: Mutex::new(s),
            })
            .map_err(|e| to_py(py, e))
    }

    /// Copy every document of `other` into this corpus and commit; returns how many.
    fn merge_from(&self, py: Python<'_>, other: &NativeCorpus) -> PyResult<usize> {
        let (c, o) = (self.inner.clone(), other.inner.clone());
        py.detach(|| crate::guard("merge", || c.merge_from(&o)))
            .map_err(|e| to_py(py, e))
    }

    #[pyo3(signature = (language=None, limit=None))]
    fn processors(
        &self,
        py: Python<'_>,
        language: Option<String>,
        limit: Option<usize>,
    ) -> PyResult<Vec<(String, u64)>> {
        let c = self.inner.clone();
        let filters = Filters {
            language,
            ..Default::default()
        };
        py.detach(|| crate::guard("processors", || c.processors(&filters, limit)))
            .map_err(|e| to_py(py, e))
    }

    fn content_hash(&self, py: Python<'_>, key: String) -> PyResult<Option<String>> {
        let c = self.inner.clone();
        py.detach(|| crate::guard("content_hash", || c.content_hash(&key)))
            .map_err(|e| to_py(py, e))
    }
}

/// A scan over a corpus snapshot; `next_batch(n)` returns [(key, source_sha256, record_json)],
/// empty at the end.
#[pyclass(frozen, module = "polidex._polidex")]
struct NativeScan {
    inner: Mutex<Scan>,
}

#[pymethods]
impl NativeScan {
    fn __len__(&self) -> usize {
        self.inner.lock().map(|s| s.len()).unwrap_or(0)
    }

    fn next_batch(
        &self,
        py: Python<'_>,
        n: usize,
    ) -> PyResult<Vec<(String, Option<String>, String)>> {
        py.detach(|| {
            crate::guard("scan", || {
                let mut s = self
                    .inner
                    .lock()
                    .map_err(|_| Error::Internal("scan mutex poisoned".into()))?;
                Ok(s.next_batch(n)?
                    .into_iter()
                    .map(|d| (d.key, d.source_sha256, d.record))
                    .collect())
            })
        })
        .map_err(|e| to_py(py, e))
    }
}

// `gil_used = false`: the module is safe without the GIL (free-threaded CPython 3.13t+): no
// Python object is shared across threads, the corpus is `Arc<Corpus>` (Sync) and scans are
// behind a mutex; extraction holds no shared mutable state but caches behind locks.
#[pymodule(gil_used = false)]
fn _polidex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(reference_info, m)?)?;
    m.add_function(wrap_pyfunction!(panic_probe, m)?)?;
    m.add_class::<NativeCorpus>()?;
    m.add_class::<NativeScan>()?;
    m.add("PolidexError", py.get_type::<PolidexError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("QueryError", py.get_type::<QueryError>())?;
    m.add("CorpusError", py.get_type::<CorpusError>())?;
    m.add("CorpusLockedError", py.get_type::<CorpusLockedError>())?;
    m.add("DataError", py.get_type::<DataError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
