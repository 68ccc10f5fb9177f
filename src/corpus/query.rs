//! Queries: full-text query strings checked before tantivy parses them (so a malformed query is
//! reported with its position), structured filters, and the processor aggregation.
use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::schema::Fields;
use crate::error::{Error, Result};
use crate::normalize::fold;

/// Structured filters of a search; `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub language: Option<String>,
    pub processor: Option<String>,
    pub right: Option<String>,
    pub transfer_country: Option<String>,
    pub controller_country: Option<String>,
}

/// Fields a query string may name (`title:privacy`).
const QUERY_FIELDS: &[&str] = &["title", "text"];

/// Check a query string for the mistakes users make, with the character position of each.
pub fn validate(q: &str) -> Result<()> {
    let err = |position: usize, message: &str| {
        Err(Error::Query {
            message: message.to_string(),
            position,
        })
    };
    let mut quote: Option<usize> = None;
    let mut parens: Vec<usize> = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' => quote = if quote.is_some() { None } else { Some(i) },
            '(' if quote.is_none() => parens.push(i),
            ')' if quote.is_none() && parens.pop().is_none() => {
                return err(i, "unmatched ')'");
            }
            _ => {}
        }
    }
    if let Some(i) = quote {
        return err(i, "unterminated quoted phrase");
    }
    if let Some(&i) = parens.last() {
        return err(i, "unmatched '('");
    }
    // field prefixes and dangling operators, token by token (outside quotes)
    let mut in_quote = false;
    let tokens: Vec<(usize, String)> = {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut start = 0;
        for (i, &c) in chars.iter().enumerate() {
            if c == '"' {
                in_quote = !in_quote;
            }
            if c.is_whitespace() && !in_quote {
                if !cur.is_empty() {
                    out.push((start, std::mem::take(&mut cur)));
                }
            } else {
                if cur.is_empty() {
                    start = i;
                }
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            out.push((start, cur));
        }
        out
    };
    for (k, (start, tok)) in tokens.iter().enumerate() {
        let t = tok.trim_start_matches(['(', '+', '-']);
        if let Some((field, value)) = t.split_once(':') {
            if !field.starts_with('"') && !field.is_empty() && !QUERY_FIELDS.contains(&field) {
                return err(*start, &format!("unknown field {field:?} (use filters such as processor=... instead; fields: title, text)"));
            }
            // tantivy reads "field:*" as "the field exists", which needs a fast field (found by
            // cargo-fuzz); every policy has a title and a text, so it means nothing here
            if !field.starts_with('"') && value.trim_end_matches(')').starts_with('*') {
                return err(
                    *start,
                    &format!(
                        "\"{field}:*\" is not supported: every policy has a {field}; leave it out"
                    ),
                );
            }
        }
        let is_op = matches!(tok.as_str(), "AND" | "OR" | "NOT");
        if is_op && (k + 1 == tokens.len() || (matches!(tok.as_str(), "AND" | "OR") && k == 0)) {
            return err(*start, &format!("operator {tok} needs a term on each side"));
        }
    }
    Ok(())
}

/// Parse a full-text query and combine it with the filters.
pub fn build(
    parser: &QueryParser,
    fields: &Fields,
    q: &str,
    filters: &Filters,
) -> Result<Box<dyn Query>> {
    let q = q.trim();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !q.is_empty() {
        validate(q)?;
        let parsed = parser.parse_query(q).map_err(|e| Error::Query {
            message: e.to_string(),
            position: 0,
        })?;
        clauses.push((Occur::Must, parsed));
    }
    let mut term = |field, value: String| {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(field, &value),
                IndexRecordOption::Basic,
            )),
        ));
    };
    if let Some(v) = &filters.language {
        term(fields.language, v.trim().to_lowercase());
    }
    if let Some(v) = &filters.processor {
        term(fields.processor, fold(v.trim()));
    }
    if let Some(v) = &filters.right {
        term(fields.right, v.trim().to_lowercase());
    }
    if let Some(v) = &filters.transfer_country {
        term(fields.transfer_country, v.trim().to_uppercase());
    }
    if let Some(v) = &filters.controller_country {
        term(fields.controller_country, v.trim().to_uppercase());
    }
    Ok(match clauses.len() {
        0 => Box::new(AllQuery),
        1 => clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(AllQuery)),
        _ => Box::new(BooleanQuery::new(clauses)),
    })
}

/// Counts documents per processor organisation (a multi-valued fast field).
pub struct OrganizationCounts {
    pub field: String,
}

pub struct SegmentCounts {
    column: Option<StrColumn>,
    counts: Vec<u32>,
}

impl Collector for OrganizationCounts {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let column = reader.fast_fields().str(&self.field)?;
        let n = column.as_ref().map_or(0, |c| c.dictionary().num_terms());
        Ok(SegmentCounts {
            column,
            counts: vec![0; n],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<String, u64>>,
    ) -> tantivy::Result<HashMap<String, u64>> {
        let mut out = HashMap::new();
        for f in fruits {
            for (k, v) in f {
                *out.entry(k).or_insert(0) += v;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(c) = &self.column {
            for ord in c.term_ords(doc) {
                if let Some(n) = self.counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        if let Some(c) = &self.column {
            let mut s = String::new();
            for (ord, &n) in self.counts.iter().enumerate() {
                if n > 0 && c.ord_to_str(ord as u64, &mut s).unwrap_or(false) {
                    out.insert(s.clone(), n as u64);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::validate;

    fn position(q: &str) -> Option<usize> {
        match validate(q) {
            Err(crate::Error::Query { position, .. }) => Some(position),
            _ => None,
        }
    }

    #[test]
    fn malformed_queries_report_positions() {
        assert_eq!(position("openai \"data transfer"), Some(7));
        assert_eq!(position("(stripe OR paypal"), Some(0));
        assert_eq!(position("stripe)"), Some(6));
        assert_eq!(position("stripe AND"), Some(7));
        assert_eq!(position("vendor:stripe"), Some(0));
        assert_eq!(
            position("title:privacy \"data controller\" AND stripe"),
            None
        );
    }
}
