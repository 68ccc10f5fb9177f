//! The index schema: one tantivy document per policy. Full text goes through the multilingual
//! analyzer; filters are exact-match terms; the record itself is stored as JSON so that a hit
//! returns the whole policy. Field names are the record's names (one word per concept).
use tantivy::schema::{
    Field, IndexRecordOption, Schema, SchemaBuilder, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};

use super::analyzer;

/// Handles to every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// the document's identity (URL, or path): adding the same key again replaces it
    pub key: Field,
    pub title: Field,
    pub text: Field,
    /// the record, as JSON
    pub record: Field,
    pub content_sha256: Field,
    /// hash of the source bytes a batch read (to skip unchanged pages on a re-run)
    pub source_sha256: Field,
    pub language: Field,
    /// lower-cased processor organisations, names and mentions (filter)
    pub processor: Field,
    /// processor organisations as written (aggregation)
    pub organization: Field,
    pub right: Field,
    pub transfer_country: Field,
    pub controller_country: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = SchemaBuilder::new();
    let full_text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        title: b.add_text_field("title", full_text.clone() | STORED),
        text: b.add_text_field("text", full_text),
        record: b.add_text_field("record", STORED),
        content_sha256: b.add_text_field("content_sha256", STRING | STORED),
        source_sha256: b.add_text_field("source_sha256", STRING | STORED),
        language: b.add_text_field("language", STRING | FAST),
        processor: b.add_text_field("processor", STRING),
        organization: b.add_text_field("organization", STRING | FAST),
        right: b.add_text_field("right", STRING),
        transfer_country: b.add_text_field("transfer_country", STRING),
        controller_country: b.add_text_field("controller_country", STRING),
    };
    (b.build(), fields)
}

impl Fields {
    /// Look the fields up in an existing index's schema (checks it is a polidex corpus).
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |n: &str| schema.get_field(n).ok();
        Some(Fields {
            key: f("key")?,
            title: f("title")?,
            text: f("text")?,
            record: f("record")?,
            content_sha256: f("content_sha256")?,
            source_sha256: f("source_sha256")?,
            language: f("language")?,
            processor: f("processor")?,
            organization: f("organization")?,
            right: f("right")?,
            transfer_country: f("transfer_country")?,
            controller_country: f("controller_country")?,
        })
    }
}
