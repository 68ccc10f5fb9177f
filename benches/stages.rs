//! Criterion benchmarks per stage (parse, detect, extract, index) on the pages shipped in
//! data/samples — the same fixtures the tests use. `cargo bench --bench stages`.
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polidex::data::reference;
use polidex::extract::{run_all, Context};
use polidex::{lang, pipeline, sections, Limits};

fn fixtures() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("html" | "txt")));
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn stages(c: &mut Criterion) {
    let pages = fixtures();
    let bytes: u64 = pages.iter().map(|p| p.len() as u64).sum();
    let limits = Limits::default();
    let r = reference().unwrap();
    lang::warm_up();
    let docs: Vec<_> = pages
        .iter()
        .map(|p| pipeline::parse_bytes(p, &limits).unwrap())
        .collect();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("parse", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(pipeline::parse_bytes(p, &limits).unwrap());
            }
        })
    });
    g.bench_function("detect", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(lang::detect(&d.blocks, d.declared_language.as_deref()));
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for d in &docs {
                let det = lang::detect(&d.blocks, d.declared_language.as_deref());
                let codes: Vec<String> = det.languages.iter().map(|l| l.code.clone()).collect();
                let rules = r.rules(&codes);
                let outline =
                    sections::outline(&d.blocks, &det.blocks, det.language.as_deref(), &rules);
                let cx = Context::new(d, None, r, rules, &outline, det.language.as_deref());
                black_box(run_all(&cx));
            }
        })
    });
    g.bench_function("pipeline", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(polidex::extract(p, None).unwrap());
            }
        })
    });
    let policies: Vec<_> = pages
        .iter()
        .map(|p| polidex::extract(p, None).unwrap())
        .collect();
    g.bench_function("index", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let corpus = polidex::corpus::Corpus::open(dir.path()).unwrap();
                for (i, p) in policies.iter().enumerate() {
                    corpus.add(p, Some(&format!("k{i}"))).unwrap();
                }
                corpus.commit().unwrap();
            },
        )
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
