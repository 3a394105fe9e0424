//! `darkroom`: the command-line client for every role.
//!
//! # Layout
//! - `cli`: the argument grammar.
//! - `commands/*`: one module per subcommand, thin over `darkroom-core`.
//! - `keys`: reading and writing newsroom identities.
//! - `output`: files that appear whole or not at all.
//! - `peak_rss`: a process's peak memory, reported for the benchmarks
//!   (`darkroom-bench`).
#![forbid(unsafe_code)]

mod address;
mod cli;
mod clock;
mod commands;
mod exit;
mod hardening;
mod keys;
mod output;
mod peak_rss;
mod transport;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A panic is a bug, but a source must still see one sentence, not a
    // backtrace with paths in it.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("darkroom: internal error ({what}); nothing was kept; please report this");
    }));
    // Sources' files, the newsroom's identity and the server's sessions
    // pass through memory; a crash must not write them to disk.
    if let Err(e) = hardening::forbid_core_dumps() {
        eprintln!(
            "darkroom: warning: cannot turn off core dumps ({e}); turn them off for this user"
        );
    }
    let cli = cli::Cli::parse();
    let result = commands::run(cli);
    peak_rss::report();
    match result {
        Ok(code) => code,
        Err(err) => {
            let mut msg = err.to_string();
            for cause in err.chain().skip(1) {
                msg.push_str(": ");
                msg.push_str(&cause.to_string());
            }
            eprintln!("darkroom: {msg}");
            ExitCode::from(exit::code_for(&err))
        }
    }
}
