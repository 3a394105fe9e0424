//! `darkroom-bench envelopes`: age envelopes to hybrid post-quantum
//! recipients (`mlkem768x25519`) beside X25519 ones, in one run: the
//! header each adds, sealing and opening a 1 KiB file, and sealing a large
//! one. Everything is in this process, through the `age` crate, so the
//! figures differ only by the recipients.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use darkroom_core::hybrid;
use rand::RngCore;

use crate::strip_seal::median_of;

struct Row {
    kind: &'static str,
    count: usize,
    header: usize,
    seal_small: Duration,
    open_small: Duration,
    seal_large: Duration,
}

fn seal(recipients: &[&dyn age::Recipient], plain: &[u8]) -> Result<Vec<u8>> {
    let e = age::Encryptor::with_recipients(recipients.iter().copied())?;
    let mut out = Vec::with_capacity(plain.len() + 8192);
    let mut w = e.wrap_output(&mut out)?;
    w.write_all(plain)?;
    w.finish()?;
    Ok(out)
}

fn open(identity: &dyn age::Identity, file: &[u8]) -> Result<Vec<u8>> {
    let d = age::Decryptor::new(file)?;
    let mut r = d.decrypt(std::iter::once(identity))?;
    let mut plain = Vec::new();
    r.read_to_end(&mut plain)?;
    Ok(plain)
}

/// The header's length: up to and including the `---` line.
fn header_len(file: &[u8]) -> Result<usize> {
    let at = file
        .windows(4)
        .position(|w| w == b"\n---")
        .context("no header end")?;
    let end = file[at + 1..]
        .iter()
        .position(|&b| b == b'\n')
        .context("no header end")?;
    Ok(at + 1 + end + 1)
}

fn measure(
    kind: &'static str,
    recipients: &[&dyn age::Recipient],
    identity: &dyn age::Identity,
    runs: usize,
    large: &[u8],
) -> Result<Row> {
    let mut small = [0u8; 1024];
    rand::rngs::OsRng.fill_bytes(&mut small);
    let mut seals = Vec::new();
    let mut opens = Vec::new();
    let mut header = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let file = seal(recipients, &small)?;
        seals.push(start.elapsed());
        header = header_len(&file)?;
        let start = Instant::now();
        let back = open(identity, &file)?;
        opens.push(start.elapsed());
        anyhow::ensure!(
            back == small,
            "{kind}: the file did not open to what was sealed"
        );
    }
    let mut larges = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        seal(recipients, large)?;
        larges.push(start.elapsed());
    }
    Ok(Row {
        kind,
        count: recipients.len(),
        header,
        seal_small: median_of(seals),
        open_small: median_of(opens),
        seal_large: median_of(larges),
    })
}

pub fn run(runs: usize, mib: usize) -> Result<std::process::ExitCode> {
    let runs = runs.max(1);
    let mut large = vec![0u8; mib.max(1) << 20];
    rand::rngs::OsRng.fill_bytes(&mut large);
    let classical: Vec<age::x25519::Identity> =
        (0..3).map(|_| age::x25519::Identity::generate()).collect();
    let classical_public: Vec<_> = classical.iter().map(|i| i.to_public()).collect();
    let hybrid: Vec<hybrid::Identity> = (0..3).map(|_| hybrid::Identity::generate()).collect();
    let hybrid_public: Vec<_> = hybrid.iter().map(|i| i.to_public()).collect();
    let mut rows = Vec::new();
    for count in [1, 3] {
        eprintln!("X25519 × {count}…");
        let r: Vec<&dyn age::Recipient> = classical_public[..count]
            .iter()
            .map(|r| r as &dyn age::Recipient)
            .collect();
        rows.push(measure("X25519", &r, &classical[count - 1], runs, &large)?);
        eprintln!("mlkem768x25519 × {count}…");
        let r: Vec<&dyn age::Recipient> = hybrid_public[..count]
            .iter()
            .map(|r| r as &dyn age::Recipient)
            .collect();
        rows.push(measure(
            "mlkem768x25519",
            &r,
            &hybrid[count - 1],
            runs,
            &large,
        )?);
    }
    let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1e3);
    let mibps = |d: Duration| format!("{:.0} MiB/s", mib.max(1) as f64 / d.as_secs_f64());
    println!();
    println!(
        "| recipients | header | seal 1 KiB (median of {runs}) | open 1 KiB | seal {} MiB (median of 3) | seal 1 KiB / X25519's |",
        mib.max(1)
    );
    println!("|---|---|---|---|---|---|");
    for pair in rows.chunks(2) {
        let base = &pair[0];
        for row in pair {
            println!(
                "| {} × {} | {} B | {} | {} | {} | {:.1}x |",
                row.kind,
                row.count,
                row.header,
                ms(row.seal_small),
                ms(row.open_small),
                mibps(row.seal_large),
                row.seal_small.as_secs_f64() / base.seal_small.as_secs_f64()
            );
        }
    }
    println!();
    println!("The header is the whole age header, with its random grease stanza, so it varies by a few dozen bytes.");
    Ok(std::process::ExitCode::SUCCESS)
}
