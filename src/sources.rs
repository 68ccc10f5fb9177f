//! Batch inputs, streamed: files and folders (walked recursively for .html/.htm/.xhtml/.txt,
//! gzip-compressed ones too), JSON Lines files of `{"url": ..., "html": ...}` (or `"text"`), and
//! WARC files (`response` records with an HTML or text payload; the target URI is the URL).
//! Nothing is read before it is needed, so a source of any size takes constant memory.
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

/// One page to extract.
#[derive(Debug, Clone)]
pub struct Job {
    /// what to call it in reports: a path, "file.jsonl:12", "file.warc.gz#3"
    pub name: String,
    /// its identity in the corpus: the URL, else the name
    pub key: String,
    pub url: Option<String>,
    pub data: Vec<u8>,
}

/// A page that could not be read: (name, reason).
pub type Failure = (String, String);

const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "txt"];

/// What a file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Page,
    JsonLines,
    Warc,
}

fn kind_of(path: &Path, explicit: bool) -> Option<(Kind, bool)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (base, gz) = match name.strip_suffix(".gz") {
        Some(b) => (b.to_string(), true),
        None => (name, false),
    };
    let ext = base.rsplit('.').next().unwrap_or("");
    let kind = match ext {
        "jsonl" | "ndjson" => Kind::JsonLines,
        "warc" | "arc" => Kind::Warc,
        e if PAGE_EXTENSIONS.contains(&e) => Kind::Page,
        // a file named on the command line is read whatever its name
        _ if explicit => Kind::Page,
        _ => return None,
    };
    Some((kind, gz))
}

fn open(path: &Path, gz: bool) -> std::io::Result<Box<dyn BufRead + Send>> {
    let f = File::open(path)?;
    Ok(if gz {
        Box::new(BufReader::new(MultiGzDecoder::new(f)))
    } else {
        Box::new(BufReader::new(f))
    })
}

/// Read at most `max` bytes; more is an error (the input is over the size limit).
fn read_limited(mut r: impl Read, max: usize) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    r.by_ref().take(max as u64 + 1).read_to_end(&mut data)?;
    if data.len() > max {
        return Err(std::io::Error::other(format!(
            "over the limit of {max} bytes"
        )));
    }
    Ok(data)
}

/// All pages of the given paths, in order, as a lazy iterator.
pub fn jobs(
    paths: Vec<PathBuf>,
    max_bytes: usize,
) -> impl Iterator<Item = Result<Job, Failure>> + Send {
    paths.into_iter().flat_map(
        move |p| -> Box<dyn Iterator<Item = Result<Job, Failure>> + Send> {
            if p.is_dir() {
                let walk = walkdir::WalkDir::new(&p)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter();
                Box::new(walk.flat_map(
                    move |e| -> Box<dyn Iterator<Item = Result<Job, Failure>> + Send> {
                        match e {
                            Ok(e) if e.file_type().is_file() => {
                                file_jobs(e.into_path(), false, max_bytes)
                            }
                            Ok(_) => Box::new(std::iter::empty()),
                            Err(err) => {
                                let name = err.path().map_or_else(
                                    || "<walk>".to_string(),
                                    |x| x.display().to_string(),
                                );
                                Box::new(std::iter::once(Err((name, err.to_string()))))
                            }
                        }
                    },
                ))
            } else {
                file_jobs(p, true, max_bytes)
            }
        },
    )
}

fn file_jobs(
    path: PathBuf,
    explicit: bool,
    max_bytes: usize,
) -> Box<dyn Iterator<Item = Result<Job, Failure>> + Send> {
    let name = path.display().to_string();
    let Some((kind, gz)) = kind_of(&path, explicit) else {
        return Box::new(std::iter::empty());
    };
    let reader = match open(&path, gz) {
        Ok(r) => r,
        Err(e) => return Box::new(std::iter::once(Err((name, e.to_string())))),
    };
    match kind {
        Kind::Page => Box::new(std::iter::once(
            read_limited(reader, max_bytes)
                .map(|data| Job {
                    key: name.clone(),
                    name: name.clone(),
                    url: None,
                    data,
                })
                .map_err(|e| (name, e.to_string())),
        )),
        Kind::JsonLines => Box::new(json_lines(name, reader)),
        Kind::Warc => Box::new(warc_records(name, reader, max_bytes)),
    }
}

#[derive(serde::Deserialize)]
struct JsonPage {
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

fn json_lines(
    name: String,
    reader: Box<dyn BufRead + Send>,
) -> impl Iterator<Item = Result<Job, Failure>> + Send {
    reader.lines().enumerate().filter_map(move |(i, line)| {
        let at = format!("{name}:{}", i + 1);
        let line = match line {
            Ok(l) if l.trim().is_empty() => return None,
            Ok(l) => l,
            Err(e) => return Some(Err((at, e.to_string()))),
        };
        Some(match serde_json::from_str::<JsonPage>(&line) {
            Ok(JsonPage { url, html, text }) => match html.or(text) {
                Some(body) => Ok(Job {
                    key: url.clone().unwrap_or_else(|| at.clone()),
                    name: at,
                    url,
                    data: body.into_bytes(),
                }),
                None => Err((at, "no \"html\" or \"text\" field".into())),
            },
            Err(e) => Err((at, format!("not a JSON object with url/html: {e}"))),
        })
    })
}

/// The payload of an HTTP response (headers stripped), if it is HTML or text.
fn http_payload(body: &[u8]) -> Option<&[u8]> {
    let split = body
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| {
            body.windows(2)
                .position(|w| w == b"\n\n")
                .map(|i| (i, i + 2))
        })?;
    let headers = String::from_utf8_lossy(&body[..split.0]).to_ascii_lowercase();
    let content_type = headers
        .lines()
        .find_map(|l| l.strip_prefix("content-type:"))
        .unwrap_or("text/html");
    let textual = content_type.contains("html")
        || content_type.contains("text/plain")
        || content_type.contains("xml");
    let encoded = headers
        .lines()
        .any(|l| l.starts_with("content-encoding:") && !l.contains("identity"));
    (textual && !encoded).then(|| &body[split.1..])
}

fn warc_records(
    name: String,
    reader: Box<dyn BufRead + Send>,
    max_bytes: usize,
) -> impl Iterator<Item = Result<Job, Failure>> + Send {
    let records = warc::WarcReader::new(reader).iter_records();
    records.enumerate().filter_map(move |(i, r)| {
        let at = format!("{name}#{}", i + 1);
        let record = match r {
            Ok(r) => r,
            Err(e) => return Some(Err((at, format!("bad WARC record: {e}")))),
        };
        if record.warc_type() != &warc::RecordType::Response {
            return None;
        }
        let url = record
            .header(warc::WarcHeader::TargetURI)
            .map(|u| u.trim().to_string());
        let body = record.body();
        if body.len() > max_bytes {
            return Some(Err((
                at,
                format!(
                    "{} bytes is over the limit of {max_bytes} bytes",
                    body.len()
                ),
            )));
        }
        let payload = http_payload(body)?;
        Some(Ok(Job {
            key: url.clone().unwrap_or_else(|| at.clone()),
            name: url.clone().unwrap_or(at),
            url,
            data: payload.to_vec(),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn collect(paths: Vec<PathBuf>) -> (Vec<Job>, Vec<Failure>) {
        let mut ok = Vec::new();
        let mut bad = Vec::new();
        for j in jobs(paths, 1 << 20) {
            match j {
                Ok(j) => ok.push(j),
                Err(f) => bad.push(f),
            }
        }
        (ok, bad)
    }

    #[test]
    fn folders_gzip_jsonl_and_warc() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.html"), "<p>a</p>").unwrap();
        std::fs::write(d.join("notes.md"), "skipped").unwrap();
        let mut gz = flate2::write::GzEncoder::new(
            File::create(d.join("b.htm.gz")).unwrap(),
            flate2::Compression::fast(),
        );
        gz.write_all(b"<p>b</p>").unwrap();
        gz.finish().unwrap();
        std::fs::write(d.join("c.jsonl"), "{\"url\": \"https://c.example/p\", \"html\": \"<p>c</p>\"}\n\n{\"text\": \"plain\"}\nnot json\n").unwrap();
        let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>w</p>";
        let img = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{89}PNG";
        let mut warc = String::new();
        for (t, uri, b) in [
            ("warcinfo", "", "software: test"),
            ("response", "https://w.example/privacy", body),
            ("response", "https://w.example/logo.png", img),
        ] {
            warc.push_str(&format!(
                "WARC/1.0\r\nWARC-Type: {t}\r\nWARC-Record-ID: <urn:uuid:{:08}-0000-0000-0000-000000000000>\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n{}Content-Length: {}\r\n\r\n{b}\r\n\r\n",
                warc.len(),
                if uri.is_empty() { String::new() } else { format!("WARC-Target-URI: {uri}\r\n") },
                b.len()
            ));
        }
        std::fs::write(d.join("d.warc"), warc).unwrap();
        let (ok, bad) = collect(vec![d.to_path_buf()]);
        let keys: Vec<&str> = ok.iter().map(|j| j.key.as_str()).collect();
        assert_eq!(keys.len(), 5, "{keys:?}");
        assert!(keys[0].ends_with("a.html"));
        assert_eq!(ok[1].data, b"<p>b</p>");
        assert_eq!(keys[2], "https://c.example/p");
        assert!(keys[3].ends_with("c.jsonl:3"));
        assert_eq!(ok[4].url.as_deref(), Some("https://w.example/privacy"));
        assert_eq!(ok[4].data, b"<p>w</p>");
        assert_eq!(bad.len(), 1);
        assert!(bad[0].0.ends_with("c.jsonl:4"));
    }
}
