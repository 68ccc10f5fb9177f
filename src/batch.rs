//! Batches: pages streamed from their sources ([`crate::sources`]), extracted in parallel on a
//! rayon pool of `workers` threads, and added by one writer (this thread) that commits every
//! `commit_every` documents or `commit_seconds`, and at the end. Queues between the stages are
//! bounded, so memory does not grow with the size of the batch. A page whose key and source
//! bytes are already in the corpus is skipped, so a batch can be re-run after an interruption.
//! One bad page is reported (its name and the reason) and the batch goes on.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossbeam_channel::bounded;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::record::Policy;
use crate::sources::{self, Failure, Job};

/// One input of a batch.
#[derive(Debug, Clone)]
pub enum Item {
    /// a file (page, .jsonl, .warc, gzip-compressed or not), or a folder walked recursively
    Path(PathBuf),
    /// a page given in memory, with its URL
    Page { url: Option<String>, data: Vec<u8> },
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub added: usize,
    /// pages already in the corpus with the same key and the same bytes
    pub skipped: usize,
    pub failed: Vec<Failure>,
}

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// worker threads (default: all cores)
    pub workers: Option<usize>,
    /// show a progress bar on the terminal (hidden when stderr is not one)
    pub progress: bool,
    /// commit after this many added documents
    pub commit_every: usize,
    /// ... or after this long
    pub commit_seconds: f64,
    /// skip pages whose key and source bytes are already in the corpus
    pub skip_unchanged: bool,
    pub limits: crate::Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            workers: None,
            progress: false,
            commit_every: 10_000,
            commit_seconds: 60.0,
            skip_unchanged: true,
            limits: crate::Limits::default(),
        }
    }
}

/// The hash that identifies a page's source bytes.
pub fn source_hash(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

enum Outcome {
    Added {
        key: String,
        source: String,
        policy: Box<Policy>,
    },
    Skipped,
    Failed(Failure),
}

fn process(corpus: &Corpus, job: Job, opts: &Options) -> Outcome {
    let source = source_hash(&job.data);
    if opts.skip_unchanged
        && corpus.source_hash(&job.key).ok().flatten().as_deref() == Some(source.as_str())
    {
        return Outcome::Skipped;
    }
    match crate::extract_with(&job.data, job.url.as_deref(), &opts.limits) {
        Ok(policy) => Outcome::Added {
            key: job.key,
            source,
            policy: Box::new(policy),
        },
        Err(e) => Outcome::Failed((job.name, e.to_string())),
    }
}

/// Extract and add every item; commit periodically and at the end.
///
/// # Errors
/// Only for failures of the whole batch: the corpus is locked by another writer, the worker pool
/// cannot start, a commit fails. A bad page is reported in [`Report::failed`].
pub fn add_many(corpus: &Corpus, items: Vec<Item>, opts: &Options) -> Result<Report> {
    // take the writer lock before starting, so a locked corpus fails the batch at once
    corpus.add_nothing()?;
    let workers = opts
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| Error::Internal(format!("worker pool: {e}")))?;
    let mut paths = Vec::new();
    let mut pages = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::Path(p) => paths.push(p),
            Item::Page { url, data } => {
                let name = url.clone().unwrap_or_else(|| format!("<page {}>", i + 1));
                let key = url
                    .clone()
                    .unwrap_or_else(|| format!("sha256:{}", source_hash(&data)));
                pages.push(Ok(Job {
                    name,
                    key,
                    url,
                    data,
                }));
            }
        }
    }
    let jobs = pages
        .into_iter()
        .chain(sources::jobs(paths, opts.limits.max_bytes));

    let bar = if opts.progress {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} pages  {per_sec}  {elapsed}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let (tx, rx) = bounded::<Outcome>(workers * 8);
    let mut report = Report::default();
    let mut since_commit = 0usize;
    let mut last_commit = Instant::now();
    let commit_every = opts.commit_every.max(1);
    let commit_after = Duration::from_secs_f64(opts.commit_seconds.max(0.0));
    std::thread::scope(|s| -> Result<()> {
        s.spawn(move || {
            pool.install(|| {
                jobs.par_bridge().for_each_with(tx, |tx, job| {
                    let outcome = match job {
                        Ok(job) => crate::guard("batch", || Ok(process(corpus, job, opts)))
                            .unwrap_or_else(|e| Outcome::Failed(("<page>".into(), e.to_string()))),
                        Err(f) => Outcome::Failed(f),
                    };
                    // the writer stopped (a fatal error): nothing more to do
                    let _ = tx.send(outcome);
                })
            })
        });
        for outcome in rx {
            bar.inc(1);
            match outcome {
                Outcome::Added {
                    key,
                    source,
                    policy,
                } => match corpus.add_with_source(&policy, Some(&key), Some(&source)) {
                    Ok(()) => {
                        report.added += 1;
                        since_commit += 1;
                    }
                    Err(e @ (Error::Locked { .. } | Error::Corpus { .. })) => return Err(e),
                    Err(e) => report.failed.push((key, e.to_string())),
                },
                Outcome::Skipped => report.skipped += 1,
                Outcome::Failed(f) => report.failed.push(f),
            }
            if since_commit >= commit_every
                || (since_commit > 0 && last_commit.elapsed() >= commit_after)
            {
                corpus.commit()?;
                since_commit = 0;
                last_commit = Instant::now();
                bar.set_message(format!("committed {}", report.added));
            }
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    corpus.commit()?;
    Ok(report)
}
