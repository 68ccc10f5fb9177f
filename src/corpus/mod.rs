//! The corpus: an embedded tantivy index in a directory (no server). Records are added,
//! committed and searched; a document's identity is its key (URL, else path, else content hash)
//! and adding it again replaces it. One writer at a time (tantivy's directory lock); any number
//! of readers, which see the last commit.
pub mod analyzer;
pub mod query;
pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term,
};

pub use query::Filters;
use schema::Fields;

use crate::error::{Error, Result};
use crate::normalize::fold;
use crate::record::Policy;

/// Memory the writer may use before it flushes a segment.
pub const DEFAULT_WRITER_MEMORY: usize = 128_000_000;

/// One search result. The record stays as the JSON it was stored as until it is asked for
/// ([`Hit::policy`]): a result page costs one document fetch per hit, not a parse.
#[derive(Debug, Clone)]
pub struct Hit {
    pub url: Option<String>,
    pub key: String,
    pub title: String,
    pub score: f32,
    pub snippet: String,
    /// the record, as JSON (SCHEMA.md)
    pub record: String,
}

impl Hit {
    /// The record.
    ///
    /// # Errors
    /// [`Error::Serde`] if the stored record is not a valid record (a corrupted corpus).
    pub fn policy(&self) -> Result<Policy> {
        Policy::from_json(&self.record)
    }
}

/// A stored document as a scan returns it: enough to copy it into another corpus unchanged.
#[derive(Debug, Clone)]
pub struct Stored {
    pub key: String,
    pub source_sha256: Option<String>,
    /// the record, as JSON (SCHEMA.md)
    pub record: String,
}

/// The parts of a stored record a hit needs, read without building the whole record.
#[derive(serde::Deserialize)]
struct HitFields<'a> {
    #[serde(borrow, default)]
    url: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    text: std::borrow::Cow<'a, str>,
}

/// Bytes of text around the first occurrence of a query term that the snippet generator
/// tokenizes (instead of the whole policy, which can be 100 KB).
const SNIPPET_WINDOW: usize = 1_500;

/// Every document matching a query in the snapshot taken when the scan began (later commits
/// are not seen), handed out in batches so that a corpus of any size streams through bounded
/// memory: only the documents' addresses (8 bytes each) are held.
pub struct Scan {
    searcher: tantivy::Searcher,
    fields: Fields,
    docs: Vec<tantivy::DocAddress>,
    next: usize,
    path: PathBuf,
}

impl Scan {
    /// Number of documents the scan covers.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The next (up to) `n` documents; empty when the scan is done.
    ///
    /// # Errors
    /// [`Error::Corpus`] if the index cannot be read.
    pub fn next_batch(&mut self, n: usize) -> Result<Vec<Stored>> {
        let end = (self.next + n.max(1)).min(self.docs.len());
        let f = self.fields;
        let text = |d: &TantivyDocument, field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let mut out = Vec::with_capacity(end - self.next);
        for addr in &self.docs[self.next..end] {
            let d: TantivyDocument = self
                .searcher
                .doc(*addr)
                .map_err(|e| corpus_err(&self.path, e))?;
            out.push(Stored {
                key: text(&d, f.key).unwrap_or_default(),
                source_sha256: text(&d, f.source_sha256),
                record: text(&d, f.record).unwrap_or_else(|| "{}".into()),
            });
        }
        self.next = end;
        Ok(out)
    }
}

impl Iterator for Scan {
    type Item = Result<Stored>;

    fn next(&mut self) -> Option<Result<Stored>> {
        match self.next_batch(1) {
            Ok(mut v) => v.pop().map(Ok),
            Err(e) => {
                self.next = self.docs.len();
                Some(Err(e))
            }
        }
    }
}

/// An on-disk corpus of policies.
pub struct Corpus {
    path: PathBuf,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    writer_memory: usize,
}

fn corpus_err(path: &Path, e: impl ToString) -> Error {
    Error::corpus(path, e.to_string())
}

impl Corpus {
    /// Open the corpus at `path`, creating it (and the directory) if it does not exist.
    ///
    /// # Errors
    /// [`Error::Corpus`] if the directory cannot be created or holds something that is not a
    /// polidex corpus.
    pub fn open(path: impl AsRef<Path>) -> Result<Corpus> {
        let path = path.as_ref();
        std::fs::create_dir_all(path).map_err(|e| corpus_err(path, e))?;
        let (schema, _) = schema::build();
        let dir = tantivy::directory::MmapDirectory::open(path).map_err(|e| corpus_err(path, e))?;
        let index = Index::open_or_create(dir, schema).map_err(|e| match e {
            TantivyError::SchemaError(m) => {
                corpus_err(path, format!("not a polidex corpus (schema differs: {m})"))
            }
            other => corpus_err(path, other),
        })?;
        let fields = Fields::from_schema(&index.schema())
            .ok_or_else(|| corpus_err(path, "not a polidex corpus"))?;
        index
            .tokenizers()
            .register(analyzer::NAME, analyzer::MultilingualTokenizer);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: TantivyError| corpus_err(path, e))?;
        Ok(Corpus {
            path: path.to_path_buf(),
            index,
            fields,
            reader,
            writer: Mutex::new(None),
            writer_memory: DEFAULT_WRITER_MEMORY,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The identity of a record in the corpus.
    pub fn key_of(policy: &Policy) -> String {
        policy
            .url
            .clone()
            .unwrap_or_else(|| format!("sha256:{}", policy.content_sha256))
    }

    fn with_writer<T>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<T>) -> Result<T> {
        let mut guard = self
            .writer
            .lock()
            .map_err(|_| Error::Internal("corpus writer mutex poisoned".into()))?;
        if guard.is_none() {
            // one indexing thread: extraction is the expensive part and gets the other cores
            let w = self
                .index
                .writer_with_num_threads(1, self.writer_memory)
                .map_err(|e| match e {
                    TantivyError::LockFailure(_, m) => Error::Locked {
                        path: self.path.clone(),
                        message: m
                            .unwrap_or_else(|| "the .tantivy-writer.lock file is held".into()),
                    },
                    other => corpus_err(&self.path, other),
                })?;
            *guard = Some(w);
        }
        match guard.as_mut() {
            Some(w) => f(w),
            None => Err(Error::Internal("writer missing".into())),
        }
    }

    /// Add (or replace) a record under `key` (default: its URL, else its content hash).
    /// Visible to searches after [`Corpus::commit`].
    ///
    /// # Errors
    /// [`Error::Locked`] if another writer holds the corpus; [`Error::Corpus`] on I/O errors.
    pub fn add(&self, policy: &Policy, key: Option<&str>) -> Result<()> {
        self.add_with_source(policy, key, None)
    }

    /// [`Corpus::add`], recording the hash of the page's source bytes (batches use it to skip
    /// unchanged pages when re-run).
    ///
    /// # Errors
    /// As [`Corpus::add`].
    pub fn add_with_source(
        &self,
        policy: &Policy,
        key: Option<&str>,
        source_sha256: Option<&str>,
    ) -> Result<()> {
        let key = key.map_or_else(|| Self::key_of(policy), str::to_string);
        let f = &self.fields;
        let mut d = doc!(
            f.key => key.clone(),
            f.title => policy.title.clone(),
            f.text => policy.text.clone(),
            f.record => policy.to_json(),
            f.content_sha256 => policy.content_sha256.clone(),
        );
        if let Some(h) = source_sha256 {
            d.add_text(f.source_sha256, h);
        }
        if let Some(l) = &policy.language {
            d.add_text(f.language, l);
        }
        let mut names: Vec<String> = Vec::new();
        for p in &policy.processors {
            d.add_text(f.organization, &p.organization);
            for n in std::iter::once(&p.organization)
                .chain(std::iter::once(&p.name))
                .chain(&p.mentions)
            {
                let n = fold(n);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        for n in names {
            d.add_text(f.processor, n);
        }
        for r in &policy.rights {
            d.add_text(f.right, r.as_str());
        }
        for c in &policy.transfers.countries {
            d.add_text(f.transfer_country, c);
        }
        if let Some(c) = policy.controller.as_ref().and_then(|c| c.country.as_ref()) {
            d.add_text(f.controller_country, c);
        }
        self.with_writer(|w| {
            w.delete_term(Term::from_field_text(f.key, &key));
            w.add_document(d).map_err(|e| corpus_err(&self.path, e))?;
            Ok(())
        })
    }

    /// Acquire the writer now (fails with [`Error::Locked`] if another writer holds the corpus).
    ///
    /// # Errors
    /// As [`Corpus::add`].
    pub fn add_nothing(&self) -> Result<()> {
        self.with_writer(|_| Ok(()))
    }

    /// Make everything added so far durable and visible to searches.
    ///
    /// # Errors
    /// [`Error::Corpus`] if the commit fails (the previous commit stays intact).
    pub fn commit(&self) -> Result<()> {
        let opened = self.writer.lock().map(|g| g.is_some()).unwrap_or(false);
        if opened {
            self.with_writer(|w| {
                w.commit()
                    .map(|_| ())
                    .map_err(|e| corpus_err(&self.path, e))
            })?;
        }
        self.reload()
    }

    /// See the latest commit (also one made by another process).
    ///
    /// # Errors
    /// [`Error::Corpus`] if the index cannot be read.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|e| corpus_err(&self.path, e))
    }

    /// Number of committed documents.
    pub fn len(&self) -> usize {
        self.reader.searcher().num_docs() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The content hash (of the cleaned text) stored for `key`, if the key is in the corpus.
    ///
    /// # Errors
    /// [`Error::Corpus`] if the index cannot be read.
    pub fn content_hash(&self, key: &str) -> Result<Option<String>> {
        self.stored(key, self.fields.content_sha256)
    }

    /// The hash of the source bytes stored for `key` by a batch, if any.
    ///
    /// # Errors
    /// [`Error::Corpus`] if the index cannot be read.
    pub fn source_hash(&self, key: &str) -> Result<Option<String>> {
        self.stored(key, self.fields.source_sha256)
    }

    fn stored(&self, key: &str, field: tantivy::schema::Field) -> Result<Option<String>> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(
            Term::from_field_text(self.fields.key, key),
            IndexRecordOption::Basic,
        );
        let top = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| corpus_err(&self.path, e))?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let d: TantivyDocument = searcher.doc(*addr).map_err(|e| corpus_err(&self.path, e))?;
        Ok(d.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// A search that fails on the schema (a query form this corpus cannot answer) is the query's
    /// fault; anything else is the corpus's.
    fn search_err(&self, e: TantivyError) -> Error {
        match e {
            TantivyError::SchemaError(m) => Error::Query {
                message: format!("this query cannot be answered: {m}"),
                position: 0,
            },
            other => corpus_err(&self.path, other),
        }
    }

    fn parser(&self) -> QueryParser {
        let mut p = QueryParser::for_index(&self.index, vec![self.fields.title, self.fields.text]);
        p.set_conjunction_by_default();
        p.set_field_boost(self.fields.title, 2.0);
        p
    }

    /// Full-text search with filters; an empty query matches every document.
    ///
    /// # Errors
    /// [`Error::Query`] for a malformed query (with the position of the problem);
    /// [`Error::Corpus`] if the index cannot be read.
    pub fn search(&self, q: &str, filters: &Filters, limit: usize) -> Result<Vec<Hit>> {
        let query = query::build(&self.parser(), &self.fields, q, filters)?;
        let searcher = self.reader.searcher();
        let top = searcher
            .search(&*query, &TopDocs::with_limit(limit.max(1)).order_by_score())
            .map_err(|e| self.search_err(e))?;
        let snippets = if q.trim().is_empty() {
            None
        } else {
            SnippetGenerator::create(&searcher, &*query, self.fields.text)
                .ok()
                .map(|mut g| {
                    g.set_max_num_chars(200);
                    g
                })
        };
        let mut terms: Vec<String> = Vec::new();
        query.query_terms(&mut |t, _| {
            if let Some(s) = t
                .value()
                .as_str()
                .filter(|s| t.field() == self.fields.text && !s.is_empty())
            {
                terms.push(s.to_string());
            }
        });
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top.into_iter().take(limit) {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| corpus_err(&self.path, e))?;
            let text_of = |field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let record = text_of(self.fields.record);
            let parts: HitFields<'_> = serde_json::from_str(&record)?;
            let snippet = match &snippets {
                Some(g) => snippet(g, &parts.text, &terms),
                None => parts.text.chars().take(200).collect(),
            };
            let url = parts.url.map(|u| u.into_owned());
            hits.push(Hit {
                url,
                key: text_of(self.fields.key),
                title: text_of(self.fields.title),
                score,
                snippet,
                record,
            });
        }
        Ok(hits)
    }

    /// All documents matching `q` and `filters` (an empty query: all of them), to stream out in
    /// batches: exports, merges, tables.
    ///
    /// # Errors
    /// As [`Corpus::search`].
    pub fn scan(&self, q: &str, filters: &Filters) -> Result<Scan> {
        let query = query::build(&self.parser(), &self.fields, q, filters)?;
        let searcher = self.reader.searcher();
        let set = searcher
            .search(&*query, &tantivy::collector::DocSetCollector)
            .map_err(|e| self.search_err(e))?;
        let mut docs: Vec<tantivy::DocAddress> = set.into_iter().collect();
        docs.sort_unstable();
        Ok(Scan {
            searcher,
            fields: self.fields,
            docs,
            next: 0,
            path: self.path.clone(),
        })
    }

    /// Copy every committed document of `other` into this corpus (same keys, so a document in
    /// both ends up once, as `other` has it) and commit. Corpora built per shard of a large
    /// crawl are merged this way. Returns the number of documents copied.
    ///
    /// # Errors
    /// [`Error::Locked`] if another writer holds this corpus; [`Error::Corpus`] on I/O errors;
    /// [`Error::Serde`] if `other` holds a record that is not valid.
    pub fn merge_from(&self, other: &Corpus) -> Result<usize> {
        let mut scan = other.scan("", &Filters::default())?;
        let mut n = 0;
        loop {
            let batch = scan.next_batch(256)?;
            if batch.is_empty() {
                break;
            }
            for s in batch {
                self.add_with_source(
                    &Policy::from_json(&s.record)?,
                    Some(&s.key),
                    s.source_sha256.as_deref(),
                )?;
                n += 1;
            }
        }
        self.commit()?;
        Ok(n)
    }

    /// Number of matching documents.
    ///
    /// # Errors
    /// As [`Corpus::search`].
    pub fn count(&self, q: &str, filters: &Filters) -> Result<usize> {
        let query = query::build(&self.parser(), &self.fields, q, filters)?;
        self.reader
            .searcher()
            .search(&*query, &Count)
            .map_err(|e| self.search_err(e))
    }

    /// Processor organisations counted across the corpus (documents naming each), most common
    /// first; optionally only over documents matching `filters`.
    ///
    /// # Errors
    /// [`Error::Corpus`] if the index cannot be read.
    pub fn processors(
        &self,
        filters: &Filters,
        limit: Option<usize>,
    ) -> Result<Vec<(String, u64)>> {
        let query = query::build(&self.parser(), &self.fields, "", filters)?;
        let counts = self
            .reader
            .searcher()
            .search(
                &*query,
                &query::OrganizationCounts {
                    field: "organization".into(),
                },
            )
            .map_err(|e| corpus_err(&self.path, e))?;
        let mut v: Vec<(String, u64)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if let Some(l) = limit {
            v.truncate(l);
        }
        Ok(v)
    }
}

/// A snippet around the best passage: the generator sees a window of the text around the first
/// place a query term occurs (found by a case-insensitive scan) and the whole text only when
/// the window holds no match.
fn snippet(g: &SnippetGenerator, text: &str, terms: &[String]) -> String {
    let lower = text.to_lowercase();
    let first = terms.iter().filter_map(|t| lower.find(t.as_str())).min();
    if let Some(at) = first.filter(|_| lower.len() == text.len() && text.len() > 2 * SNIPPET_WINDOW)
    {
        let start = crate::normalize::floor_char(text, at.saturating_sub(SNIPPET_WINDOW / 3));
        let end = crate::normalize::floor_char(text, (at + SNIPPET_WINDOW).min(text.len()));
        let s = g.snippet(&text[start..end]);
        if !s.highlighted().is_empty() {
            return s.fragment().trim().to_string();
        }
    }
    g.snippet(text).fragment().trim().to_string()
}

impl Drop for Corpus {
    fn drop(&mut self) {
        // uncommitted additions are discarded explicitly; the last commit stays as it was
        if let Ok(mut g) = self.writer.lock() {
            if let Some(mut w) = g.take() {
                let _ = w.rollback();
            }
        }
    }
}
