//! A linear pre-pass that caps how deeply elements nest before the HTML parser sees a page.
//! html5ever is correct on any input but its scope checks walk the stack of open elements, so
//! 200,000 nested `<div>`s take quadratic time; real pages nest a few dozen levels. Start tags
//! beyond the cap are dropped, with as many end tags after them; text is kept.
use std::borrow::Cow;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "!doctype",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noscript", "template", "svg", "math",
];

fn tag_name(s: &str) -> &str {
    let end = s
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(s.len());
    &s[..end]
}

/// `html` with no element nested deeper than `max_depth` (unchanged if none is).
pub fn limit(html: &str, max_depth: usize) -> Cow<'_, str> {
    // cheap exit: fewer start tags than the cap cannot exceed it
    if html.matches('<').count() <= max_depth {
        return Cow::Borrowed(html);
    }
    let mut out = String::new();
    let mut copied = 0; // html[..copied] is decided
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut changed = false;
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        let rest = &html[at + 1..];
        if rest.starts_with("!--") {
            i = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let tag_end = at + 1 + close + 1;
        let inner = &rest[..close];
        if inner.starts_with('/') {
            if dropped > 0 && depth >= max_depth {
                dropped -= 1;
                out.push_str(&html[copied..at]);
                copied = tag_end;
                changed = true;
            } else {
                depth = depth.saturating_sub(1);
            }
            i = tag_end;
            continue;
        }
        let name = tag_name(inner).to_ascii_lowercase();
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() && !name.starts_with('!') {
            i = at + 1;
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // skip to the matching end tag: its content is not markup
            let end_tag = format!("</{name}");
            let lower_from = tag_end;
            let found = html[lower_from..].to_ascii_lowercase().find(&end_tag);
            i = found.map_or(html.len(), |e| lower_from + e);
            if !inner.ends_with('/') {
                depth += 1;
            }
            continue;
        }
        if VOID.contains(&name.as_str()) || inner.ends_with('/') || name.starts_with('!') {
            i = tag_end;
            continue;
        }
        if depth >= max_depth {
            dropped += 1;
            out.push_str(&html[copied..at]);
            copied = tag_end;
            changed = true;
        } else {
            depth += 1;
        }
        i = tag_end;
    }
    if !changed {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::limit;

    #[test]
    fn caps_nesting_and_keeps_text() {
        let deep = format!("{}deep{}", "<div>".repeat(50), "</div>".repeat(50));
        let out = limit(&deep, 10);
        assert_eq!(out.matches("<div>").count(), 10);
        assert_eq!(out.matches("</div>").count(), 10);
        assert!(out.contains("deep"));
    }

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><p>a<br>b<img src=x></p><script>if (a<b) {}</script></body></html>";
        assert!(matches!(limit(page, 3), std::borrow::Cow::Borrowed(_)));
    }
}
