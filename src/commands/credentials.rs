//! Content Credentials (C2PA) of an original file a source kept for the
//! newsroom, checked on the offline machine with the `c2pa` crate (native
//! Rust crypto, no HTTP client built in, remote manifests and OCSP off):
//! the claim's signature, the certificate chain against the trust list
//! the newsroom gives (`--c2pa-trust FILE`, PEM), the hard binding (the
//! asset hash, recomputed from the original's bytes), and what the
//! manifest says was done to the picture.

use std::fs;
use std::io::BufReader;
use std::path::Path;

use anyhow::{bail, Context as _, Result};
use c2pa::{Context, Reader, ValidationState};
use serde::Serialize;
use x509_parser::pem::Pem;

use crate::output::open_input;

/// The roots a newsroom trusts to sign Content Credentials.
pub struct TrustList {
    pem: String,
    /// Each root's subject, as an RFC 4514 string.
    subjects: Vec<(String, Vec<u8>)>,
}

impl TrustList {
    /// Reads a PEM file of root certificates; one that holds none, or a
    /// certificate that does not parse, is refused.
    pub fn read(path: &Path) -> Result<TrustList> {
        let pem = fs::read_to_string(path)
            .with_context(|| format!("cannot read the trust list {}", path.display()))?;
        let mut subjects = Vec::new();
        for block in Pem::iter_from_buffer(pem.as_bytes()) {
            let block = block.ok().filter(|b| b.label == "CERTIFICATE");
            let cert = block.as_ref().and_then(|b| b.parse_x509().ok());
            let Some(cert) = cert else {
                bail!(
                    "{} holds something that is not a PEM certificate; give the roots as PEM certificates only",
                    path.display()
                );
            };
            subjects.push((cert.subject().to_string(), cert.subject().as_raw().to_vec()));
        }
        if subjects.is_empty() {
            bail!(
                "{} holds no PEM certificates; give the roots the newsroom trusts to sign Content Credentials",
                path.display()
            );
        }
        Ok(TrustList { pem, subjects })
    }

    /// The subject of the root whose subject is `issuer` (DER).
    fn root_named(&self, issuer: &[u8]) -> Option<&str> {
        self.subjects
            .iter()
            .find(|(_, raw)| raw == issuer)
            .map(|(s, _)| s.as_str())
    }
}

/// What the newsroom is told about a kept original's credentials.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// `valid` (signature, binding and chain hold), `untrusted` (they hold
    /// but the chain ends at no root in the trust list, or none was
    /// given), `invalid`, or `unreadable`.
    pub state: &'static str,
    /// One line: "valid, signed by …, chain to …" or exactly why not.
    pub summary: String,
    /// The signing certificate's subject.
    pub signer: Option<String>,
    /// The trusted root the chain ends at.
    pub root: Option<String>,
    /// The validator's failures, each a sentence with its C2PA code.
    pub problems: Vec<String>,
    /// The manifest's actions (`c2pa.created`, `c2pa.edited`, …), each with
    /// its digital source type when it has one.
    pub actions: Vec<String>,
    /// Whether an action says the picture was made or changed by a
    /// trained algorithm (generative AI).
    pub generative_ai: bool,
    /// The software that made the manifest.
    pub claim_generator: Option<String>,
}

impl Verdict {
    fn unreadable(why: String) -> Verdict {
        Verdict {
            state: "unreadable",
            summary: format!("cannot be read: {why}"),
            signer: None,
            root: None,
            problems: vec![why],
            actions: Vec::new(),
            generative_ai: false,
            claim_generator: None,
        }
    }

    /// Whether the credentials contradict the file: the newsroom must look.
    pub fn alarming(&self) -> bool {
        matches!(self.state, "invalid" | "unreadable")
    }

    /// The line `newsroom open` prints.
    pub fn line(&self) -> String {
        let mut line = format!("Content Credentials: {}", self.summary);
        if !self.actions.is_empty() {
            line.push_str(&format!("; actions: {}", self.actions.join(", ")));
        }
        if self.generative_ai {
            line.push_str("; GENERATIVE AI is declared");
        }
        line
    }
}

/// Checks the Content Credentials of the original at `path` (of
/// `media_type`), with `trust` as the roots; with no trust list the
/// signer is never called trusted.
pub fn verify(path: &Path, media_type: &str, trust: Option<&TrustList>) -> Verdict {
    // The original comes from a source and the parser is large: if it
    // panics on one file, that file is unreadable and the others are
    // still opened.
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        match read(path, media_type, trust) {
            Ok(reader) => judge(&reader, trust),
            Err(e) => Verdict::unreadable(format!("{e:#}")),
        }
    }));
    checked.unwrap_or_else(|_| Verdict::unreadable("the C2PA reader failed on it".into()))
}

fn read(path: &Path, media_type: &str, trust: Option<&TrustList>) -> Result<Reader> {
    let mut settings = serde_json::json!({
        "verify": {
            "verify_after_reading": true,
            "verify_trust": true,
            "ocsp_fetch": false,
            "remote_manifest_fetch": false,
        },
        "core": { "decode_identity_assertions": false },
    });
    if let Some(t) = trust {
        settings["trust"] = serde_json::json!({ "user_anchors": t.pem });
    }
    let context = Context::new()
        .with_settings(settings)
        .context("the C2PA settings were refused")?;
    let file = BufReader::new(open_input(path)?);
    Reader::from_context(context)
        .with_stream(media_type, file)
        .map_err(|e| anyhow::anyhow!("{e}"))
}

fn judge(reader: &Reader, trust: Option<&TrustList>) -> Verdict {
    let Some(manifest) = reader.active_manifest() else {
        return Verdict::unreadable("the manifest store has no active manifest".into());
    };
    let (signer, issuer) = manifest
        .signature_info()
        .map(|s| chain_ends(s.cert_chain()))
        .unwrap_or_default();
    let root = issuer.and_then(|i| trust.and_then(|t| t.root_named(&i).map(str::to_string)));
    let failures: Vec<&c2pa::validation_status::ValidationStatus> = reader
        .validation_status()
        .unwrap_or_default()
        .iter()
        .filter(|s| !s.code().ends_with(".trusted"))
        .collect();
    let untrusted = |s: &&c2pa::validation_status::ValidationStatus| {
        s.code() == c2pa::validation_status::SIGNING_CREDENTIAL_UNTRUSTED
    };
    let problems: Vec<String> = failures.iter().map(|s| explain(s)).collect();
    let only_untrusted = failures.iter().all(untrusted);
    let signer_text = signer.clone().unwrap_or_else(|| "an unknown signer".into());
    let (state, summary) = match (reader.validation_state(), trust) {
        (ValidationState::Invalid, _) if !only_untrusted => {
            let why: Vec<String> = failures
                .iter()
                .filter(|s| !untrusted(s))
                .map(|s| explain(s))
                .collect();
            ("invalid", format!("NOT valid: {}", why.join("; ")))
        }
        (_, None) => (
            "untrusted",
            format!("the signature and the binding to the original hold, signed by {signer_text}, but no trust list was given (--c2pa-trust), so nothing says who that is"),
        ),
        (ValidationState::Trusted, Some(_)) if failures.is_empty() => (
            "valid",
            format!(
                "valid, signed by {signer_text}, chain to {}",
                root.as_deref().unwrap_or("a root in the trust list")
            ),
        ),
        _ => (
            "untrusted",
            format!("NOT trusted: the signature and the binding to the original hold, but the certificate of {signer_text} does not chain to a root in the trust list"),
        ),
    };
    let (actions, generative_ai) = actions(manifest);
    Verdict {
        state,
        summary,
        signer,
        root: if state == "valid" { root } else { None },
        problems,
        actions,
        generative_ai,
        claim_generator: manifest.claim_generator().map(str::to_string),
    }
}

/// The leaf's subject and the last certificate's issuer (DER), from a PEM
/// chain.
fn chain_ends(chain: &str) -> (Option<String>, Option<Vec<u8>>) {
    let certs: Vec<Pem> = Pem::iter_from_buffer(chain.as_bytes())
        .filter_map(|p| p.ok())
        .collect();
    let subject = certs
        .first()
        .and_then(|p| p.parse_x509().ok().map(|c| c.subject().to_string()));
    let issuer = certs
        .last()
        .and_then(|p| p.parse_x509().ok().map(|c| c.issuer().as_raw().to_vec()));
    (subject, issuer)
}

/// A validator failure as a sentence, with its C2PA code.
fn explain(s: &c2pa::validation_status::ValidationStatus) -> String {
    let code = s.code();
    let what = match code {
        "assertion.dataHash.mismatch"
        | "assertion.bmffHash.mismatch"
        | "assertion.boxesHash.mismatch" => {
            "the picture's bytes are not the ones that were signed (the hard binding fails)"
        }
        "claimSignature.mismatch" => "the claim's signature does not verify",
        "signingCredential.expired" => {
            "the signing certificate was not valid (expired or not yet valid) when it signed"
        }
        "signingCredential.revoked" => "the signing certificate was revoked",
        "signingCredential.untrusted" => {
            "the signing certificate does not chain to a root in the trust list"
        }
        "signingCredential.invalid" => "the signing certificate is not one C2PA allows",
        "claim.missing" | "claimSignature.missing" => "the claim or its signature is missing",
        _ => "",
    };
    if what.is_empty() {
        format!("{code}: {}", s.explanation().unwrap_or("failed"))
    } else {
        format!("{what} ({code})")
    }
}

/// The manifest's actions and whether one declares generative AI.
fn actions(manifest: &c2pa::Manifest) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut ai = false;
    for a in manifest.assertions() {
        if !a.label().starts_with("c2pa.actions") {
            continue;
        }
        let Ok(v) = a.value() else { continue };
        for act in v["actions"].as_array().into_iter().flatten() {
            let name = act["action"].as_str().unwrap_or("an unnamed action");
            match act["digitalSourceType"].as_str() {
                Some(t) => {
                    let t = t.rsplit('/').next().unwrap_or(t);
                    ai |= t.contains("trainedAlgorithmicMedia") || t == "algorithmicMedia";
                    out.push(format!("{name} ({t})"));
                }
                None => out.push(name.to_string()),
            }
        }
    }
    (out, ai)
}

/// Where a kept original is written: beside the stripped file, with
/// `.original` before its extension (`photo.jpg` → `photo.original.jpg`).
pub fn original_dest(dest: &Path) -> std::path::PathBuf {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = crate::output::split_extension(&name);
    crate::output::unique(dir, &format!("{stem}.original{ext}"))
}

/// Moves a kept original into place beside `dest` and checks its
/// Content Credentials.
pub fn keep(
    original: crate::output::Pending,
    media_type: &str,
    dest: &Path,
    trust: Option<&TrustList>,
) -> Result<(std::path::PathBuf, Verdict)> {
    let path = original_dest(dest);
    original.commit_new(&path)?;
    let verdict = verify(&path, media_type, trust);
    Ok((path, verdict))
}
