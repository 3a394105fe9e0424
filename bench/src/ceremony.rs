//! `darkroom-bench ceremony`: one contribution, and verifying a
//! transcript of ten, at the v1 circuit's size; snarkjs doing the same
//! (`zkey contribute`, `zkey verify`) for the circom version of the
//! statement, on the same phase 1, in the same run.
//!
//! Every figure is a whole command in a child process (node's start-up is
//! counted for snarkjs, ours for us: both are what a participant runs), with
//! the child's peak resident set size.

use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::provenance::{checked, compile_circom, node};
use crate::strip_seal::peak_rss;

fn timed(c: &mut Command) -> Result<(Duration, u64)> {
    let start = Instant::now();
    let kib = peak_rss(c)?;
    Ok((start.elapsed(), kib))
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

struct Row {
    what: &'static str,
    ours: (Duration, u64),
    theirs: (Duration, u64),
}

pub fn run(
    contributions: usize,
    ptau: Option<&Path>,
    js: &Path,
    circom: &Path,
) -> Result<ExitCode> {
    let contributions = contributions.max(1);
    let js = fs::canonicalize(js).with_context(|| {
        format!(
            "{} is missing (run `npm ci --prefix tests/js`)",
            js.display()
        )
    })?;
    let circom = fs::canonicalize(circom).with_context(|| {
        format!(
            "the comparison circuit {} is missing; run from the repository root",
            circom.display()
        )
    })?;
    let snarkjs = js.join("node_modules/snarkjs/cli.js");
    if !snarkjs.exists() {
        bail!("the comparison needs {} (npm ci)", snarkjs.display());
    }
    let me = crate::darkroom();
    let dir = tempfile::Builder::new()
        .prefix("darkroom-bench-ceremony-")
        .tempdir()?;
    let d = dir.path();

    // One phase 1 for both, prepared (snarkjs needs that; we read it too).
    let ptau = match ptau {
        Some(p) => fs::canonicalize(p)?,
        None => {
            eprintln!("phase 1: snarkjs powers of tau 2^14 with one contribution, prepared for phase 2 (not timed; minutes)…");
            let p0 = d.join("pot0.ptau");
            let p1 = d.join("pot1.ptau");
            let p = d.join("pot.ptau");
            checked(
                node(&js)
                    .arg(&snarkjs)
                    .args(["powersoftau", "new", "bn128", "14"])
                    .arg(&p0),
            )?;
            checked(
                node(&js)
                    .arg(&snarkjs)
                    .args(["powersoftau", "contribute"])
                    .arg(&p0)
                    .arg(&p1)
                    .arg("-e=bench"),
            )?;
            checked(
                node(&js)
                    .arg(&snarkjs)
                    .args(["powersoftau", "prepare", "phase2"])
                    .arg(&p1)
                    .arg(&p),
            )?;
            p
        }
    };

    eprintln!("darkroom: init…");
    let t = d.join("transcript");
    let init = timed(
        Command::new(me)
            .args(["ceremony", "init", "--ptau"])
            .arg(&ptau)
            .arg("-o")
            .arg(&t),
    )?;
    eprintln!("darkroom: {contributions} contributions…");
    let mut ours_first = None;
    for i in 0..contributions {
        let r = timed(
            Command::new(me)
                .args(["ceremony", "contribute"])
                .arg(&t)
                .arg("--ptau")
                .arg(&ptau),
        )?;
        if i == 0 {
            ours_first = Some(r);
        }
    }
    eprintln!("darkroom: verify…");
    let ours_verify = timed(
        Command::new(me)
            .args(["ceremony", "verify"])
            .arg(&t)
            .arg("--ptau")
            .arg(&ptau),
    )?;

    let c = compile_circom(d, &js, &circom)?;
    let preload = d.join("peak-rss.cjs");
    fs::write(
        &preload,
        "process.on('exit', () => { if (process.env.DARKROOM_REPORT_PEAK_RSS) process.stderr.write('peak-rss-kib: ' + process.resourceUsage().maxRSS + '\\n'); });\n",
    )?;
    // node, with a hook that prints its own peak RSS (KiB) at exit, as ours does.
    let node_rss = || {
        let mut c = node(&js);
        c.arg("-r").arg(&preload);
        c
    };
    eprintln!("snarkjs: zkey new…");
    let z0 = d.join("c0000.zkey");
    let theirs_init = timed(
        node_rss()
            .arg(&snarkjs)
            .args(["zkey", "new"])
            .arg(&c.r1cs)
            .arg(&ptau)
            .arg(&z0),
    )?;
    eprintln!("snarkjs: {contributions} contributions…");
    let mut theirs_first = None;
    let mut last = z0;
    for i in 1..=contributions {
        let next = d.join(format!("c{i:04}.zkey"));
        let r = timed(
            node_rss()
                .arg(&snarkjs)
                .args(["zkey", "contribute"])
                .arg(&last)
                .arg(&next)
                .arg(format!("-e=bench {i}")),
        )?;
        if i == 1 {
            theirs_first = Some(r);
        }
        last = next;
    }
    eprintln!("snarkjs: zkey verify…");
    let theirs_verify = timed(
        node_rss()
            .arg(&snarkjs)
            .args(["zkey", "verify"])
            .arg(&c.r1cs)
            .arg(&ptau)
            .arg(&last),
    )?;
    let init_len = fs::metadata(t.join("0000.initial"))?.len();
    let step_len = fs::metadata(t.join("0001.contribution"))?.len();
    let zkey_len = fs::metadata(&last)?.len();

    let rows = [
        Row {
            what: "start (darkroom: ceremony init; snarkjs: zkey new)",
            ours: init,
            theirs: theirs_init,
        },
        Row {
            what: "one contribution (darkroom's includes checking the transcript first)",
            ours: ours_first.unwrap_or_default(),
            theirs: theirs_first.unwrap_or_default(),
        },
        Row {
            what: "verify the whole transcript",
            ours: ours_verify,
            theirs: theirs_verify,
        },
    ];
    println!();
    println!(
        "v1 circuit: darkroom {} constraints (arkworks), snarkjs {} (circom --O2); both a 2^14 domain; {contributions} contributions",
        darkroom_circuits::statement::constraint_count(),
        c.constraints
    );
    println!();
    println!("| step | darkroom time | darkroom peak RSS | snarkjs time | snarkjs peak RSS | time, snarkjs / darkroom |");
    println!("|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} | {:.2}x |",
            r.what,
            secs(r.ours.0),
            mib(r.ours.1),
            secs(r.theirs.0),
            mib(r.theirs.1),
            r.theirs.0.as_secs_f64() / r.ours.0.as_secs_f64()
        );
    }
    println!(
        "| files | initial {:.1} MiB + {:.2} MiB a contribution | | zkey {:.1} MiB (each contribution rewrites it) | | |",
        init_len as f64 / 1_048_576.0,
        step_len as f64 / 1_048_576.0,
        zkey_len as f64 / 1_048_576.0
    );
    Ok(ExitCode::SUCCESS)
}
