use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use darkroom_core::envelope::{self, SealOptions};

use crate::output::{open_input, Pending};

pub fn run(
    input: &Path,
    to: Vec<String>,
    message: Option<String>,
    file_name: Option<String>,
    output: &Path,
) -> Result<ExitCode> {
    // Check the keys before touching the file, so a typo costs nothing.
    envelope::parse_recipients(&to)?;
    let file = BufReader::new(open_input(input)?);
    let mut out = Pending::beside(output)?;
    let options = SealOptions {
        file_name: file_name.unwrap_or_else(|| super::file_name(input)),
        recipients: to,
        message,
    };
    let receipt = envelope::seal(file, options, &mut out)?;
    out.commit(output)?;
    print!("{}", receipt.strip_report);
    println!("sealed to {}", output.display());
    println!("commitment: {}", receipt.commitment);
    Ok(ExitCode::SUCCESS)
}
