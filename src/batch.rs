//! Batches: many inputs extracted in parallel (rayon, on a pool of `workers` threads) and added
//! to one corpus. One bad input is reported (its path or key and the reason) and the batch goes
//! on; the corpus is committed at the end.
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::error::{Error, Result};

/// One input of a batch.
#[derive(Debug, Clone)]
pub enum Item {
    /// a file, or a folder walked recursively for .html/.htm/.txt files
    Path(PathBuf),
    /// a page given in memory, with its URL (or any key)
    Page { url: Option<String>, data: Vec<u8> },
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub added: usize,
    pub failed: Vec<(String, String)>,
}

/// How to run a batch.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// worker threads (default: all cores)
    pub workers: Option<usize>,
    /// show a progress bar on the terminal (hidden when stderr is not one)
    pub progress: bool,
}

const EXTENSIONS: &[&str] = &["html", "htm", "txt", "xhtml"];

/// Files of a path: the file itself, or the matching files under a folder, sorted.
pub fn expand(path: &Path) -> Vec<Result<PathBuf>> {
    if !path.is_dir() {
        return vec![Ok(path.to_path_buf())];
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let ext = e.path().extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase);
                if ext.is_some_and(|x| EXTENSIONS.contains(&x.as_str())) {
                    out.push(Ok(e.into_path()));
                }
            }
            Ok(_) => {}
            Err(err) => {
                let p = err.path().map(Path::to_path_buf).unwrap_or_else(|| path.to_path_buf());
                out.push(Err(Error::Io { path: p, source: std::io::Error::other(err.to_string()) }));
            }
        }
    }
    out
}

fn process(corpus: &Corpus, item: Item) -> std::result::Result<(), (String, String)> {
    match item {
        Item::Path(p) => {
            let name = p.display().to_string();
            let data = std::fs::read(&p).map_err(|e| (name.clone(), e.to_string()))?;
            let policy = crate::extract(&data, None).map_err(|e| (name.clone(), e.to_string()))?;
            corpus.add(&policy, Some(&name)).map_err(|e| (name, e.to_string()))
        }
        Item::Page { url, data } => {
            let name = url.clone().unwrap_or_else(|| "<page>".into());
            let policy = crate::extract(&data, url.as_deref()).map_err(|e| (name.clone(), e.to_string()))?;
            corpus.add(&policy, None).map_err(|e| (name, e.to_string()))
        }
    }
}

/// Extract and add every item, in parallel; commit at the end.
///
/// # Errors
/// Only for failures that concern the whole batch (the worker pool cannot start, the corpus is
/// locked by another writer, the final commit fails); a bad input is reported in [`Report::failed`].
pub fn add_many(corpus: &Corpus, items: Vec<Item>, opts: &Options) -> Result<Report> {
    let mut report = Report::default();
    let mut work: Vec<Item> = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Path(p) => {
                for r in expand(&p) {
                    match r {
                        Ok(f) => work.push(Item::Path(f)),
                        Err(e) => report.failed.push((p.display().to_string(), e.to_string())),
                    }
                }
            }
            page => work.push(page),
        }
    }
    // take the writer lock before starting, so a locked corpus fails the batch at once
    corpus.add_nothing()?;
    let workers = opts.workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| Error::Internal(format!("worker pool: {e}")))?;
    let bar = if opts.progress { ProgressBar::new(work.len() as u64) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} pages  {per_sec}  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let results: Vec<std::result::Result<(), (String, String)>> = pool.install(|| {
        work.into_par_iter()
            .map(|item| {
                let r = crate::guard("batch", || Ok(process(corpus, item))).unwrap_or_else(|e| Err(("<item>".into(), e.to_string())));
                bar.inc(1);
                r
            })
            .collect()
    });
    bar.finish_and_clear();
    for r in results {
        match r {
            Ok(()) => report.added += 1,
            Err(f) => report.failed.push(f),
        }
    }
    corpus.commit()?;
    Ok(report)
}
