use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Darkroom: a zero-knowledge drop box for photos and documents.
///
/// Exit codes: 0 success, 1 bad input (the message says what to do),
/// 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "darkroom", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Remove metadata from a photo, losslessly.
    Strip {
        /// The photo (JPEG, PNG, WebP; other files are copied unchanged, and the report says so).
        input: PathBuf,
        /// Where to write the stripped file.
        #[arg(short, long)]
        output: PathBuf,
        /// Also write the strip report as JSON.
        #[arg(long, value_name = "FILE")]
        report_json: Option<PathBuf>,
    },
    /// Print a file's content digest, which stripping does not change.
    Digest {
        /// The file.
        input: PathBuf,
    },
    /// Strip a file and seal it to the newsroom's key.
    Seal {
        /// The file to send.
        input: PathBuf,
        /// A newsroom recipient (age1…); repeat for several.
        #[arg(long = "to", value_name = "RECIPIENT", required = true)]
        to: Vec<String>,
        /// A message for the newsroom, sealed with the file. It shows in
        /// the process list and shell history; prefer --message-file.
        #[arg(long, conflicts_with = "message_file")]
        message: Option<String>,
        /// Read the message for the newsroom from a file (UTF-8).
        #[arg(long, value_name = "FILE")]
        message_file: Option<PathBuf>,
        /// The file name the newsroom sees (default: the input's name).
        #[arg(long, value_name = "NAME")]
        file_name: Option<String>,
        /// Where to write the envelope.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Newsroom tools, for the offline machine.
    #[command(subcommand)]
    Newsroom(Newsroom),
    /// Walk through stripping, sealing and opening with a demo key.
    Demo {
        /// Where to keep the demo key and files.
        #[arg(long, default_value = "demo")]
        dir: PathBuf,
        /// A photo of your own to use instead of the built-in sample.
        photo: Option<PathBuf>,
    },
    /// Measure stripping and sealing against exiftool, mat2 and age.
    Bench {
        /// Number of 12-megapixel JPEGs to strip.
        #[arg(long, default_value_t = 5)]
        files: usize,
        /// Megabytes to seal for the throughput figure.
        #[arg(long, default_value_t = 256)]
        seal_mib: u64,
        /// Also seal and open a file of this many MiB and report peak memory.
        #[arg(long, default_value_t = 1024)]
        memory_mib: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum Newsroom {
    /// Make a newsroom identity (private key) and print its recipient.
    Keygen {
        /// Where to write the identity; never overwritten.
        #[arg(short, long)]
        output: PathBuf,
        /// Protect the identity with a passphrase (age scrypt).
        #[arg(long)]
        passphrase: bool,
    },
    /// Decrypt envelopes, check them, and write their files.
    Open {
        /// An envelope, or a folder of them.
        input: PathBuf,
        /// An identity file (plain, from age-keygen, or passphrase-protected); repeatable.
        #[arg(short = 'i', long = "identity", required = true)]
        identities: Vec<PathBuf>,
        /// The folder to write files and manifests into.
        #[arg(short, long)]
        output: PathBuf,
    },
}
