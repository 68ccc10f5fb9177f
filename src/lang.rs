//! Language identification: the script of each block settles the language where only one
//! language uses it (Hangul, Kana, Thai, Greek, Bengali, Tamil, ...); lingua decides between the
//! languages of shared scripts (Latin, Cyrillic, Arabic, Devanagari) on bounded samples, so the
//! cost per document is bounded however long the document is. Before lingua, a vote of the
//! lexicons' policy phrases narrows its candidates, and when one language's phrases are far
//! ahead (a German policy is full of German policy phrases) the vote decides alone.
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use lingua::{IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder};
use unicode_script::{Script, UnicodeScript};

use crate::document::Block;
use crate::normalize::fold;
use crate::phrases::PhraseSet;
use crate::record::LanguageShare;

/// At most this many samples of shared-script text go to lingua per document.
const MAX_SAMPLES: usize = 2;
/// Characters per sample.
const SAMPLE_CHARS: usize = 200;
/// Characters of a script's text read by the vocabulary vote.
const VOTE_CHARS: usize = 2000;
/// A vote with fewer phrase hits than this is too weak to narrow lingua's candidates.
const MIN_VOTES: usize = 4;
/// Languages whose vote reaches this share of the leader's stay candidates.
const VOTE_SHARE: f64 = 0.25;
/// A vote this strong (hits, and times the runner-up) decides without lingua.
const DECISIVE_VOTES: usize = 12;
const DECISIVE_LEAD: usize = 4;
/// Letters below which a chunk is too short to identify on its own.
const MIN_LETTERS: usize = 24;
/// Languages with less than this share of the letters are not listed.
const MIN_SHARE: f64 = 0.05;

static DETECTOR: LazyLock<Arc<LanguageDetector>> = LazyLock::new(|| {
    Arc::new(
        LanguageDetectorBuilder::from_all_languages()
            .with_low_accuracy_mode()
            .build(),
    )
});

/// Detectors restricted to a few candidate languages, cached per set (lingua shares the
/// language models between detectors, so each costs little).
static NARROW: LazyLock<Mutex<HashMap<Vec<Language>, Arc<LanguageDetector>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The policy vocabularies of every lexicon language in one matcher: a cheap vote that narrows
/// lingua's candidates (a German policy is full of German policy phrases).
static VOTER: LazyLock<PhraseSet<u16>> = LazyLock::new(|| {
    let Ok(r) = crate::data::reference() else {
        return PhraseSet::new(Vec::<(&str, u16)>::new());
    };
    let mut items: Vec<(&str, u16)> = Vec::new();
    for (i, lex) in r.lexicons.values().enumerate() {
        let lists = lex
            .topics
            .iter()
            .map(|(_, v)| v)
            .chain(lex.rights.iter().map(|(_, v)| v))
            .chain(lex.cues.iter().map(|(_, v)| v));
        items.extend(
            lists
                .flatten()
                .filter(|p| p.chars().count() >= 5)
                .map(|p| (p.as_str(), i as u16)),
        );
    }
    // a phrase of several languages (Urdu and Shahmukhi Punjabi share many) tells none of them
    // apart: it would vote for whichever came first, so it does not vote
    let mut owners: HashMap<String, (u16, bool)> = HashMap::new();
    for (p, i) in &items {
        let e = owners.entry(fold(p)).or_insert((*i, false));
        e.1 |= e.0 != *i;
    }
    items.retain(|(p, _)| owners.get(&fold(p)).is_some_and(|(_, shared)| !shared));
    PhraseSet::leftmost_longest(items)
});

fn lexicon_codes() -> Vec<String> {
    crate::data::reference()
        .map(|r| r.lexicons.keys().cloned().collect())
        .unwrap_or_default()
}

static LEXICON_CODES: LazyLock<Vec<String>> = LazyLock::new(lexicon_codes);

/// Make sure the detectors and the vote are built (e.g. before timing, or once per worker).
pub fn warm_up() {
    LazyLock::force(&DETECTOR);
    LazyLock::force(&VOTER);
}

/// The lingua language for an ISO 639-1 code ("no" is Bokmål), if lingua knows it.
fn lingua_language(code: &str) -> Option<Language> {
    let code = if code == "no" { "nb" } else { code };
    let iso: IsoCode639_1 = code.parse().ok()?;
    Some(Language::from_iso_code_639_1(&iso))
}

/// What the vocabulary vote says about the text of one shared script.
struct Narrowed {
    detector: Arc<LanguageDetector>,
    /// the vote alone decides (strong and far ahead): its leader, and lingua is not asked
    decisive: Option<String>,
    /// the answer when lingua has none (its model may not cover the language in this script,
    /// as Punjabi in Shahmukhi): the declared language if the vote backs it, else the leader
    fallback: Option<String>,
}

/// A detector for the text of one shared script: narrowed to the languages the vocabulary vote
/// and the page's declaration name, or the full one when the vote is weak.
fn detector_for(text: &str, declared: Option<&str>, latin: bool) -> Narrowed {
    let sample = fold(truncate_chars(text, VOTE_CHARS));
    let mut votes: HashMap<u16, usize> = HashMap::new();
    for h in VOTER.find_all(&sample) {
        *votes.entry(h.payload).or_insert(0) += 1;
    }
    let top = votes.values().copied().max().unwrap_or(0);
    let full = || Narrowed {
        detector: DETECTOR.clone(),
        decisive: None,
        fallback: None,
    };
    if top < MIN_VOTES {
        return full();
    }
    let code_of = |i: u16| LEXICON_CODES.get(i as usize).cloned();
    let backed = |code: &str| {
        votes.iter().any(|(&i, &n)| {
            n as f64 >= VOTE_SHARE * top as f64 && code_of(i).as_deref() == Some(code)
        })
    };
    let fallback = declared
        .filter(|d| backed(d))
        .map(str::to_string)
        .or_else(|| {
            votes
                .iter()
                .max_by_key(|(&i, &n)| (n, std::cmp::Reverse(i)))
                .and_then(|(&i, _)| code_of(i))
        });
    let mut ranked: Vec<usize> = votes.values().copied().collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let decisive = (top >= DECISIVE_VOTES
        && ranked
            .get(1)
            .is_none_or(|&second| second * DECISIVE_LEAD <= top))
    .then(|| {
        votes
            .iter()
            .max_by_key(|(&i, &n)| (n, std::cmp::Reverse(i)))
            .and_then(|(&i, _)| code_of(i))
    })
    .flatten();
    let mut langs: Vec<Language> = votes
        .iter()
        .filter(|(_, &n)| n as f64 >= VOTE_SHARE * top as f64)
        .filter_map(|(&i, _)| {
            LEXICON_CODES
                .get(i as usize)
                .and_then(|c| lingua_language(c))
        })
        .collect();
    langs.extend(declared.and_then(lingua_language));
    if latin {
        langs.push(Language::English);
    }
    langs.sort();
    langs.dedup();
    if langs.len() < 2 {
        // lingua needs two candidates; a single one is the answer's only rival to itself
        langs.push(if langs.first() == Some(&Language::English) {
            Language::German
        } else {
            Language::English
        });
        langs.sort();
    }
    let Ok(mut cache) = NARROW.lock() else {
        return full();
    };
    let detector = cache
        .entry(langs.clone())
        .or_insert_with(|| {
            Arc::new(
                LanguageDetectorBuilder::from_languages(&langs)
                    .with_low_accuracy_mode()
                    .build(),
            )
        })
        .clone();
    Narrowed {
        detector,
        decisive,
        fallback,
    }
}

/// The result of detection for one document.
#[derive(Debug, Clone, Default)]
pub struct Detection {
    pub language: Option<String>,
    pub languages: Vec<LanguageShare>,
    /// the language of each block (None for blocks without letters)
    pub blocks: Vec<Option<String>>,
}

/// A script class that decides the language alone, or needs the detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Fixed(&'static str),
    Shared(Script),
    Han,
    None,
}

fn fixed_language(s: Script) -> Option<&'static str> {
    Some(match s {
        Script::Hangul => "ko",
        Script::Hiragana | Script::Katakana => "ja",
        Script::Thai => "th",
        Script::Georgian => "ka",
        Script::Armenian => "hy",
        Script::Ethiopic => "am",
        Script::Greek => "el",
        Script::Hebrew => "he",
        Script::Gujarati => "gu",
        Script::Gurmukhi => "pa",
        Script::Tamil => "ta",
        Script::Telugu => "te",
        Script::Kannada => "kn",
        Script::Malayalam => "ml",
        Script::Oriya => "or",
        Script::Sinhala => "si",
        Script::Khmer => "km",
        Script::Lao => "lo",
        Script::Myanmar => "my",
        Script::Tibetan => "bo",
        Script::Bengali => "bn",
        Script::Mongolian => "mn",
        _ => return None,
    })
}

/// The dominant script class of a text, its letter count, and whether it contains kana.
fn classify(text: &str) -> (Class, usize, bool) {
    let mut counts: Vec<(Script, usize)> = Vec::with_capacity(4);
    let mut letters = 0;
    let mut kana = 0;
    for c in text.chars() {
        let s = if c.is_ascii() {
            if !c.is_ascii_alphabetic() {
                continue;
            }
            Script::Latin
        } else if !c.is_alphabetic() {
            continue;
        } else {
            c.script()
        };
        if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        letters += 1;
        if matches!(s, Script::Hiragana | Script::Katakana) {
            kana += 1;
        }
        match counts.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    let Some(&(top, _)) = counts.iter().max_by_key(|(_, n)| *n) else {
        return (Class::None, 0, false);
    };
    let has_kana = kana * 20 >= letters.max(1) && kana > 0;
    let class = if has_kana {
        Class::Fixed("ja")
    } else if top == Script::Han {
        if counts
            .iter()
            .any(|&(s, n)| s == Script::Hangul && n * 5 >= letters)
        {
            Class::Fixed("ko")
        } else {
            Class::Han
        }
    } else if let Some(l) = fixed_language(top) {
        Class::Fixed(l)
    } else {
        Class::Shared(top)
    };
    (class, letters, has_kana)
}

fn lingua_code(l: lingua::Language) -> String {
    let code = l.iso_code_639_1().to_string();
    match code.as_str() {
        "nb" | "nn" => "no".to_string(),
        _ => code,
    }
}

fn truncate_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Detect the language of each block and of the document; `declared` is the language the page
/// declares, a hint that is checked, never trusted alone.
pub fn detect(blocks: &[Block], declared: Option<&str>) -> Detection {
    let classes: Vec<(Class, usize, bool)> = blocks.iter().map(|b| classify(&b.text)).collect();
    let doc_has_kana = classes.iter().any(|c| c.2);

    // chunks: runs of consecutive blocks of one shared script, up to ~SAMPLE_CHARS letters each
    struct Chunk {
        script: Script,
        blocks: Vec<usize>,
        letters: usize,
        lang: Option<String>,
    }
    let mut chunks: Vec<Chunk> = Vec::new();
    for (i, (class, letters, _)) in classes.iter().enumerate() {
        if let Class::Shared(s) = class {
            match chunks.last_mut() {
                Some(c)
                    if c.script == *s
                        && c.letters < SAMPLE_CHARS
                        && c.blocks.last() == Some(&(i - 1)) =>
                {
                    c.blocks.push(i);
                    c.letters += letters;
                }
                _ => chunks.push(Chunk {
                    script: *s,
                    blocks: vec![i],
                    letters: *letters,
                    lang: None,
                }),
            }
        }
    }
    // evenly spaced samples among the chunks long enough to identify
    let candidates: Vec<usize> = (0..chunks.len())
        .filter(|&i| chunks[i].letters >= MIN_LETTERS)
        .collect();
    let picked: Vec<usize> = if candidates.len() <= MAX_SAMPLES {
        candidates
    } else {
        (0..MAX_SAMPLES)
            .map(|k| candidates[k * candidates.len() / MAX_SAMPLES])
            .collect()
    };
    // one narrowed detector per shared script; a decisive vote needs no sample at all
    let mut detectors: Vec<(Script, Narrowed)> = Vec::new();
    for &ci in &picked {
        let script = chunks[ci].script;
        if !detectors.iter().any(|(s, _)| *s == script) {
            let mut text = String::new();
            for c in chunks.iter().filter(|c| c.script == script) {
                for &bi in &c.blocks {
                    text.push_str(&blocks[bi].text);
                    text.push(' ');
                }
                if text.len() > VOTE_CHARS * 2 {
                    break;
                }
            }
            detectors.push((
                script,
                detector_for(&text, declared, script == Script::Latin),
            ));
        }
    }
    let mut sampled: Vec<Script> = Vec::new();
    for &ci in &picked {
        let script = chunks[ci].script;
        let narrowed = detectors.iter().find(|(s, _)| *s == script).map(|(_, n)| n);
        if sampled.contains(&script) && narrowed.is_some_and(|n| n.decisive.is_some()) {
            continue;
        }
        sampled.push(script);
        // a policy full of one language's policy phrases, far ahead of any other, is in it
        if let Some(winner) = narrowed.and_then(|n| n.decisive.clone()) {
            chunks[ci].lang = Some(winner);
            continue;
        }
        let mut sample = String::new();
        for &bi in &chunks[ci].blocks {
            sample.push_str(&blocks[bi].text);
            sample.push(' ');
        }
        let sample = truncate_chars(&sample, SAMPLE_CHARS);
        let detector = narrowed.map_or_else(|| DETECTOR.clone(), |n| n.detector.clone());
        chunks[ci].lang = detector
            .detect_language_of(sample)
            .map(lingua_code)
            .or_else(|| narrowed.and_then(|n| n.fallback.clone()));
    }
    // the others take the language of the nearest identified chunk of the same script
    let known: Vec<(usize, Script, String)> = chunks
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.lang.clone().map(|l| (i, c.script, l)))
        .collect();
    for (i, c) in chunks.iter_mut().enumerate() {
        if c.lang.is_none() {
            c.lang = known
                .iter()
                .filter(|(_, s, _)| *s == c.script)
                .min_by_key(|(k, _, _)| k.abs_diff(i))
                .map(|(_, _, l)| l.clone());
        }
    }
    let mut block_langs: Vec<Option<String>> = classes
        .iter()
        .map(|(class, _, _)| match class {
            Class::Fixed(l) => Some((*l).to_string()),
            Class::Han => Some(if doc_has_kana { "ja" } else { "zh" }.to_string()),
            _ => None,
        })
        .collect();
    for c in &chunks {
        for &bi in &c.blocks {
            block_langs[bi] = c.lang.clone();
        }
    }

    // shares by letters
    let mut totals: Vec<(String, usize)> = Vec::new();
    let mut all = 0;
    for (lang, (_, letters, _)) in block_langs.iter().zip(&classes) {
        if let Some(l) = lang {
            all += letters;
            match totals.iter_mut().find(|(x, _)| x == l) {
                Some((_, n)) => *n += letters,
                None => totals.push((l.clone(), *letters)),
            }
        }
    }
    totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let kept: Vec<(String, usize)> = totals
        .iter()
        .filter(|(_, n)| *n as f64 >= MIN_SHARE * all as f64)
        .cloned()
        .collect();
    let kept_sum: usize = kept.iter().map(|(_, n)| n).sum();
    let languages = kept
        .iter()
        .map(|(code, n)| LanguageShare {
            code: code.clone(),
            share: ((*n as f64 / kept_sum.max(1) as f64) * 1000.0).round() / 1000.0,
        })
        .collect::<Vec<_>>();
    Detection {
        language: languages.first().map(|l| l.code.clone()),
        languages,
        blocks: block_langs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    fn detect_plain(b: &[Block]) -> Detection {
        detect(b, None)
    }

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
                links: vec![],
            })
            .collect()
    }

    #[test]
    fn scripts_settle_unique_languages() {
        let d = detect_plain(&blocks(&[
            "개인정보 처리방침은 다음과 같습니다",
            "ข้อมูลส่วนบุคคลของคุณ",
            "我们收集的个人信息",
        ]));
        assert_eq!(
            d.blocks,
            vec![Some("ko".into()), Some("th".into()), Some("zh".into())]
        );
    }

    #[test]
    fn japanese_han_blocks_follow_the_document() {
        let d = detect_plain(&blocks(&[
            "個人情報保護方針",
            "当社は、お客様の個人情報を適切に取り扱います。",
        ]));
        assert_eq!(d.language.as_deref(), Some("ja"));
        assert_eq!(d.blocks[0].as_deref(), Some("ja"));
    }

    #[test]
    fn mixed_hindi_english_shares() {
        let d = detect_plain(&blocks(&[
            "हम आपकी व्यक्तिगत जानकारी की सुरक्षा को गंभीरता से लेते हैं और इसे केवल आवश्यक उद्देश्यों के लिए उपयोग करते हैं।",
            "हम आपकी सहमति के बिना आपकी जानकारी किसी तीसरे पक्ष को नहीं बेचते हैं। आप कभी भी अपनी जानकारी हटाने का अनुरोध कर सकते हैं।",
            "This section is written in English because the calendar integration is provided by a third party.",
        ]));
        assert_eq!(d.language.as_deref(), Some("hi"));
        let codes: Vec<_> = d.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, vec!["hi", "en"]);
        let sum: f64 = d.languages.iter().map(|l| l.share).sum();
        assert!((sum - 1.0).abs() < 0.01);
    }

    #[test]
    fn shared_scripts_go_to_lingua() {
        let d = detect_plain(&blocks(&["Wir verarbeiten Ihre personenbezogenen Daten nur im Rahmen der gesetzlichen Bestimmungen."]));
        assert_eq!(d.language.as_deref(), Some("de"));
        let d = detect_plain(&blocks(&[
            "ہم آپ کی ذاتی معلومات فروخت نہیں کرتے ہیں اور صرف ضروری ڈیٹا کا اشتراک کرتے ہیں۔",
        ]));
        assert_eq!(d.language.as_deref(), Some("ur"));
    }

    #[test]
    fn punjabi_in_shahmukhi_is_punjabi_where_the_page_declares_it() {
        // lingua models Punjabi in Gurmukhi only; the vote and the declaration settle Shahmukhi
        let text = [
            "ایہہ پالیسی دسدی اے کہ اسیں تہاڈا ڈیٹا کیویں ورتدے آں تے کنی دیر رکھدے آں۔",
            "تہاڈے کول اپنے ڈیٹا تک رسائی دا حق اے، تے تسیں ڈیٹا مٹاؤن دا حق وی رکھدے او۔",
            "جے تہانوں کوئی شکایت ہووے تے ساڈے نال رابطہ کرو؛ اسیں تہاڈی معلومات کسے تیجی دھر نوں نئیں ویچدے۔",
        ];
        let d = detect(&blocks(&text), Some("pa"));
        assert_eq!(d.language.as_deref(), Some("pa"));
        // the same declaration on an Urdu page is not believed
        let urdu = [
            "ہم آپ کی ذاتی معلومات فروخت نہیں کرتے ہیں اور صرف ضروری ڈیٹا کا اشتراک کرتے ہیں۔",
            "آپ کو اپنے ڈیٹا تک رسائی، اس کی درستگی اور اسے حذف کرنے کا حق حاصل ہے۔",
        ];
        assert_eq!(
            detect(&blocks(&urdu), Some("pa")).language.as_deref(),
            Some("ur")
        );
    }
}
