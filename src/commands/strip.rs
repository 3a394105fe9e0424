use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::output::{open_input, Pending};

pub fn run(input: &Path, output: &Path, report_json: Option<&Path>) -> Result<ExitCode> {
    let file = BufReader::new(open_input(input)?);
    let mut out = Pending::beside(output)?;
    let report = darkroom_core::strip::strip(file, Some(&super::file_name(input)), &mut out)?;
    let json = report_json
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

pub fn digest(input: &Path) -> Result<ExitCode> {
    let file = BufReader::new(open_input(input)?);
    let (digest, report) = darkroom_core::ContentDigest::of(file, Some(&super::file_name(input)))?;
    println!("{digest}");
    eprintln!("{}: {}", report.kind.name(), report.summary());
    Ok(ExitCode::SUCCESS)
}
