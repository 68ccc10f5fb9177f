"""polidex.extract and the Policy record."""
import json
import threading

import pytest

import polidex

SCHEMA_KEYS = [
    "schema_version", "url", "title", "content_sha256", "language", "languages", "effective_date",
    "controller", "contacts", "processors", "rights", "transfers", "sections", "text",
]

HINDI_PAGE = """<!DOCTYPE html><html lang="hi"><head><meta charset="utf-8"><title>गोपनीयता नीति | पत्रिका ऐप</title></head>
<body><main><h1>गोपनीयता नीति</h1><p>अंतिम अपडेट: 8 अक्टूबर 2025</p>
<h2>1. डेटा नियंत्रक</h2><p>पत्रिका मीडिया प्राइवेट लिमिटेड, 12 एमजी रोड, बेंगलुरु 560001, भारत</p>
<h2>2. तृतीय-पक्ष सेवाएं</h2><p>भुगतान के लिए हम स्ट्राइप (Stripe) और रेज़रपे का उपयोग करते हैं। विश्लेषण के लिए Google Analytics का उपयोग किया जाता है।</p>
<h2>3. आपके अधिकार</h2><p>आपको अपने व्यक्तिगत डेटा तक पहुंच का अधिकार, सुधार का अधिकार और मिटाने का अधिकार है।</p>
<h2>Contact</h2><p>Grievance Officer: <a href="mailto:grievance@patrika.example">grievance@patrika.example</a>, फ़ोन: <a href="tel:+919876543210">+91 98765 43210</a></p>
</main></body></html>"""


def test_extract_bytes_and_str_give_the_same_record():
    a = polidex.extract(HINDI_PAGE.encode("utf-8"), url="https://patrika.example/privacy")
    b = polidex.extract(HINDI_PAGE, url="https://patrika.example/privacy")
    assert a.to_dict() == b.to_dict()


def test_record_fields_and_typed_access():
    p = polidex.extract(HINDI_PAGE, url="https://patrika.example/privacy")
    d = p.to_dict()
    assert list(d) == SCHEMA_KEYS
    assert json.loads(p.to_json()) == d
    assert p.language == "hi"
    assert p.effective_date == "2025-10-08"
    assert p.url == "https://patrika.example/privacy"
    assert p.contacts.emails == ["grievance@patrika.example"]
    assert p.contacts.phones == ["+919876543210"]
    orgs = {x.organization: x for x in p.processors}
    assert {"Stripe", "Razorpay", "Google"} <= set(orgs)
    assert "स्ट्राइप" in orgs["Stripe"].mentions
    assert orgs["Stripe"].category == "payments" and orgs["Stripe"].known
    assert {"access", "rectification", "erasure"} <= set(p.rights)
    assert [s.topic for s in p.sections][1:4] == ["controller", "processors", "rights"]
    assert isinstance(p.sections[0], polidex.Section)
    assert "Policy" in repr(p) and "Stripe" in repr(p)


def test_to_dict_is_a_copy():
    p = polidex.extract(HINDI_PAGE)
    d = p.to_dict()
    d["processors"].clear()
    assert p.to_dict()["processors"]


def test_bad_input_raises_polidex_errors():
    with pytest.raises(polidex.InputError, match="PDF"):
        polidex.extract(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(TypeError, match="bytes or str"):
        polidex.extract(12345)  # type: ignore[arg-type]
    assert issubclass(polidex.InputError, polidex.PolidexError)


def test_empty_and_non_policy_pages_give_empty_fields():
    p = polidex.extract(b"")
    assert p.text == "" and p.processors == [] and p.controller is None
    p = polidex.extract("<html><head><title>Weather</title></head><body><p>Sunny, 21 degrees in the afternoon.</p></body></html>")
    assert p.processors == [] and p.rights == [] and p.transfers.countries == []


def test_threads_may_extract_concurrently():
    results = []

    def work():
        results.append(polidex.extract(HINDI_PAGE).content_sha256)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and len(set(results)) == 1


def test_samples_all_extract(samples):
    files = sorted(x for x in samples.iterdir() if x.suffix in {".html", ".txt"})
    assert len(files) >= 12
    for f in files:
        p = polidex.extract(f.read_bytes())
        assert p.language, f
        assert p.text, f
