//! One module per subcommand.

mod bench;
mod demo;
mod newsroom;
mod seal;
mod strip;

use std::process::ExitCode;

pub use bench::report_peak_rss;

use anyhow::Result;

use crate::cli::{Cli, Command, Newsroom};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Strip {
            input,
            output,
            report_json,
        } => strip::run(&input, &output, report_json.as_deref()),
        Command::Digest { input } => strip::digest(&input),
        Command::Seal {
            input,
            to,
            message,
            message_file,
            file_name,
            output,
        } => {
            let message = match message_file {
                Some(path) => Some(seal::read_message(&path)?),
                None => message,
            };
            seal::run(&input, to, message, file_name, &output)
        }
        Command::Newsroom(Newsroom::Keygen { output, passphrase }) => {
            newsroom::keygen(&output, passphrase)
        }
        Command::Newsroom(Newsroom::Open {
            input,
            identities,
            output,
        }) => newsroom::open(&input, &identities, &output),
        Command::Demo { dir, photo } => demo::run(&dir, photo.as_deref()),
        Command::Bench {
            files,
            seal_mib,
            memory_mib,
        } => bench::run(files, seal_mib, memory_mib),
    }
}

/// The input's file name as a string, for type checks and manifests.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
