use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use darkroom_core::envelope::{self, SealOptions};
use zeroize::Zeroizing;

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

/// Reads a message file, refusing one larger than an envelope takes before
/// reading it all.
pub fn read_message(path: &Path) -> Result<String> {
    use std::io::Read;
    let limit = envelope::MAX_MESSAGE as u64;
    let mut bytes = Zeroizing::new(Vec::new());
    open_input(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(darkroom_core::Error::MessageTooLong.into());
    }
    let text = std::str::from_utf8(&bytes)
        .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
    Ok(text.to_string())
}
