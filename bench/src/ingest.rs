//! `darkroom-bench ingest`: many sources uploading at once to a real
//! `darkroom serve`, against the same bytes written by `dd conv=fsync` to
//! the same disk in the same run.
//!
//! The server runs as a child process (its peak RSS is read from
//! `/proc/PID/status`); the load generator is this process, one thread and
//! one connection per upload. Both work in a temporary folder in the
//! current directory, so the server and `dd` write to the same disk.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use darkroom_core::envelope::{self, SealOptions};
use rand::RngCore;

pub fn run(uploads: usize, upload_mib: u64) -> Result<ExitCode> {
    let uploads = uploads.max(1);
    let dir = tempfile::Builder::new()
        .prefix(".darkroom-bench-ingest-")
        .tempdir_in(".")
        .context("cannot make a folder in the current directory")?;
    let d = dir.path();

    // One envelope of about upload_mib MiB, sent by every uploader.
    let (recipient, sealed) = random_envelope(upload_mib)?;
    let sealed = Arc::new(sealed);
    let size = sealed.len() as u64;

    let limits = darkroom_server::config::Limits::default();
    // Throughput of the storage path: the proof of work a full pool turns
    // on (measured by `siege`) is off.
    let (mut server, url) = start_server(d, &recipient, NO_POW)?;

    eprintln!(
        "{uploads} concurrent uploads of {:.1} MiB…",
        size as f64 / 1048576.0
    );
    let start = Instant::now();
    let workers: Vec<_> = (0..uploads)
        .map(|_| {
            let sealed = sealed.clone();
            let url = url.clone();
            std::thread::spawn(move || -> Result<Duration> {
                let client = reqwest::blocking::Client::builder()
                    .timeout(None::<Duration>)
                    .build()?;
                let t = Instant::now();
                let r = upload(&client, &url, &sealed, None)?;
                if r.status().as_u16() != 201 {
                    bail!("an upload was refused: {}", r.text().unwrap_or_default());
                }
                Ok(t.elapsed())
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for w in workers {
        latencies.push(
            w.join()
                .map_err(|_| anyhow::anyhow!("an uploader panicked"))??,
        );
    }
    let wall = start.elapsed();
    let cpu = cpu_seconds(server.id());
    let rss_kib = peak_rss_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();

    let total = size * uploads as u64;
    // The same bytes as one file, and as one file per upload, each synced
    // the way a submission is before it is acknowledged.
    let one = dd(&d.join("dd.bin"), total.div_ceil(1 << 20))?;
    let per_file = {
        let start = Instant::now();
        for i in 0..uploads {
            dd(&d.join(format!("dd-{i}.bin")), size.div_ceil(1 << 20))?;
        }
        start.elapsed()
    };

    latencies.sort();
    let pct = |p| percentile(&latencies, p);
    let mib = total as f64 / 1048576.0;
    let ours = mib / wall.as_secs_f64();
    let rate = |t: Duration| mib / t.as_secs_f64();
    let mut o = std::io::stdout().lock();
    writeln!(o, "ingest: {uploads} concurrent uploads of {:.1} MiB envelopes to darkroom serve (upload_concurrency {}), vs dd conv=fsync of the same {mib:.0} MiB to the same disk", size as f64 / 1048576.0, limits.upload_concurrency)?;
    writeln!(o, "| measure | value |")?;
    writeln!(o, "|---|---|")?;
    writeln!(
        o,
        "| darkroom serve throughput | {ours:.0} MiB/s ({:.2} s) |",
        wall.as_secs_f64()
    )?;
    writeln!(
        o,
        "| dd conv=fsync, one file per upload | {:.0} MiB/s ({:.2} s) |",
        rate(per_file),
        per_file.as_secs_f64()
    )?;
    writeln!(
        o,
        "| dd conv=fsync, one file | {:.0} MiB/s ({:.2} s) |",
        rate(one),
        one.as_secs_f64()
    )?;
    writeln!(
        o,
        "| ratio to one file per upload (target ≥ 50%) | {:.0}% |",
        100.0 * ours / rate(per_file)
    )?;
    writeln!(
        o,
        "| ratio to one file | {:.0}% |",
        100.0 * ours / rate(one)
    )?;
    writeln!(o, "| latency p50 | {:.2} s |", pct(0.50).as_secs_f64())?;
    writeln!(o, "| latency p99 | {:.2} s |", pct(0.99).as_secs_f64())?;
    match rss_kib {
        Some(k) => writeln!(
            o,
            "| server peak RSS (target ≤ 200 MiB) | {:.0} MiB |",
            k as f64 / 1024.0
        )?,
        None => writeln!(o, "| server peak RSS | not available on this system |")?,
    }
    if let Some(c) = cpu {
        writeln!(
            o,
            "| server CPU time (the load generator shares the cores) | {c:.2} s |"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A new recipient, and an envelope of about `mib` MiB (at least 1) of
/// random bytes sealed to it.
pub(crate) fn random_envelope(mib: u64) -> Result<(String, Vec<u8>)> {
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    let mut plain = vec![0u8; ((mib.max(1) << 20) - 4096) as usize];
    rand::rngs::OsRng.fill_bytes(&mut plain);
    let mut sealed = Vec::new();
    envelope::seal(
        std::io::Cursor::new(&plain),
        SealOptions::new("bench.bin", vec![recipient.clone()]).sending_as_is(),
        &mut sealed,
    )?;
    Ok((recipient, sealed))
}

/// Server configuration for benchmarks that measure throughput alone.
pub(crate) const NO_POW: &str = "[limits]\nupload_pow = \"off\"\n";

/// One upload of `sealed` to the submissions API.
pub(crate) fn upload(
    client: &reqwest::blocking::Client,
    url: &str,
    sealed: &[u8],
    pow: Option<&str>,
) -> reqwest::Result<reqwest::blocking::Response> {
    let form = reqwest::blocking::multipart::Form::new().part(
        "envelope",
        reqwest::blocking::multipart::Part::bytes(sealed.to_vec()).file_name("e.age"),
    );
    let mut request = client
        .post(format!("{url}/api/v1/submissions"))
        .multipart(form);
    if let Some(p) = pow {
        request = request.header("Darkroom-PoW", p);
    }
    request.send()
}

/// The `p` quantile (0 to 1) of sorted durations; zero for none.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

/// Starts `darkroom serve` (this executable) in `dir` for `recipient`,
/// with `extra` appended to its configuration; returns it and its URL.
/// Its output is read and dropped.
pub(crate) fn start_server(
    dir: &std::path::Path,
    recipient: &str,
    extra: &str,
) -> Result<(std::process::Child, String)> {
    start_server_with(dir, recipient, &[], extra)
}

/// [`start_server`], with `manifest_args` given to `darkroom newsroom
/// manifest` as well (`--keys DIR`, for a server that checks proofs).
pub(crate) fn start_server_with(
    dir: &std::path::Path,
    recipient: &str,
    manifest_args: &[&std::ffi::OsStr],
    extra: &str,
) -> Result<(std::process::Child, String)> {
    // The newsroom's manifest, signed by a signing key made for the run.
    let signing = dir.join("bench-signing.key");
    if !signing.exists() {
        let made = Command::new(crate::darkroom())
            .args(["newsroom", "signing-keygen", "-o"])
            .arg(&signing)
            .stderr(Stdio::null())
            .output()?;
        if !made.status.success() {
            bail!("darkroom newsroom signing-keygen failed");
        }
    }
    let signed = Command::new(crate::darkroom())
        .args(["newsroom", "manifest", "-s"])
        .arg(&signing)
        .args(["--recipients", recipient, "--valid-days", "1", "-o"])
        .arg(dir.join("manifest.json"))
        .args(manifest_args)
        .stderr(Stdio::null())
        .output()?;
    if !signed.status.success() {
        bail!("darkroom newsroom manifest failed");
    }
    let key = String::from_utf8_lossy(&signed.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("newsroom signing key: ").map(str::to_string))
        .context("darkroom newsroom manifest printed no key")?;
    let config = dir.join("darkroom.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\ndata = \"data\"\nrecipients = [\"{recipient}\"]\nmanifest = \"manifest.json\"\nnewsroom_key = \"{key}\"\n{extra}"
        ),
    )?;
    let mut server = Command::new(crate::darkroom())
        .arg("serve")
        .arg("--config")
        .arg(&config)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start darkroom serve")?;
    let mut out = BufReader::new(server.stdout.take().context("server output")?);
    let url = loop {
        let mut line = String::new();
        if out.read_line(&mut line)? == 0 {
            bail!("the server exited before listening");
        }
        if let Some(u) = line.trim().strip_prefix("Darkroom is listening on ") {
            break u.to_string();
        }
    };
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    Ok((server, url))
}

/// A process's peak resident set, in KiB (Linux's VmHWM).
pub(crate) fn peak_rss_kib(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
}

/// `dd if=/dev/zero of=PATH bs=1M count=MIB conv=fsync`, timed.
pub(crate) fn dd(path: &std::path::Path, mib: u64) -> Result<Duration> {
    let start = Instant::now();
    let status = Command::new("dd")
        .arg("if=/dev/zero")
        .arg(format!("of={}", path.display()))
        .arg("bs=1M")
        .arg(format!("count={mib}"))
        .arg("conv=fsync")
        .stderr(Stdio::null())
        .status()
        .context("cannot run dd")?;
    if !status.success() {
        bail!("dd failed");
    }
    Ok(start.elapsed())
}

/// A process's user + system CPU seconds, from /proc (Linux, at its usual
/// 100 clock ticks a second).
pub(crate) fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
