//! `darkroom submit`: the source's client. It checks the newsroom's signed
//! manifest against the pinned key, strips and seals the file here to the
//! recipients the manifest lists (and proves it against the registries it
//! lists, if asked), and uploads only the envelope and the proof.

use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_core::codename;
use darkroom_core::served::{Receipt, Refusal};
use reqwest::blocking::multipart;
use zeroize::Zeroizing;

use crate::cli::SubmitArgs;
use crate::output::printable;
use crate::transport::{solve_pow, Server};

/// A codename to send under.
pub enum Codename {
    /// Make one now; it is printed once the submission is stored.
    New,
    /// One the source already has.
    Existing(Zeroizing<String>),
}

pub fn run(args: &SubmitArgs) -> Result<ExitCode> {
    let input = args.input.as_path();
    let naming = &args.naming;
    let pin = &args.pin;
    let prove = args.prove.then_some(&args.proof);
    let message = super::seal::message(args.message.clone(), args.message_file.as_deref())?;
    let codename = match (args.codename, &args.codename_file) {
        (true, _) => Some(Codename::New),
        (false, Some(file)) => Some(Codename::Existing(super::inbox::read_codename(Some(file))?)),
        (false, None) => None,
    };
    // A file that would be refused is refused before the server hears
    // from this device at all.
    super::strip::check_cleanable(input, naming)?;
    let server = Server::connect(&args.server, args.proxy.as_deref())?;
    let base = server.base();
    // Before the file is read: the manifest, checked against the pinned
    // key, is all that is believed from here on.
    let newsroom = super::trust::newsroom(&server, pin)?;
    let client = &server.client;
    let recipients = newsroom.manifest.recipients.clone();
    let kind = newsroom.manifest.kind()?;

    // The codename's keys are derived before anything is sealed, so a typo
    // stops here.
    let codename = match codename {
        None => None,
        Some(Codename::New) => {
            let words = codename::generate();
            let keys = server.codename_keys(&words)?;
            Some((Some(words), keys))
        }
        Some(Codename::Existing(words)) => Some((None, server.codename_keys(&words)?)),
    };

    let proven = match prove {
        Some(args) => Some(super::provenance::make_proof(
            input,
            args,
            Some(&newsroom.manifest),
        )?),
        None => None,
    };

    // The envelope is written to a private temporary file and removed
    // after the upload.
    let mut tmp = tempfile::NamedTempFile::new().context("cannot make a temporary file")?;
    let sealed = super::seal::seal_file(
        input,
        recipients,
        message,
        naming,
        proven.as_ref(),
        codename.as_ref().map(|(_, keys)| keys.recipient(kind)),
        tmp.as_file_mut(),
    )?;
    print!("{}", sealed.strip_report);
    println!("Sealed to the newsroom's {}.", sealed.kind.describe());
    // The codename and proof go first: the server checks them before it
    // receives the file.
    let form = || -> Result<multipart::Form> {
        let mut form = multipart::Form::new();
        if let Some((_, keys)) = &codename {
            let claim = serde_json::json!({
                "lookup": keys.lookup_hex(),
                "verifier": *keys.verifier_hex(),
                "recipient": keys.recipient(kind),
            });
            form = form.part(
                "codename",
                multipart::Part::text(claim.to_string()).mime_str("application/json")?,
            );
        }
        if let Some(p) = &proven {
            form = form.part(
                "bundle",
                multipart::Part::text(p.bundle.to_json())
                    .file_name("proof.json")
                    .mime_str("application/json")?,
            );
        }
        Ok(form.part(
            "envelope",
            multipart::Part::file(tmp.path())?
                .file_name("envelope.age")
                .mime_str("application/octet-stream")?,
        ))
    };
    // A busy drop box asks for a proof of work: asked first, so the file
    // is sent once.
    let mut pow = match server.busy_now() {
        Some(challenge) => Some(solve_pow(&challenge)?),
        None => None,
    };
    let mut tries = 0;
    let response = loop {
        let mut request = client
            .post(format!("{base}/api/v1/submissions"))
            .multipart(form()?);
        if let Some(header) = &pow {
            request = request.header("Darkroom-PoW", header);
        }
        tries += 1;
        let failed =
            || format!("the upload to {base} failed; nothing is known to be stored; try again");
        let response = match request.send() {
            Ok(r) => r,
            // A busy server refuses an upload without a proof of work
            // before reading it, and may close the connection while the
            // file is still being sent: if it asks for one now, solve it
            // and send again.
            Err(e) => match server.busy_now().filter(|_| tries <= 2) {
                Some(challenge) => {
                    pow = Some(solve_pow(&challenge)?);
                    continue;
                }
                None => return Err(e).with_context(failed),
            },
        };
        if response.status().as_u16() != 428 || tries > 2 {
            break response;
        }
        // Busy since we asked: solve the challenge it gave, and send again.
        match response.json::<Refusal>().ok().and_then(|r| r.pow) {
            Some(challenge) => pow = Some(solve_pow(&challenge)?),
            None => bail!("the drop box asks for a proof of work but sent no challenge; nothing was stored; try again"),
        }
    };
    let status = response.status();
    if !status.is_success() {
        let why = response
            .json::<Refusal>()
            .map(|r| printable(&r.error))
            .unwrap_or_else(|_| "no reason given".into());
        bail!("the server refused the submission ({status}): {why}");
    }
    let receipt: Receipt = response.json().context(
        "the server stored something but its receipt is not one Darkroom reads; check with the newsroom before sending again",
    )?;
    println!("Submitted. Receipt:");
    for (name, value) in receipt.lines() {
        println!("  {name}: {}", printable(&value));
    }
    match codename {
        Some((Some(words), _)) => {
            println!();
            println!("Your codename (shown only this once):");
            println!();
            println!("    {}", *words);
            println!();
            println!("With it you can read the newsroom's replies: darkroom inbox --server {base}");
            println!("Anyone who has it can read them too, and the newsroom cannot recover it.");
            println!(
                "Write it on paper and keep it somewhere safe; do not store it on this device."
            );
        }
        Some((None, _)) => println!("Sent under your codename."),
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}
