//! The corpus: tokenization in every script, filters, replace-by-key, aggregation, errors.
use polidex::corpus::{Corpus, Filters};
use polidex::{extract, extract_str};

fn page(title: &str, lang: &str, body: &str) -> String {
    format!("<html lang=\"{lang}\"><head><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>")
}

fn corpus_with_pages() -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    let c = Corpus::open(dir.path()).unwrap();
    let pages = [
        ("https://a.example/hi", page("गोपनीयता नीति", "hi", "<p>हम आपकी व्यक्तिगत जानकारी की सुरक्षा करते हैं। भुगतान के लिए हम स्ट्राइप (Stripe) का उपयोग करते हैं।</p><p>आपकी ज़रूरी जानकारी केवल सेवा देने के लिए उपयोग की जाती है।</p>")),
        ("https://b.example/bn", page("গোপনীয়তা নীতি", "bn", "<p>আমরা আপনার ব্যক্তিগত তথ্য সুরক্ষিত রাখি। বিশ্লেষণের জন্য আমরা গুগল অ্যানালিটিক্স ব্যবহার করি।</p>")),
        ("https://c.example/zh", page("隐私政策", "zh", "<p>我们非常重视您的个人信息保护。我们使用腾讯云存储您的数据。</p>")),
        ("https://d.example/en", page("Privacy Policy", "en", "<p>We use Stripe to process payments and OpenAI to answer support questions. Data may be transferred to the United States under standard contractual clauses.</p><p>You have the right to data portability.</p>")),
    ];
    for (url, html) in &pages {
        c.add(&extract(html.as_bytes(), Some(url)).unwrap(), None)
            .unwrap();
    }
    c.commit().unwrap();
    (dir, c)
}

fn urls(c: &Corpus, q: &str, f: &Filters) -> Vec<String> {
    let mut v: Vec<String> = c
        .search(q, f, 10)
        .unwrap()
        .into_iter()
        .filter_map(|h| h.url)
        .collect();
    v.sort();
    v
}

#[test]
fn words_of_every_script_are_found() {
    let (_d, c) = corpus_with_pages();
    let any = Filters::default();
    assert_eq!(urls(&c, "व्यक्तिगत", &any), ["https://a.example/hi"]);
    assert_eq!(urls(&c, "ज़रूरी", &any), ["https://a.example/hi"]);
    assert_eq!(urls(&c, "ব্যক্তিগত", &any), ["https://b.example/bn"]);
    assert_eq!(urls(&c, "个人信息", &any), ["https://c.example/zh"]);
    assert_eq!(
        urls(&c, "STRIPE", &any),
        ["https://a.example/hi", "https://d.example/en"]
    );
    // a fragment of a Devanagari word is not a word
    assert!(urls(&c, "यक", &any).is_empty());
    assert!(urls(&c, "तिगत", &any).is_empty());
}

#[test]
fn filters_and_aggregation() {
    let (_d, c) = corpus_with_pages();
    let f = Filters {
        processor: Some("stripe".into()),
        ..Default::default()
    };
    assert_eq!(
        urls(&c, "", &f),
        ["https://a.example/hi", "https://d.example/en"]
    );
    let f = Filters {
        processor: Some("स्ट्राइप".into()),
        ..Default::default()
    };
    assert_eq!(urls(&c, "", &f), ["https://a.example/hi"]);
    let f = Filters {
        language: Some("bn".into()),
        ..Default::default()
    };
    assert_eq!(urls(&c, "", &f), ["https://b.example/bn"]);
    let f = Filters {
        transfer_country: Some("us".into()),
        right: Some("portability".into()),
        ..Default::default()
    };
    assert_eq!(urls(&c, "", &f), ["https://d.example/en"]);
    let all = c.processors(&Filters::default(), None).unwrap();
    assert_eq!(all.first(), Some(&("Stripe".to_string(), 2)));
    let orgs: Vec<&str> = all.iter().map(|(o, _)| o.as_str()).collect();
    for o in ["Google", "Tencent", "OpenAI"] {
        assert!(orgs.contains(&o), "{o} missing from {orgs:?}");
    }
    let hi = c
        .processors(
            &Filters {
                language: Some("hi".into()),
                ..Default::default()
            },
            None,
        )
        .unwrap();
    assert_eq!(hi, vec![("Stripe".to_string(), 1)]);
}

#[test]
fn same_url_replaces_and_reopen_keeps_documents() {
    let dir = tempfile::tempdir().unwrap();
    {
        let c = Corpus::open(dir.path()).unwrap();
        c.add(
            &extract_str(
                "Privacy Policy\n\nWe use Mailchimp for newsletters.",
                Some("https://x.example/p"),
            )
            .unwrap(),
            None,
        )
        .unwrap();
        c.commit().unwrap();
        c.add(
            &extract_str(
                "Privacy Policy\n\nWe use Brevo for newsletters.",
                Some("https://x.example/p"),
            )
            .unwrap(),
            None,
        )
        .unwrap();
        c.commit().unwrap();
        assert_eq!(c.len(), 1);
    }
    let c = Corpus::open(dir.path()).unwrap();
    assert_eq!(c.len(), 1);
    let hits = c.search("newsletters", &Filters::default(), 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].policy().unwrap().processors[0].organization,
        "Brevo"
    );
    assert!(
        hits[0].snippet.contains("newsletters"),
        "{}",
        hits[0].snippet
    );
}

#[test]
fn bad_queries_are_errors_with_positions() {
    let (_d, c) = corpus_with_pages();
    match c.search("stripe \"payments", &Filters::default(), 5) {
        Err(polidex::Error::Query { position, .. }) => assert_eq!(position, 7),
        other => panic!("expected a query error, got {other:?}"),
    }
    assert!(matches!(
        c.search("vendor:stripe", &Filters::default(), 5),
        Err(polidex::Error::Query { .. })
    ));
    // found by cargo-fuzz: "title:*" was a corpus error (an "exists" query needs a fast field)
    for q in ["title:*", "stripe (text:*)", "title:* &py -A"] {
        match c.search(q, &Filters::default(), 5) {
            Err(polidex::Error::Query { .. }) => {}
            other => panic!("{q}: expected a query error, got {other:?}"),
        }
    }
}

#[test]
fn a_second_writer_gets_a_lock_error() {
    let (d, c) = corpus_with_pages();
    c.add(
        &extract_str("Privacy\n\nHello world text.", Some("https://y.example")).unwrap(),
        None,
    )
    .unwrap();
    let other = Corpus::open(d.path()).unwrap();
    let err = other
        .add(
            &extract_str("Privacy\n\nOther text.", Some("https://z.example")).unwrap(),
            None,
        )
        .unwrap_err();
    assert!(matches!(err, polidex::Error::Locked { .. }), "{err}");
    // readers are fine
    assert_eq!(other.len(), 4);
}

#[test]
fn scan_streams_every_matching_record_and_merge_copies_them() {
    let (_d, c) = corpus_with_pages();
    let mut all = c.scan("", &Filters::default()).unwrap();
    assert_eq!(all.len(), 4);
    let first = all.next_batch(3).unwrap();
    let rest = all.next_batch(3).unwrap();
    assert_eq!((first.len(), rest.len()), (3, 1));
    assert!(all.next_batch(3).unwrap().is_empty());
    let f = Filters {
        processor: Some("stripe".into()),
        ..Default::default()
    };
    let mut keys: Vec<String> = c.scan("", &f).unwrap().map(|s| s.unwrap().key).collect();
    keys.sort();
    assert_eq!(keys, ["https://a.example/hi", "https://d.example/en"]);
    let one: Vec<_> = c
        .scan("portability", &Filters::default())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(one.len(), 1);
    assert!(one[0].record.contains("\"Stripe\""));

    // a second shard, sharing one URL with the first: the merge holds each key once
    let d2 = tempfile::tempdir().unwrap();
    let shard = Corpus::open(d2.path()).unwrap();
    let zh = page("隐私政策", "zh", "<p>我们使用百度统计分析网站流量。</p>");
    shard
        .add(
            &extract(zh.as_bytes(), Some("https://c.example/zh")).unwrap(),
            None,
        )
        .unwrap();
    shard
        .add(
            &extract_str(
                "We use Mailchimp for newsletters.",
                Some("https://e.example/en"),
            )
            .unwrap(),
            None,
        )
        .unwrap();
    shard.commit().unwrap();
    assert_eq!(c.merge_from(&shard).unwrap(), 2);
    assert_eq!(c.len(), 5);
    let f = Filters {
        processor: Some("baidu".into()),
        ..Default::default()
    };
    assert_eq!(urls(&c, "", &f), ["https://c.example/zh"]);
    assert!(urls(
        &c,
        "",
        &Filters {
            processor: Some("tencent".into()),
            ..Default::default()
        }
    )
    .is_empty());
}

#[test]
fn snippets_come_from_the_passage_that_matches_in_a_long_text() {
    let dir = tempfile::tempdir().unwrap();
    let c = Corpus::open(dir.path()).unwrap();
    let filler =
        "<p>We keep records of orders and deliveries for accounting purposes.</p>".repeat(300);
    let html = page(
        "Privacy Policy",
        "en",
        &format!("{filler}<p>Payments are processed by Adyen in the Netherlands.</p>{filler}"),
    );
    c.add(
        &extract(html.as_bytes(), Some("https://long.example/privacy")).unwrap(),
        None,
    )
    .unwrap();
    c.commit().unwrap();
    let hits = c.search("adyen", &Filters::default(), 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].snippet.contains("Adyen"), "{}", hits[0].snippet);
    assert_eq!(
        hits[0].policy().unwrap().url.as_deref(),
        Some("https://long.example/privacy")
    );
    // "ad" occurs inside words long before the word "ad" itself: the snippet still shows it
    let filler = "<p>We keep the addresses of readers who loaded our pages.</p>".repeat(300);
    let html = page(
        "Privacy Policy",
        "en",
        &format!("{filler}<p>We show one ad per page, served by our own server.</p>"),
    );
    c.add(
        &extract(html.as_bytes(), Some("https://ad.example/privacy")).unwrap(),
        None,
    )
    .unwrap();
    c.commit().unwrap();
    let hits = c.search("ad", &Filters::default(), 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].snippet.contains("one ad per page"),
        "{}",
        hits[0].snippet
    );
}
