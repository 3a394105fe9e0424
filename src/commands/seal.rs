use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use darkroom_core::envelope::{self, SealOptions, SealReceipt};
use zeroize::Zeroizing;

use super::provenance::Proven;
use crate::cli::{SealArgs, SendArgs};
use crate::output::{open_input, Pending};

pub fn run(args: &SealArgs) -> Result<ExitCode> {
    let (input, output, naming, to) = (&args.input, &args.output, &args.naming, &args.to);
    let message = message(args.message.clone(), args.message_file.as_deref())?;
    // Check the keys before touching the file, so a typo costs nothing.
    envelope::parse_recipients(to)?;
    super::strip::check_cleanable(input, naming)?;
    // Prove first: if the photo cannot be proven, nothing is written.
    let proven = args
        .prove
        .then(|| super::provenance::make_proof(input, &args.proof, None))
        .transpose()?;
    let mut out = Pending::beside(output)?;
    let receipt = seal_file(
        input,
        to.clone(),
        message,
        naming,
        proven.as_ref(),
        None,
        &mut out,
    )?;
    if let Some(p) = &proven {
        let bundle_path = bundle_path(output);
        super::provenance::write_bundle(&p.bundle, &bundle_path)?;
        out.commit(output)?;
        print!("{}", receipt.strip_report);
        println!("sealed to {}", output.display());
        println!("proof written to {}", bundle_path.display());
        println!(
            "it shows: {}",
            darkroom_core::provenance::describe(&p.bundle.public, Some(p.devices))
        );
    } else {
        out.commit(output)?;
        print!("{}", receipt.strip_report);
        println!("sealed to {}", output.display());
    }
    println!("protected by: {}", receipt.kind.describe());
    println!("commitment: {}", receipt.commitment);
    Ok(ExitCode::SUCCESS)
}

/// Seals `input` into `out`, with the opening of `proven` when a proof
/// was made for it (and refusing a file changed since), and the source's
/// reply recipient when it has a codename.
pub fn seal_file(
    input: &Path,
    to: Vec<String>,
    message: Option<String>,
    naming: &SendArgs,
    proven: Option<&Proven>,
    reply_recipient: Option<String>,
    out: impl std::io::Write,
) -> Result<SealReceipt> {
    let file = BufReader::new(open_input(input)?);
    let name = naming
        .file_name
        .clone()
        .unwrap_or_else(|| super::file_name(input));
    let options = SealOptions {
        message,
        reply_recipient,
        uncleanable: super::strip::uncleanable(naming.send_as_is),
        keep_credentials: naming.keep_credentials,
        ..SealOptions::new(&name, to)
    }
    .proven(proven);
    Ok(envelope::seal(file, options, out)?)
}

/// `ENVELOPE.age` → `ENVELOPE.age.proof.json`.
pub fn bundle_path(envelope: &Path) -> PathBuf {
    crate::output::with_suffix(envelope, ".proof.json")
}

/// The message from `--message` or `--message-file`.
pub fn message(message: Option<String>, file: Option<&Path>) -> Result<Option<String>> {
    match file {
        Some(path) => Ok(Some(read_message(path)?)),
        None => Ok(message),
    }
}

/// Reads a message file, refusing one larger than an envelope takes before
/// reading it all.
pub fn read_message(path: &Path) -> Result<String> {
    use std::io::Read;
    let limit = envelope::MAX_MESSAGE as u64;
    let mut bytes = Zeroizing::new(Vec::new());
    open_input(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(darkroom_core::EnvelopeError::MessageTooLong.into());
    }
    let text = std::str::from_utf8(&bytes)
        .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
    Ok(text.to_string())
}
