//! The policy record: exactly the JSON of SCHEMA.md. Field names and enum values are a public
//! contract shared by the Python API, the CLI's JSON and the corpus' stored documents.
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $s)] $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $s),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$variant),)+ _ => None } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

string_enum!(
    /// A data-subject right (SCHEMA.md `rights`).
    Right {
        Access = "access", Rectification = "rectification", Erasure = "erasure", Restriction = "restriction",
        Portability = "portability", Objection = "objection", WithdrawConsent = "withdraw_consent",
        Complaint = "complaint", AutomatedDecision = "automated_decision", OptOutSale = "opt_out_sale",
        NonDiscrimination = "non_discrimination",
    }
);

string_enum!(
    /// A safeguard for international transfers (SCHEMA.md `transfers.mechanisms`).
    Mechanism { Scc = "scc", Adequacy = "adequacy", Bcr = "bcr", Dpf = "dpf", Consent = "consent", Other = "other" }
);

string_enum!(
    /// The topic of a section (SCHEMA.md `sections[].topic`).
    Topic {
        Intro = "intro", Controller = "controller", Collection = "collection", Use = "use",
        LegalBasis = "legal_basis", Sharing = "sharing", Processors = "processors", Transfers = "transfers",
        Retention = "retention", Security = "security", Rights = "rights", Cookies = "cookies",
        Children = "children", Changes = "changes", Contact = "contact", Other = "other",
    }
);

string_enum!(
    /// The category of a processor (SCHEMA.md `processors[].category`).
    Category {
        Analytics = "analytics", Advertising = "advertising", Payments = "payments", Hosting = "hosting",
        Cdn = "cdn", Email = "email", Crm = "crm", Support = "support", Ai = "ai", Auth = "auth",
        Social = "social", Maps = "maps", Video = "video", Fonts = "fonts", Security = "security",
        Storage = "storage", Database = "database", Communication = "communication", Other = "other",
    }
);

/// A language and its share of the document's prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageShare {
    pub code: String,
    pub share: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Controller {
    pub name: String,
    pub address: Option<String>,
    pub country: Option<String>,
    pub evidence: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dpo {
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contacts {
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub urls: Vec<String>,
    pub dpo: Option<Dpo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Processor {
    pub name: String,
    pub organization: String,
    pub category: Category,
    pub country: Option<String>,
    pub mentions: Vec<String>,
    pub evidence: String,
    pub known: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transfers {
    pub mentioned: bool,
    pub countries: Vec<String>,
    pub mechanisms: Vec<Mechanism>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub topic: Topic,
    pub language: String,
    pub text: String,
}

/// One privacy policy, as extracted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub schema_version: u32,
    pub url: Option<String>,
    pub title: String,
    pub content_sha256: String,
    pub language: Option<String>,
    pub languages: Vec<LanguageShare>,
    pub effective_date: Option<String>,
    pub controller: Option<Controller>,
    pub contacts: Contacts,
    pub processors: Vec<Processor>,
    pub rights: Vec<Right>,
    pub transfers: Transfers,
    pub sections: Vec<Section>,
    pub text: String,
}

impl Policy {
    pub fn to_json(&self) -> String {
        // serialising plain data cannot fail
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> crate::Result<Self> {
        Ok(serde_json::from_str(s)?)
    }

    /// The identity of the document in a corpus: its URL, or the path it was read from.
    pub fn key(&self) -> &str {
        self.url.as_deref().unwrap_or("")
    }
}
