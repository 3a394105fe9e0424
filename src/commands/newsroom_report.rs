//! What `newsroom open` tells the newsroom about an export: `report.json`,
//! and `report.html`, which opens offline (everything escaped, nothing
//! loaded from anywhere, thumbnails embedded), with mismatched proofs at
//! the top.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use askama::Template;
use base64::Engine;
use darkroom_core::digest::Commitment;
use darkroom_core::envelope::Manifest;
use darkroom_core::export::Entry;
use serde::Serialize;

use crate::output::Pending;

/// Control characters and the like, made visible, for the terminal.
pub use darkroom_core::text::printable_name as printable;

/// A proof's verdict.
#[derive(Serialize, Clone, Debug)]
pub struct Proof {
    /// `valid`, `untrusted registry`, `not checked`, `invalid` or `does
    /// not match this image`.
    pub verdict: &'static str,
    /// In plain words.
    pub text: String,
    /// The disclosed time window.
    pub window: Option<String>,
    /// The disclosed region.
    pub region: Option<String>,
    /// The registry it names.
    pub registry: Option<String>,
}

impl Proof {
    pub fn valid(text: String, window: String, region: String, root: String) -> Self {
        Proof {
            verdict: "valid",
            text: format!("VALID: {text}; the registry is one you trust."),
            window: Some(window),
            region: Some(region),
            registry: Some(root),
        }
    }
    /// A proof that verifies against a registry nobody said they trust.
    pub fn untrusted(window: String, region: String, root: String) -> Self {
        Proof {
            verdict: "untrusted registry",
            text: format!("UNTRUSTED: the proof verifies and matches this file, but it names registry {root}, which is not one you said you trust, so it proves nothing about the camera; pass --registry with the registries the newsroom trusts."),
            window: Some(window),
            region: Some(region),
            registry: Some(root),
        }
    }
    pub fn unchecked(window: String, region: String, root: String) -> Self {
        Proof {
            verdict: "not checked",
            text: "The proof matches this file, but it was not verified: pass --keys (and --registry) to verify it.".into(),
            window: Some(window),
            region: Some(region),
            registry: Some(root),
        }
    }
    pub fn invalid(why: String) -> Self {
        Proof {
            verdict: "invalid",
            text: format!("INVALID: {why}"),
            window: None,
            region: None,
            registry: None,
        }
    }
    pub fn mismatch(window: String, region: String, root: String) -> Self {
        Proof {
            verdict: "does not match this image",
            text: "PROOF DOES NOT MATCH THIS IMAGE: the proof commits to a different file than the one in the envelope. Treat the provenance claim as false.".into(),
            window: Some(window),
            region: Some(region),
            registry: Some(root),
        }
    }
    fn alarming(&self) -> bool {
        matches!(self.verdict, "invalid" | "does not match this image")
    }
}

/// One submission's outcome.
#[derive(Serialize, Clone, Debug)]
pub struct Submission {
    pub designation: String,
    pub arrival_day: String,
    pub label: String,
    /// The source account it was sent under, and its reply recipient:
    /// the one the source sealed in the envelope when there is one, else
    /// the one the server listed.
    pub source: Option<String>,
    pub reply_to: Option<String>,
    /// Whether `reply_to` comes from inside the envelope.
    pub reply_to_sealed: bool,
    /// `ok` or `error`.
    pub status: &'static str,
    pub problems: Vec<String>,
    /// The written file, relative to the output folder.
    pub file: Option<String>,
    pub original_name: Option<String>,
    pub media_type: Option<String>,
    pub content_len: Option<u64>,
    /// What kind of key the envelope was sealed to, in words.
    pub sealed_to: Option<String>,
    pub message: Option<String>,
    pub commitment: Option<String>,
    pub removed: Vec<String>,
    pub findings: Vec<String>,
    pub residual_risks: Vec<String>,
    pub notes: Vec<String>,
    pub proof: Option<Proof>,
    /// The original the source kept for its Content Credentials, relative
    /// to the output folder.
    pub original: Option<String>,
    /// What its Content Credentials are worth.
    pub credentials: Option<super::credentials::Verdict>,
    #[serde(skip)]
    pub thumbnail: Option<String>,
}

impl Submission {
    pub fn from_entry(e: &Entry) -> Self {
        Submission {
            designation: printable(&e.designation),
            arrival_day: printable(&e.arrival_day),
            label: printable(&e.label),
            source: e.source.as_ref().map(|s| printable(&s.designation)),
            reply_to: e
                .source
                .as_ref()
                .map(|s| s.reply_recipient.clone())
                .filter(|r| r.parse::<darkroom_core::recipient::Recipient>().is_ok()),
            reply_to_sealed: false,
            status: "ok",
            problems: Vec::new(),
            file: None,
            original_name: None,
            media_type: None,
            content_len: None,
            sealed_to: None,
            message: None,
            commitment: None,
            removed: Vec::new(),
            findings: Vec::new(),
            residual_risks: Vec::new(),
            notes: Vec::new(),
            proof: None,
            original: None,
            credentials: None,
            thumbnail: None,
        }
    }

    pub fn fail(&mut self, why: String) {
        self.status = "error";
        self.problems.push(why);
    }

    pub fn opened(&mut self, m: &Manifest, c: &Commitment, len: u64, dest: &Path, outdir: &Path) {
        let r = &m.strip_report;
        self.file = dest
            .strip_prefix(outdir)
            .ok()
            .map(|p| p.to_string_lossy().into_owned());
        self.original_name = Some(m.file_name.clone());
        self.media_type = Some(m.media_type.clone());
        self.content_len = Some(len);
        self.message = m.message.clone();
        self.commitment = Some(c.to_string());
        self.removed = r
            .removed
            .iter()
            .map(|x| format!("{} ×{}", x.name, x.count))
            .collect();
        self.findings = r
            .findings
            .iter()
            .map(|f| format!("{:?}: {}", f.category, f.field))
            .collect();
        self.residual_risks = r.residual_risks.clone();
        self.notes = r.notes.clone();
        let sealed = m
            .reply_recipient
            .as_ref()
            .filter(|r| r.parse::<darkroom_core::recipient::Recipient>().is_ok());
        match (sealed, &self.reply_to) {
            (Some(sealed), Some(listed)) if sealed != listed => self.problems.push(format!(
                "The server lists another reply key for this source ({listed}) than the one the source sealed in the envelope ({sealed}): the server may be trying to read replies. Reply only to the sealed one, which this report uses."
            )),
            (None, Some(_)) => self.problems.push(
                "The reply key for this source comes from the server only (the source's client sealed none): a compromised server could have swapped it.".into(),
            ),
            _ => {}
        }
        if let Some(sealed) = sealed {
            self.reply_to = Some(sealed.clone());
            self.reply_to_sealed = true;
        }
        if m.media_type.starts_with("image/") {
            self.thumbnail = thumbnail(dest);
        }
    }

    fn alarming(&self) -> bool {
        self.proof.as_ref().is_some_and(Proof::alarming)
            || self.credentials.as_ref().is_some_and(|c| c.alarming())
    }
}

/// A small JPEG of the image, as a data URI; `None` if it cannot be
/// decoded within generous limits.
fn thumbnail(path: &Path) -> Option<String> {
    let mut reader = image::ImageReader::open(path)
        .ok()?
        .with_guessed_format()
        .ok()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let img = reader.decode().ok()?.thumbnail(320, 320).to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 75)
        .encode_image(&img)
        .ok()?;
    Some(format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(jpeg)
    ))
}

/// The whole export's outcome.
#[derive(Serialize, Template)]
#[template(path = "newsroom-report.html")]
pub struct Report {
    pub format: &'static str,
    pub version: u8,
    pub export_created_day: String,
    /// Problems with the export as a whole (members ignored, a changed index).
    pub problems: Vec<String>,
    pub submissions: Vec<Submission>,
}

impl Report {
    pub fn new(created_day: &str) -> Self {
        Report {
            format: "darkroom-newsroom-report",
            version: 1,
            export_created_day: printable(created_day),
            problems: Vec::new(),
            submissions: Vec::new(),
        }
    }

    fn mismatched(&self) -> Vec<&Submission> {
        self.submissions.iter().filter(|s| s.alarming()).collect()
    }
}

/// Writes `report.json` and `report.html` into `outdir`.
pub fn write(report: &Report, outdir: &Path) -> Result<()> {
    let mut json = Pending::new_in(outdir)?;
    serde_json::to_writer_pretty(&mut json, report)?;
    json.write_all(b"\n")?;
    json.commit(&outdir.join("report.json"))?;
    let mut html = Pending::new_in(outdir)?;
    html.write_all(report.render()?.as_bytes())?;
    html.commit(&outdir.join("report.html"))?;
    Ok(())
}

/// Prints one line per submission and the totals; the exit code is 3 if a
/// proof does not match its file or does not verify, 1 if anything else
/// failed, 0 otherwise.
pub fn summarise(report: &Report, outdir: &Path) -> ExitCode {
    for p in &report.problems {
        eprintln!("darkroom: export: {}", printable(p));
    }
    let mut failed = 0;
    for s in &report.submissions {
        let mut proof = s
            .proof
            .as_ref()
            .map(|p| format!("; proof: {}", p.verdict))
            .unwrap_or_default();
        if let Some(c) = &s.credentials {
            proof.push_str(&format!("; {}", printable(&c.line())));
        }
        if s.status == "ok" {
            println!(
                "{}: opened as {}{proof}",
                s.designation,
                s.file.as_deref().map(printable).unwrap_or_default()
            );
        } else {
            failed += 1;
            eprintln!(
                "darkroom: {}: {}",
                s.designation,
                printable(&s.problems.join("; "))
            );
        }
    }
    let mismatched = report.mismatched();
    for s in &mismatched {
        let said = s
            .proof
            .iter()
            .filter(|p| p.alarming())
            .map(|p| p.text.clone());
        let said = said.chain(
            s.credentials
                .iter()
                .filter(|c| c.alarming())
                .map(|c| c.line()),
        );
        for text in said {
            eprintln!("darkroom: {}: {}", s.designation, printable(&text));
        }
    }
    println!(
        "{} of {} submission(s) opened; report: {}",
        report.submissions.len() - failed,
        report.submissions.len(),
        outdir.join("report.html").display()
    );
    if !mismatched.is_empty() {
        ExitCode::from(crate::exit::DOES_NOT_HOLD)
    } else if failed > 0 || !report.problems.is_empty() {
        ExitCode::from(crate::exit::REFUSED)
    } else {
        ExitCode::SUCCESS
    }
}
