//! Time each stage of the pipeline over the files of a folder (one thread).
//! `cargo run --profile profiling --example stages -- DIR [LIMIT]`
use std::time::{Duration, Instant};

use polidex::data::reference;
use polidex::extract::{contacts, controller, date, processors, rights, transfers, Context};
use polidex::{lang, pipeline, sections, Limits};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: stages DIR [LIMIT]");
    let limit: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    files.truncate(limit);
    let r = reference().unwrap();
    lang::warm_up();
    let mut t: Vec<(&str, Duration)> = [
        "parse",
        "detect",
        "outline",
        "context",
        "contacts",
        "controller",
        "processors",
        "rights",
        "transfers",
        "date",
        "record",
    ]
    .iter()
    .map(|n| (*n, Duration::ZERO))
    .collect();
    let mut n = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let mut clock = Instant::now();
        let mut lap = |i: usize, t: &mut Vec<(&str, Duration)>| {
            let now = Instant::now();
            t[i].1 += now - clock;
            clock = now;
        };
        let Ok(doc) = pipeline::parse_bytes(&bytes, &Limits::default()) else {
            continue;
        };
        lap(0, &mut t);
        let d = lang::detect(&doc.blocks, doc.declared_language.as_deref());
        lap(1, &mut t);
        let codes: Vec<String> = d.languages.iter().map(|l| l.code.clone()).collect();
        let rules = r.rules(&codes);
        let outline = sections::outline(&doc.blocks, &d.blocks, d.language.as_deref(), &rules);
        lap(2, &mut t);
        let cx = Context::new(&doc, None, r, rules, &outline, d.language.as_deref());
        lap(3, &mut t);
        std::hint::black_box(contacts::extract(&cx));
        lap(4, &mut t);
        std::hint::black_box(controller::extract(&cx));
        lap(5, &mut t);
        std::hint::black_box(processors::extract(&cx));
        lap(6, &mut t);
        std::hint::black_box(rights::extract(&cx));
        lap(7, &mut t);
        std::hint::black_box(transfers::extract(&cx));
        lap(8, &mut t);
        std::hint::black_box(date::extract(&cx));
        lap(9, &mut t);
        std::hint::black_box(pipeline::build(&doc, None).unwrap().to_json());
        lap(10, &mut t);
        n += 1;
    }
    let total: Duration = t.iter().map(|x| x.1).sum::<Duration>() - t[10].1;
    println!("{n} documents; per document:");
    for (name, d) in &t {
        println!(
            "  {name:<11} {:>8.3} ms",
            d.as_secs_f64() * 1000.0 / n as f64
        );
    }
    println!(
        "  total      {:>8.3} ms (without 'record', which reruns everything)",
        total.as_secs_f64() * 1000.0 / n as f64
    );
}
