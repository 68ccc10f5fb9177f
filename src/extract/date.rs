//! The effective / "last updated" date: a date next to an `effective` cue of the document's
//! languages. Dates are read in every covered language: ISO and CJK forms (2024-10-08,
//! 2024年10月8日, 2024년 10월 8일), numeric forms in the order the language implies
//! (08.10.2024, 10/8/2024 in English), and month names from CLDR (8 octobre 2024, October 8, 2024,
//! 8 अक्टूबर 2025), with digits of every script. When several are stated, the latest wins.
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::data::Cue;

/// How far around a cue (bytes of folded text) a date may stand.
const BEFORE: usize = 48;
const AFTER: usize = 120;

static YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*(?:[-/.年년]|\.\s)\s*(\d{1,2})\s*(?:[-/.月월]|\.\s)\s*(\d{1,2})(?:\s*[日일])?(?:\D|$)").expect("valid regex")
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(\d{1,2})\s*([./-])\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})(?:\D|$)")
        .expect("valid regex")
});
static DAY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(\d{1,2})(?:\.|st|nd|rd|th|er|º|ª)?\s*(?:de\s+|of\s+|le\s+)?$")
        .expect("valid regex")
});
static AFTER_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{L}\p{M}]*\.?\s*(?:(\d{1,2})(?:st|nd|rd|th|\.)?\s*,?\s*)?(?:de\s+|del\s+|of\s+|,\s*)?(?:tahun\s+|năm\s+)?(\d{4})").expect("valid regex")
});
static YEAR_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\.?\s*(?:\S{0,3}\s*)?$").expect("valid regex"));
static DAY_AFTER_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{M}]*\.?\s*(\d{1,2})\b").expect("valid regex"));

fn valid(y: i32, m: u32, d: u32) -> Option<String> {
    if !(1990..=2040).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][m as usize - 1];
    (d <= days).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// All dates in a folded window, with their byte offsets.
fn dates_in(window: &str, cx: &Context, month_first: bool) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for c in YMD.captures_iter(window) {
        let (y, m, d) = (
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        );
        if let (Some(s), Some(v)) = (c.get(0), valid(y, m, d)) {
            out.push((s.start(), v));
        }
    }
    for c in DMY.captures_iter(window) {
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        let mut y: i32 = c[4].parse().unwrap_or(0);
        if y < 100 {
            y += 2000;
        }
        let slash = &c[2] == "/";
        // the language's order (month first in English) unless the first number cannot be a month
        let (m, d) = if month_first && slash && a <= 12 && b > 0 {
            (a, b)
        } else {
            (b, a)
        };
        if let (Some(s), Some(v)) = (c.get(1), valid(y, m, d)) {
            out.push((s.start(), v));
        }
    }
    for h in cx.rules.months.find_all(window) {
        let month = h.payload as u32;
        let before = &window[..h.start];
        let after = &window[h.end..];
        if let Some(a) = AFTER_MONTH.captures(after) {
            let year: i32 = a[2].parse().unwrap_or(0);
            let day = DAY_BEFORE
                .captures(before)
                .and_then(|d| d[1].parse().ok())
                .or_else(|| a.get(1).and_then(|d| d.as_str().parse().ok()))
                .unwrap_or(1);
            if let Some(v) = valid(year, month, day) {
                out.push((h.start, v));
                continue;
            }
        }
        // year first: "2024. október 8.", "2024 m. spalio 8 d."
        if let Some(y) = YEAR_BEFORE.captures(before) {
            let day = DAY_AFTER_MONTH
                .captures(after)
                .and_then(|d| d[1].parse().ok())
                .unwrap_or(1);
            if let Some(v) = valid(y[1].parse().unwrap_or(0), month, day) {
                out.push((h.start, v));
            }
        }
    }
    out
}

pub fn extract(cx: &Context) -> Option<String> {
    let month_first = cx.language == Some("en");
    let mut best: Option<String> = None;
    for (i, b) in cx.blocks.iter().enumerate() {
        for cue in b.cues.iter().filter(|c| c.payload == Cue::Effective) {
            let f = &b.folded.folded;
            let lo = crate::normalize::floor_char(f, cue.start.saturating_sub(BEFORE));
            let hi = crate::normalize::floor_char(f, (cue.end + AFTER).min(f.len()));
            let mut window = f[lo..hi].to_string();
            // "Last updated" as a heading or a line of its own: the date is in the next block
            if cue.end + 4 >= f.len() {
                if let Some(next) = cx.blocks.get(i + 1) {
                    window.push(' ');
                    window.push_str(
                        &next.folded.folded
                            [..crate::normalize::floor_char(&next.folded.folded, AFTER)],
                    );
                }
            }
            // the date nearest to the cue
            let cue_at = cue.start - lo;
            let found = dates_in(&window, cx, month_first)
                .into_iter()
                .min_by_key(|(pos, _)| {
                    if *pos >= cue_at {
                        *pos - cue_at
                    } else {
                        (cue_at - *pos) * 2
                    }
                });
            if let Some((_, d)) = found {
                if best.as_ref().is_none_or(|b| d > *b) {
                    best = Some(d);
                }
            }
        }
    }
    best
}
