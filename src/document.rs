//! The document model every input becomes: a title and blocks in reading order.
use serde::Serialize;

/// What a block was in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BlockKind {
    /// a heading of level 1..=6
    Heading(u8),
    Paragraph,
    ListItem,
    /// one table row, its cells joined by " | "
    TableRow,
}

/// A link inside a block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// A block of text in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub links: Vec<Link>,
}

/// An organisation the page describes in structured data (schema.org JSON-LD).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StructuredOrg {
    pub name: String,
    pub address: Option<String>,
    pub country: Option<String>,
    pub telephone: Option<String>,
    pub email: Option<String>,
}

/// A parsed page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
    /// the primary language subtag the page declares (`<html lang="de-AT">` -> "de")
    pub declared_language: Option<String>,
    /// `og:site_name` or `application-name`
    pub site_name: Option<String>,
    pub organizations: Vec<StructuredOrg>,
    /// e-mail addresses and phone numbers from `mailto:`, `tel:` and WhatsApp links and
    /// Cloudflare-protected e-mails, in page order
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// copyright lines found in page chrome that was otherwise dropped ("© 2025 Example GmbH")
    pub copyright: Vec<String>,
}

impl Document {
    /// The cleaned text: blocks separated by blank lines.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.blocks.iter().map(|b| b.text.len() + 2).sum());
        for b in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }
}
