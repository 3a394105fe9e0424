use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use darkroom_core::strip::Uncleanable;

use crate::cli::{SendArgs, StripArgs};
use crate::output::{open_input, Pending};

pub fn run(args: &StripArgs) -> Result<ExitCode> {
    let (input, output) = (&args.input, &args.output);
    let file = BufReader::new(open_input(input)?);
    let mut out = Pending::beside(output)?;
    let report = darkroom_core::strip::strip(
        file,
        Some(&super::file_name(input)),
        uncleanable(args.send_as_is),
        &mut out,
    )?;
    let json = args
        .report_json
        .as_deref()
        .map(|path| -> Result<(Pending, &Path)> {
            let mut p = Pending::beside(path)?;
            serde_json::to_writer_pretty(&mut p, &report)?;
            Ok((p, path))
        })
        .transpose()?;
    out.commit(output)?;
    if let Some((j, path)) = json {
        j.commit(path)?;
    }
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}

/// `--send-as-is` in the core's terms.
pub fn uncleanable(send_as_is: bool) -> Uncleanable {
    if send_as_is {
        Uncleanable::SendAsIs
    } else {
        Uncleanable::Refuse
    }
}

/// Refuses `input` before anything else is done with it (a proof, a
/// connection) when Darkroom cannot clean it and `--send-as-is` is not
/// given.
pub fn check_cleanable(input: &Path, naming: &SendArgs) -> Result<()> {
    let name = naming
        .file_name
        .clone()
        .unwrap_or_else(|| super::file_name(input));
    darkroom_core::strip::check_cleanable(
        open_input(input)?,
        Some(&name),
        uncleanable(naming.send_as_is),
    )?;
    Ok(())
}

pub fn digest(input: &Path) -> Result<ExitCode> {
    let file = BufReader::new(open_input(input)?);
    let (digest, report) = darkroom_core::ContentDigest::of(file, Some(&super::file_name(input)))?;
    println!("{digest}");
    eprintln!("{}: {}", report.kind.name(), report.summary());
    Ok(ExitCode::SUCCESS)
}
