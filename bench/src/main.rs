//! `darkroom-bench`: Darkroom's benchmarks, kept out of the `darkroom`
//! binary that sources and newsrooms run. Each one measures Darkroom
//! against a peer tool in the same run, as whole processes, and prints a
//! table; absolute times on shared machines are noisy, so the ratios are
//! the figures to read.
//!
//! It runs the `darkroom` binary it finds beside itself (so build both
//! with the same profile: `cargo build --release --workspace`), or the one
//! `--darkroom` names.
//!
//! # Layout
//! - `strip_seal`: stripping against exiftool and mat2, sealing against age,
//!   peak memory.
//! - `formats`: stripping HEIC, MP4, MP3, FLAC and WAV against exiftool,
//!   mat2, ffmpeg and cp.
//! - `provenance`: proofs against snarkjs on the circom version.
//! - `ceremony`: a setup contribution and a transcript's verification
//!   against snarkjs zkey.
//! - `ingest`: concurrent uploads to a real server against dd.
//! - `load`: pages while sources upload.
//! - `siege`: an honest upload among drippers and stalled connections, a
//!   flood of logins, and a flood of the verify page, against the same
//!   server idle.
//! - `verify_flood`: the worst publication the verify page checks, and the
//!   clients that post it.
//! - `newsroom`: opening an export against age -d.
//! - `publish`: publishing part of a signed photo and verifying it,
//!   against jpegtran -crop and djpeg.
//! - `slow_link`: what `/submit` and a proof download through a paced
//!   link, as before and as Tor Browser asks now, with curl; then Firefox
//!   with Tor Browser's preferences through the same link.
#![forbid(unsafe_code)]

mod ceremony;
mod envelopes;
mod firefox;
mod formats;
mod ingest;
mod load;
mod newsroom;
mod provenance;
mod publish;
mod siege;
mod slow_link;
mod strip_seal;
mod verify_flood;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use anyhow::{bail, Result};
use clap::{Parser, Subcommand};
use darkroom_circuits::statement::Version;

/// Darkroom's benchmarks, each against a peer tool in the same run.
#[derive(Debug, Parser)]
#[command(name = "darkroom-bench", version, about, long_about = None)]
struct Cli {
    /// The darkroom binary to measure (default: the one beside this one).
    #[arg(long, global = true, value_name = "PATH")]
    darkroom: Option<PathBuf>,
    #[command(subcommand)]
    command: Bench,
}

#[derive(Debug, Subcommand)]
enum Bench {
    /// Strip against exiftool and mat2, seal against age, and peak memory.
    StripSeal {
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
    /// Stripping HEIC, MP4, MP3, FLAC and WAV against exiftool, mat2, ffmpeg and cp.
    Formats {
        /// Runs of each command (the median is reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Length of the 1080p test video, in seconds (about 2.5 MB each).
        #[arg(long, default_value_t = 120)]
        video_seconds: u32,
        /// Tiny files, to check that the benchmark runs.
        #[arg(long)]
        small: bool,
    },
    /// Provenance proofs against snarkjs on the circom version of the statement.
    Provenance {
        /// Proofs to time on each side.
        #[arg(long, default_value_t = 5)]
        proofs: usize,
        #[command(flatten)]
        circom: Circom,
    },
    /// A ceremony contribution and a transcript's verification against snarkjs zkey.
    Ceremony {
        /// Contributions in the measured transcript.
        #[arg(long, default_value_t = 10)]
        contributions: usize,
        /// A prepared 2^14 .ptau to use (default: made with snarkjs, which takes minutes).
        #[arg(long)]
        ptau: Option<PathBuf>,
        #[command(flatten)]
        circom: Circom,
    },
    /// The server's ingest of concurrent uploads against dd.
    Ingest {
        /// Concurrent uploads.
        #[arg(long, default_value_t = 64)]
        uploads: usize,
        /// Size of each upload in MiB.
        #[arg(long, default_value_t = 10)]
        upload_mib: u64,
    },
    /// N sources upload for T seconds while the pages are fetched: latency, throughput, RSS.
    Load {
        /// Concurrent sources.
        #[arg(long, default_value_t = 32)]
        sources: usize,
        /// How long the sources upload, in seconds.
        #[arg(long, default_value_t = 30)]
        seconds: u64,
        /// Size of each upload in MiB.
        #[arg(long, default_value_t = 10)]
        upload_mib: u64,
    },
    /// An honest upload among slow-drip uploads and stalled connections, then a flood of logins: against the same server idle.
    Siege {
        /// Uploads that send a byte a second, reconnecting when cut off.
        #[arg(long, default_value_t = 16)]
        drippers: usize,
        /// Connections that never finish their headers.
        #[arg(long, default_value_t = 200)]
        stalled: usize,
        /// Size of the honest upload in MiB.
        #[arg(long, default_value_t = 10)]
        upload_mib: u64,
        /// Login posts at once.
        #[arg(long, default_value_t = 500)]
        logins: usize,
        /// Clients flooding the verify page with the worst publication it checks (0: none).
        #[arg(long, default_value_t = 8)]
        verifiers: usize,
    },
    /// Opening an export against the reference age -d.
    Newsroom {
        /// Envelopes in the export.
        #[arg(long, default_value_t = 1000)]
        envelopes: usize,
    },
    /// age envelopes to hybrid post-quantum recipients beside X25519 ones: header, small and large files.
    Envelopes {
        /// Small files sealed and opened for each kind (the median is reported).
        #[arg(long, default_value_t = 200)]
        runs: usize,
        /// MiB sealed for the throughput figure.
        #[arg(long, default_value_t = 64)]
        mib: usize,
    },
    /// What /submit and a proof download through a link paced like a Tor circuit, as before and as Tor Browser asks now (curl); then Firefox with Tor Browser's preferences through it.
    SlowLink {
        /// The link's rate each way, in kbit/s.
        #[arg(long, default_value_t = 1500)]
        kbit: u64,
        /// The round-trip time, in milliseconds.
        #[arg(long, default_value_t = 400)]
        rtt_ms: u64,
    },
    /// Publishing part of a signed photo and verifying it, at 1, 12 and 48 MP, against jpegtran -crop and djpeg.
    Publish {
        /// Runs of each command (the median is reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// One small photo, to check that the benchmark runs.
        #[arg(long)]
        small: bool,
    },
}

/// Where snarkjs and the circom version of the statement are.
#[derive(Debug, clap::Args)]
struct Circom {
    /// The folder with snarkjs, circom2 and circomlib installed (npm ci).
    #[arg(long, default_value = "tests/js")]
    js: PathBuf,
    /// The circom version of the statement (v1).
    #[arg(long, default_value = "circuits/circom/provenance_v1.circom")]
    circom: PathBuf,
    /// The circom version of statement v2.
    #[arg(long, default_value = "circuits/circom/provenance_v2.circom")]
    circom_v2: PathBuf,
}

static DARKROOM: OnceLock<PathBuf> = OnceLock::new();

/// The `darkroom` binary the benchmarks run.
pub(crate) fn darkroom() -> &'static Path {
    DARKROOM.get().expect("set in main")
}

/// `--darkroom`, else `darkroom` beside this executable.
fn find_darkroom(given: Option<PathBuf>) -> Result<PathBuf> {
    let path = match given {
        Some(p) => p,
        None => {
            let me = std::env::current_exe()?;
            me.with_file_name(format!("darkroom{}", std::env::consts::EXE_SUFFIX))
        }
    };
    if !path.is_file() {
        bail!(
            "{} is not there: build it first (cargo build --release --workspace), or pass --darkroom PATH",
            path.display()
        );
    }
    Ok(path)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let _ = DARKROOM.set(find_darkroom(cli.darkroom)?);
    match cli.command {
        Bench::StripSeal {
            files,
            seal_mib,
            memory_mib,
        } => strip_seal::run(files, seal_mib, memory_mib),
        Bench::Formats {
            runs,
            video_seconds,
            small,
        } => formats::run(runs, video_seconds, small),
        Bench::Provenance { proofs, circom } => provenance::run(
            proofs,
            &circom.js,
            &[
                (Version::V1, circom.circom.as_path()),
                (Version::V2, circom.circom_v2.as_path()),
            ],
        ),
        Bench::Ceremony {
            contributions,
            ptau,
            circom,
        } => ceremony::run(contributions, ptau.as_deref(), &circom.js, &circom.circom),
        Bench::Ingest {
            uploads,
            upload_mib,
        } => ingest::run(uploads, upload_mib),
        Bench::Load {
            sources,
            seconds,
            upload_mib,
        } => load::run(sources, seconds, upload_mib),
        Bench::Siege {
            drippers,
            stalled,
            upload_mib,
            logins,
            verifiers,
        } => siege::run(drippers, stalled, upload_mib, logins, verifiers),
        Bench::Newsroom { envelopes } => newsroom::run(envelopes),
        Bench::Publish { runs, small } => publish::run(runs, small),
        Bench::Envelopes { runs, mib } => envelopes::run(runs, mib),
        Bench::SlowLink { kbit, rtt_ms } => slow_link::run(kbit, rtt_ms),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            let mut msg = err.to_string();
            for cause in err.chain().skip(1) {
                msg.push_str(": ");
                msg.push_str(&cause.to_string());
            }
            eprintln!("darkroom-bench: {msg}");
            ExitCode::from(1)
        }
    }
}
