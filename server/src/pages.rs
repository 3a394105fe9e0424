//! The askama pages (in `templates/`) and how handlers answer with them.

use askama::Template;

pub use crate::i18n::Tr;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// What every page shows.
pub struct Site {
    /// The newsroom's name.
    pub newsroom: String,
    /// Whether the DEMO banner shows.
    pub demo: bool,
}

/// Renders a page with a status.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            eprintln!("page failed to render: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "landing.html")]
pub(crate) struct Landing<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    /// The newsroom's signing key, `RW…` (empty without a manifest).
    pub newsroom_key: String,
    /// Its six-word fingerprint.
    pub fingerprint: String,
    pub recipients: &'a [String],
    /// What kind of key they are: the message that says it.
    pub protection: &'static str,
    pub server_sealing: bool,
    pub retention_days: u32,
    pub origin: &'a str,
    pub client: &'a crate::client::Hashes,
}

#[derive(Template)]
#[template(path = "submit.html")]
pub(crate) struct Submit<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    pub server_sealing: bool,
    pub max_mib: u64,
    pub max_upload_mib: u64,
    pub client: &'a crate::client::Hashes,
    /// The compact proving key's size (0 without one), for the page's progress.
    pub proving_key_size: usize,
    /// The newsroom's signing key from its signed manifest, `RW…` (empty
    /// without one), and its fingerprint in words: shown without script.
    pub newsroom_key: String,
    pub fingerprint: String,
    /// This server's address, for the command line shown.
    pub origin: &'a str,
}

pub use darkroom_core::served::Receipt;

#[derive(Template)]
#[template(path = "thanks.html")]
pub(crate) struct Thanks<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    pub receipt: &'a Receipt,
    /// The receipt's label and what protects the envelope: their messages.
    pub label: &'static str,
    pub protection: &'static str,
}

#[derive(Template)]
#[template(path = "error.html")]
pub(crate) struct ErrorPage<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    /// The heading's message.
    pub heading: &'a str,
    /// What was refused, in the reader's language where a catalog says it.
    pub message: crate::i18n::Text,
}

pub(crate) struct Verdict {
    pub valid: bool,
    pub text: String,
}

#[derive(Template)]
#[template(path = "verify.html")]
pub(crate) struct Verify<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    pub has_keys: bool,
    pub roots: Vec<String>,
    pub verdict: Option<Verdict>,
    /// Whether published photos can be checked in the browser (a signed
    /// manifest and a verifying key).
    pub publications: bool,
    /// The newsroom's key, `RW…`, as its manifest names it.
    pub newsroom_key: String,
    /// The checker's data (`web/js/verify.js`), JSON made safe for a
    /// script element.
    pub data: String,
    pub verify_sri: &'a str,
    /// The bundle's version, in the script's address.
    pub version: &'a str,
}

/// The single-file publication checker.
#[derive(Template)]
#[template(path = "verify_offline.html")]
pub(crate) struct VerifyOffline<'a> {
    pub t: Tr,
    pub newsroom: &'a str,
    pub newsroom_key: String,
    pub saved: String,
    pub data: String,
    /// wasm-bindgen's glue and the checker, made safe for a script element.
    pub script: String,
}

#[derive(Template)]
#[template(path = "login.html")]
pub(crate) struct Login<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    pub csrf: &'a str,
    pub error: &'a str,
}

pub(crate) struct Row {
    pub id: String,
    pub designation: String,
    pub day: String,
    pub size: String,
    /// The label's message, as journalists read it.
    pub label: &'static str,
    /// Where the file was sealed: its message.
    pub sealed: &'static str,
    pub window: String,
    pub region: String,
    pub camera: String,
    pub has_proof: bool,
    pub source: String,
}

impl From<crate::store::Submission> for Row {
    fn from(s: crate::store::Submission) -> Row {
        let (window, region, camera) = s
            .disclosed
            .map(|d| (d.window, d.region, d.camera))
            .unwrap_or_default();
        Row {
            day: darkroom_core::calendar::format_day(s.arrival_day),
            size: human_size(s.size),
            label: s.label.for_journalists(),
            sealed: s.label.sealed_where(),
            window,
            region,
            camera,
            has_proof: s.bundle.is_some(),
            source: s.source.unwrap_or_default(),
            id: s.id,
            designation: s.designation,
        }
    }
}

#[derive(Template)]
#[template(path = "submissions.html")]
pub(crate) struct Submissions<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    pub journalist: &'a str,
    pub csrf: &'a str,
    pub rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "inbox.html")]
pub(crate) struct Inbox<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    pub csrf: &'a str,
    pub server_inbox: bool,
    pub error: &'a str,
    pub client: &'a crate::client::Hashes,
}

/// A reply the server opened for the no-JavaScript inbox.
pub(crate) struct InboxReply {
    pub id: String,
    pub day: String,
    pub text: String,
    /// Whether its signature is the newsroom's, and what the source is told.
    pub genuine: bool,
    /// What the source is told of who wrote it: a message.
    pub verdict: &'static str,
    /// The newsroom's number for it and the day it dated it, when genuine
    /// (0 when not numbered).
    pub seq: u64,
    pub dated: String,
    /// What the source must know of its place in the newsroom's thread
    /// (shown twice, replies missing before it).
    pub note: Option<String>,
}

#[derive(Template)]
#[template(path = "inbox-read.html")]
pub(crate) struct InboxRead<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    pub csrf: &'a str,
    pub replies: Vec<InboxReply>,
    pub notice: &'a str,
}

pub(crate) struct ReplyRow {
    pub day: String,
    pub size: String,
}

#[derive(Template)]
#[template(path = "source.html")]
pub(crate) struct SourcePage<'a> {
    pub site: &'a Site,
    /// The reader's language.
    pub t: Tr,
    pub journalist: &'a str,
    pub csrf: &'a str,
    pub designation: &'a str,
    /// The newsroom's recipients, for the reply command.
    pub recipients: String,
    pub source_recipient: &'a str,
    pub submissions: Vec<Row>,
    pub replies: Vec<ReplyRow>,
    pub notice: &'a str,
}

/// What protects an envelope sealed to keys of `kind`: its message.
pub fn protection(kind: darkroom_core::recipient::Kind) -> &'static str {
    match kind {
        darkroom_core::recipient::Kind::Hybrid => "protection-hybrid",
        darkroom_core::recipient::Kind::Classical => "protection-classical",
    }
}

/// A size for people: `1.2 MiB`.
pub fn human_size(n: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} bytes")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}
