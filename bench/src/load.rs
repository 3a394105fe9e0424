//! `darkroom-bench load`: N sources upload continuously for T seconds to
//! a real `darkroom serve` on 127.0.0.1 while a reader fetches the pages a
//! source and a verifier open. It reports upload latency (p50, p99) and
//! throughput, the server's peak RSS, and the pages' latency under that
//! load against their latency on the same server idle, measured in the
//! same run.
//!
//! Bounded: every request has a timeout, the run stops after T seconds and
//! the uploads in flight finish. A page that does not answer 200 in time
//! fails the run: pages must keep answering while uploads saturate.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::ingest::{peak_rss_kib, percentile, random_envelope, start_server, upload, NO_POW};

/// What a source and a verifier open, in turn.
const PAGES: [&str; 4] = [
    "/",
    "/submit",
    "/verify",
    "/.well-known/darkroom/config.json",
];

/// A page must answer within this, loaded or not.
const PAGE_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) struct Sample {
    pub(crate) latencies: Vec<Duration>,
    pub(crate) failures: Vec<String>,
}

/// Fetches the pages in turn until `stop`, at most one request in flight.
pub(crate) fn read_pages(url: &str, stop: &AtomicBool, at_most: Option<usize>) -> Result<Sample> {
    let client = reqwest::blocking::Client::builder()
        .timeout(PAGE_TIMEOUT)
        .build()?;
    let mut sample = Sample {
        latencies: Vec::new(),
        failures: Vec::new(),
    };
    let mut i = 0;
    while !stop.load(Ordering::SeqCst) && at_most.is_none_or(|n| i < n) {
        let page = PAGES[i % PAGES.len()];
        i += 1;
        let t = Instant::now();
        match client.get(format!("{url}{page}")).send() {
            Ok(r) if r.status().is_success() => {
                r.bytes()?;
                sample.latencies.push(t.elapsed());
            }
            Ok(r) => sample.failures.push(format!("{page}: {}", r.status())),
            Err(e) => sample.failures.push(format!("{page}: {e}")),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    sample.latencies.sort();
    Ok(sample)
}

pub fn run(sources: usize, seconds: u64, upload_mib: u64) -> Result<ExitCode> {
    let sources = sources.max(1);
    let dir = tempfile::Builder::new()
        .prefix(".darkroom-bench-load-")
        .tempdir_in(".")
        .context("cannot make a folder in the current directory")?;

    let (recipient, sealed) = random_envelope(upload_mib)?;
    let sealed = Arc::new(sealed);
    let size = sealed.len() as u64;
    let limits = darkroom_server::config::Limits::default();
    // Throughput of the storage path: the proof of work a full pool turns
    // on (measured by `siege`) is off.
    let (mut server, url) = start_server(dir.path(), &recipient, NO_POW)?;

    // The pages on the idle server first: the baseline.
    let idle = read_pages(&url, &AtomicBool::new(false), Some(200))?;

    eprintln!(
        "{sources} sources uploading {:.1} MiB envelopes for {seconds} s…",
        size as f64 / 1048576.0
    );
    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let uploaders: Vec<_> = (0..sources)
        .map(|_| {
            let (sealed, url, stop) = (sealed.clone(), url.clone(), stop.clone());
            std::thread::spawn(move || -> Result<(Vec<Duration>, usize)> {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(seconds + 120))
                    .build()?;
                let (mut done, mut busy) = (Vec::new(), 0);
                while !stop.load(Ordering::SeqCst) {
                    let t = Instant::now();
                    let r = upload(&client, &url, &sealed, None)?;
                    match r.status().as_u16() {
                        201 => done.push(t.elapsed()),
                        // The queue was full for queue_wait_secs: the
                        // source is told to come back later.
                        503 => busy += 1,
                        _ => bail!("an upload was refused: {}", r.text().unwrap_or_default()),
                    }
                }
                Ok((done, busy))
            })
        })
        .collect();
    let reader = {
        let (url, stop) = (url.clone(), stop.clone());
        std::thread::spawn(move || read_pages(&url, &stop, None))
    };
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::SeqCst);
    let mut latencies = Vec::new();
    let mut busy = 0;
    for u in uploaders {
        let (done, b) = u
            .join()
            .map_err(|_| anyhow::anyhow!("an uploader panicked"))??;
        latencies.extend(done);
        busy += b;
    }
    let wall = start.elapsed();
    let loaded = reader
        .join()
        .map_err(|_| anyhow::anyhow!("the page reader panicked"))??;
    let rss = peak_rss_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    latencies.sort();

    let mib = latencies.len() as f64 * size as f64 / 1048576.0;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut o = std::io::stdout().lock();
    writeln!(o, "load: {sources} sources uploading {:.1} MiB envelopes for {seconds} s to darkroom serve on 127.0.0.1 (upload_concurrency {}), pages fetched meanwhile vs the same pages on the idle server", size as f64 / 1048576.0, limits.upload_concurrency)?;
    writeln!(o, "| measure | value |")?;
    writeln!(o, "|---|---|")?;
    writeln!(
        o,
        "| uploads acknowledged | {} ({:.1}/s, {:.0} MiB/s over {:.1} s) |",
        latencies.len(),
        latencies.len() as f64 / wall.as_secs_f64(),
        mib / wall.as_secs_f64(),
        wall.as_secs_f64()
    )?;
    writeln!(o, "| uploads told the server is busy (503) | {busy} |")?;
    writeln!(
        o,
        "| upload latency p50 / p99 | {:.0} ms / {:.0} ms |",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99))
    )?;
    writeln!(
        o,
        "| page latency idle p50 / p99 | {:.1} ms / {:.1} ms ({} requests) |",
        ms(percentile(&idle.latencies, 0.5)),
        ms(percentile(&idle.latencies, 0.99)),
        idle.latencies.len()
    )?;
    writeln!(
        o,
        "| page latency under load p50 / p99 | {:.1} ms / {:.1} ms ({} requests) |",
        ms(percentile(&loaded.latencies, 0.5)),
        ms(percentile(&loaded.latencies, 0.99)),
        loaded.latencies.len()
    )?;
    let ratio =
        |p| ms(percentile(&loaded.latencies, p)) / ms(percentile(&idle.latencies, p)).max(0.001);
    writeln!(
        o,
        "| page p50 / p99 under load ÷ idle | {:.1}× / {:.1}× |",
        ratio(0.5),
        ratio(0.99)
    )?;
    let failures = idle.failures.len() + loaded.failures.len();
    writeln!(
        o,
        "| pages not answered with 200 in {} s | {failures} |",
        PAGE_TIMEOUT.as_secs()
    )?;
    match rss {
        Some(k) => writeln!(o, "| server peak RSS | {:.0} MiB |", k as f64 / 1024.0)?,
        None => writeln!(o, "| server peak RSS | not available on this system |")?,
    }
    drop(o);
    if failures > 0 || loaded.latencies.is_empty() {
        let first = idle
            .failures
            .iter()
            .chain(&loaded.failures)
            .next()
            .map_or("no page was fetched under load".to_string(), |f| f.clone());
        bail!("pages stopped answering under load ({failures} failures; first: {first})");
    }
    if latencies.is_empty() {
        bail!("no upload was acknowledged in {seconds} s");
    }
    Ok(ExitCode::SUCCESS)
}
