//! `darkroom-bench siege`: a real `darkroom serve` (default limits) under
//! the attacks a hostile client on the sources' onion can make, measured
//! against the same server idle in the same run.
//!
//! 1. An honest upload's time on the idle server.
//! 2. The same upload while `--drippers` clients hold upload slots (a valid
//!    age header, then one byte a second, reconnecting when cut off) and
//!    `--stalled` connections never finish their headers (recut when
//!    closed). Target: at most 2× its time on the idle server.
//! 3. `--logins` login posts at once (random names, so each gets a turn
//!    and an Argon2id run): the server's resident memory before and at its
//!    peak, how the posts were answered, and whether the pages kept
//!    answering meanwhile.
//! 4. `--verifiers` clients flooding `/verify` with the worst publication
//!    it still checks ([`crate::verify_flood`]), half of them hanging up
//!    once their upload is sent, on a server that checks proofs: the
//!    honest upload's time against the same server idle, and its resident
//!    memory against the bound its limits set.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use rand::Rng;

use crate::ingest::{random_envelope, start_server, upload};
use crate::load::read_pages;

const BOUNDARY: &str = "darkroom-siege-boundary";

/// A dripping upload: headers for the whole body, the form's opening and
/// the envelope's first 400 bytes, then a byte a second until `stop` or
/// the server cuts it off.
fn drip(addr: &str, envelope: &[u8], stop: &AtomicBool, cut: &AtomicUsize) {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"envelope\"; filename=\"e.age\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(envelope);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let head = format!(
        "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let opening = body.len() - envelope.len() + 400 - BOUNDARY.len() - 8;
    while !stop.load(Ordering::SeqCst) {
        let Ok(mut s) = TcpStream::connect(addr) else {
            std::thread::sleep(Duration::from_millis(100));
            continue;
        };
        if s.write_all(head.as_bytes()).is_err() || s.write_all(&body[..opening]).is_err() {
            continue;
        }
        let mut at = opening;
        let _ = s.set_nonblocking(true);
        while !stop.load(Ordering::SeqCst) && at < body.len() - 1 {
            std::thread::sleep(Duration::from_secs(1));
            // An answer (or a close) means the server cut it off.
            let mut b = [0u8; 64];
            let answered =
                !matches!(s.read(&mut b), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
            if answered || s.write_all(&body[at..at + 1]).is_err() {
                cut.fetch_add(1, Ordering::SeqCst);
                break;
            }
            at += 1;
        }
    }
}

/// Connections that send half their headers, recut when closed.
fn stall(addr: &str, count: usize, stop: &AtomicBool) {
    let open = || {
        TcpStream::connect(addr).ok().and_then(|mut s| {
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").ok()?;
            s.set_nonblocking(true).ok()?;
            Some(s)
        })
    };
    let mut conns: Vec<Option<TcpStream>> = (0..count).map(|_| open()).collect();
    while !stop.load(Ordering::SeqCst) {
        for c in conns.iter_mut() {
            let closed = match c {
                Some(s) => {
                    let mut b = [0u8; 256];
                    !matches!(s.read(&mut b), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
                }
                None => true,
            };
            if closed {
                *c = open();
            }
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// One login post with a random name: the status it got.
fn login(addr: &str) -> Result<u16> {
    let mut rng = rand::thread_rng();
    let name: String = (0..12).map(|_| rng.gen_range('a'..='z')).collect();
    let token = hex::encode(rng.gen::<[u8; 16]>());
    let form = format!("csrf={token}&name={name}&password=wrong-password&code=123456");
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(180)))?;
    write!(
        s,
        "POST /journalist/login HTTP/1.1\r\nHost: x\r\nCookie: darkroom_login={token}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    )?;
    let mut head = [0u8; 12];
    s.read_exact(&mut head)?;
    std::str::from_utf8(&head[9..12])?
        .parse()
        .context("not an HTTP status")
}

fn rss_kib(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Honest uploads of `sealed` to `url`, as `darkroom submit` and the page
/// make them: the proof of work first if the server asks for one (its time
/// added to `pow_spent`), then the upload. Times: the uploads alone.
fn honest(
    client: &reqwest::blocking::Client,
    url: &str,
    sealed: &[u8],
    runs: usize,
    pow_spent: &std::cell::Cell<Duration>,
) -> Result<Vec<Duration>> {
    (0..runs)
        .map(|_| {
            let c: serde_json::Value = client.get(format!("{url}/api/v1/pow")).send()?.json()?;
            let mut header = None;
            if c["required"] == true {
                let t = Instant::now();
                let token = hex::decode(c["token"].as_str().unwrap_or_default())?;
                let mut p = darkroom_core::pow::Puzzle::new(
                    &token,
                    c["difficulty"].as_u64().unwrap_or(0) as u8,
                    c["memory_kib"].as_u64().unwrap_or(0) as u32,
                    c["iterations"].as_u64().unwrap_or(0) as u32,
                )?;
                let nonce = p.solve(rand::random::<u64>() >> 1);
                header = Some(format!(
                    "{}:{nonce}",
                    c["token"].as_str().unwrap_or_default()
                ));
                pow_spent.set(pow_spent.get() + t.elapsed());
            }
            let t = Instant::now();
            let r = upload(client, url, sealed, header.as_deref())?;
            if r.status().as_u16() != 201 {
                bail!("an honest upload got {}: {}", r.status(), r.text()?);
            }
            Ok(t.elapsed())
        })
        .collect()
}

/// Samples `pid`'s resident memory every 50 ms until `done`; its peak.
fn sample_peak(pid: u32, done: Arc<AtomicBool>) -> std::thread::JoinHandle<u64> {
    std::thread::spawn(move || {
        let mut peak = 0;
        while !done.load(Ordering::SeqCst) {
            peak = peak.max(rss_kib(pid).unwrap_or(0));
            std::thread::sleep(Duration::from_millis(50));
        }
        peak
    })
}

/// What phase 4 measured.
struct VerifyFlood {
    idle: Duration,
    median: Duration,
    slowest: Duration,
    rss_before: Option<u64>,
    peak: u64,
    bound_kib: u64,
    answers: std::collections::BTreeMap<String, usize>,
}

/// Phase 4: a server that checks proofs (development keys), an honest
/// upload idle, then while `verifiers` clients flood `/verify`.
fn verify_flood(
    dir: &std::path::Path,
    recipient: &str,
    sealed: &[u8],
    verifiers: usize,
) -> Result<VerifyFlood> {
    std::fs::create_dir_all(dir)?;
    let darkroom = |args: &[&std::ffi::OsStr]| -> Result<String> {
        let out = std::process::Command::new(crate::darkroom())
            .args(args)
            .output()?;
        if !out.status.success() {
            bail!(
                "darkroom {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let os = std::ffi::OsStr::new;
    // Development proof keys, and a registry of 40 made-up devices.
    let keys = dir.join("keys");
    darkroom(&[os("setup"), os("--dev"), os("-o"), keys.as_os_str()])?;
    let devices: String = (1..=40u8)
        .map(|i| {
            let key = darkroom_circuits::eddsa::PrivateKey::from_bytes([i; 32]);
            format!(
                "{}\n",
                darkroom_circuits::eddsa::public_key_hex(&key.public())
            )
        })
        .collect();
    let list = dir.join("devices.txt");
    std::fs::write(&list, devices)?;
    let registry = dir.join("registry.json");
    darkroom(&[
        os("registry"),
        os("build"),
        list.as_os_str(),
        os("-o"),
        registry.as_os_str(),
    ])?;
    let root = darkroom(&[os("registry"), os("root"), registry.as_os_str()])?;
    let extra = format!(
        "verifying_key = {:?}\ninsecure_dev_keys = true\nregistry_roots = [{:?}]\n",
        keys.join("verifying.key"),
        root.trim()
    );
    let (mut server, url) = crate::ingest::start_server_with(
        dir,
        recipient,
        &[
            os("--keys"),
            keys.as_os_str(),
            os("--registry"),
            registry.as_os_str(),
        ],
        &extra,
    )?;
    let addr = url.trim_start_matches("http://").to_string();
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(600))
        .build()?;
    let pow = std::cell::Cell::new(Duration::ZERO);
    honest(&client, &url, sealed, 1, &pow)?;
    let idle = median(honest(&client, &url, sealed, 5, &pow)?);
    eprintln!("{verifiers} clients flooding /verify…");
    let pid = server.id();
    let rss_before = rss_kib(pid);
    let done = Arc::new(AtomicBool::new(false));
    let sampler = sample_peak(pid, done.clone());
    let stop = Arc::new(AtomicBool::new(false));
    let (clients, answers) = crate::verify_flood::flood(&addr, verifiers, &stop);
    std::thread::sleep(Duration::from_secs(3));
    let flooded = honest(&client, &url, sealed, 5, &pow)?;
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        let _ = c.join();
    }
    done.store(true, Ordering::SeqCst);
    let peak = sampler.join().unwrap_or(0);
    let _ = server.kill();
    let _ = server.wait();
    // What the limits allow: each verify slot holds at most one upload
    // and one image's coefficients (6 bytes a pixel at 4:4:4).
    let limits = darkroom_server::config::Limits::default();
    let per_check = limits.server_sealing_max() + 6 * darkroom_core::publication::MAX_PIXELS as u64;
    let bound_kib = rss_before.unwrap_or(0) + limits.verify_concurrency as u64 * per_check / 1024;
    let answers = answers.lock().map(|a| a.clone()).unwrap_or_default();
    Ok(VerifyFlood {
        idle,
        median: median(flooded.clone()),
        slowest: flooded.into_iter().max().unwrap_or_default(),
        rss_before,
        peak,
        bound_kib,
        answers,
    })
}

pub fn run(
    drippers: usize,
    stalled: usize,
    upload_mib: u64,
    logins: usize,
    verifiers: usize,
) -> Result<ExitCode> {
    let dir = tempfile::Builder::new()
        .prefix(".darkroom-bench-siege-")
        .tempdir_in(".")
        .context("cannot make a folder in the current directory")?;
    let (recipient, sealed) = random_envelope(upload_mib)?;
    let limits = darkroom_server::config::Limits::default();
    let (mut server, url) = start_server(dir.path(), &recipient, "")?;
    let addr = url.trim_start_matches("http://").to_string();
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(600))
        .build()?;
    let pow_spent = std::cell::Cell::new(Duration::ZERO);
    let honest = |runs: usize| honest(&client, &url, &sealed, runs, &pow_spent);

    // 1. Idle.
    honest(1)?;
    let idle = median(honest(5)?);

    // 2. Under attack.
    eprintln!("{drippers} drippers and {stalled} stalled connections…");
    let stop = Arc::new(AtomicBool::new(false));
    let cut = Arc::new(AtomicUsize::new(0));
    let envelope = Arc::new(sealed.clone());
    let mut attackers: Vec<_> = (0..drippers)
        .map(|_| {
            let (addr, envelope, stop, cut) =
                (addr.clone(), envelope.clone(), stop.clone(), cut.clone());
            std::thread::spawn(move || drip(&addr, &envelope, &stop, &cut))
        })
        .collect();
    attackers.push({
        let (addr, stop) = (addr.clone(), stop.clone());
        std::thread::spawn(move || stall(&addr, stalled, &stop))
    });
    // Past the second an upload gets before it can be cut off for others.
    std::thread::sleep(Duration::from_secs(3));
    let before = cut.load(Ordering::SeqCst);
    pow_spent.set(Duration::ZERO);
    let attacked = honest(5)?;
    let attacked_pow = pow_spent.get();
    // Each one the server cut off for an honest upload comes back.
    // (A dripper notices within its one-second pause.)
    std::thread::sleep(Duration::from_millis(1500));
    let cut_for_honest = cut.load(Ordering::SeqCst) - before;
    let attacked_median = median(attacked.clone());
    let attacked_max = *attacked.iter().max().unwrap_or(&Duration::ZERO);
    stop.store(true, Ordering::SeqCst);
    for a in attackers {
        let _ = a.join();
    }

    // 3. Logins.
    eprintln!("{logins} login posts at once…");
    std::thread::sleep(Duration::from_secs(1));
    let pid = server.id();
    let rss_before = rss_kib(pid);
    let done = Arc::new(AtomicBool::new(false));
    let sampler = sample_peak(pid, done.clone());
    let reader = {
        let (url, done) = (url.clone(), done.clone());
        std::thread::spawn(move || read_pages(&url, &done, None))
    };
    let started = Instant::now();
    let posts: Vec<_> = (0..logins)
        .map(|_| {
            let addr = addr.clone();
            std::thread::Builder::new()
                .stack_size(64 << 10)
                .spawn(move || login(&addr))
        })
        .collect::<Result<_, _>>()?;
    let mut answers = std::collections::BTreeMap::<String, usize>::new();
    for p in posts {
        let key = match p.join() {
            Ok(Ok(status)) => status.to_string(),
            Ok(Err(e)) => format!("no answer ({e})"),
            Err(_) => "panicked".to_string(),
        };
        *answers.entry(key).or_default() += 1;
    }
    let login_wall = started.elapsed();
    done.store(true, Ordering::SeqCst);
    let peak = sampler.join().unwrap_or(0);
    let pages = reader
        .join()
        .map_err(|_| anyhow::anyhow!("the page reader panicked"))??;
    let _ = server.kill();
    let _ = server.wait();

    // 4. The verify page flooded, on a server that checks proofs.
    let flood = if verifiers > 0 {
        Some(verify_flood(
            &dir.path().join("verify"),
            &recipient,
            &sealed,
            verifiers,
        )?)
    } else {
        None
    };

    // What the proof of work a busy server asks costs a source: solves at
    // the default difficulty, on this machine's CPU (one core).
    let mut solves: Vec<Duration> = (0..10)
        .map(|i| {
            let token = [i as u8; 46];
            let mut p = darkroom_core::pow::Puzzle::new(
                &token,
                limits.pow_difficulty,
                limits.pow_memory_kib,
                1,
            )
            .expect("default parameters");
            let t = Instant::now();
            p.solve(rand::random::<u64>() >> 1);
            t.elapsed()
        })
        .collect();
    solves.sort();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = attacked_max.as_secs_f64() / idle.as_secs_f64().max(1e-6);
    let mut o = std::io::stdout().lock();
    writeln!(o, "siege: darkroom serve on 127.0.0.1 with default limits (upload_concurrency {}, upload_idle_secs {}, max_connections {}, login_concurrency {}); an honest {:.1} MiB upload idle vs under attack, then {logins} login posts at once", limits.upload_concurrency, limits.upload_idle_secs, limits.max_connections, limits.login_concurrency, sealed.len() as f64 / 1048576.0)?;
    writeln!(o, "| measure | value |")?;
    writeln!(o, "|---|---|")?;
    writeln!(
        o,
        "| honest upload, idle server (median of 5) | {:.0} ms |",
        ms(idle)
    )?;
    writeln!(
        o,
        "| honest upload with {drippers} drippers and {stalled} stalled connections (median / slowest of 5) | {:.0} ms / {:.0} ms |",
        ms(attacked_median),
        ms(attacked_max)
    )?;
    writeln!(
        o,
        "| proof of work the honest client solved first (all 5, the server being busy) | {:.0} ms |",
        ms(attacked_pow)
    )?;
    writeln!(
        o,
        "| dripper uploads cut off during the honest ones (each reconnects) | {cut_for_honest} |"
    )?;
    writeln!(
        o,
        "| slowest under attack ÷ idle (target ≤ 2×) | {ratio:.2}× ({}) |",
        if ratio <= 2.0 { "met" } else { "missed" }
    )?;
    writeln!(
        o,
        "| proof of work at the default difficulty ({} bits, Argon2id {} KiB): median / slowest of 10 solves | {:.0} ms / {:.0} ms |",
        limits.pow_difficulty,
        limits.pow_memory_kib,
        ms(solves[5]),
        ms(solves[9])
    )?;
    let kib = |k: Option<u64>| {
        k.map_or("n/a".to_string(), |k| {
            format!("{:.0} MiB", k as f64 / 1024.0)
        })
    };
    writeln!(
        o,
        "| server RSS before the logins / peak during them | {} / {} |",
        kib(rss_before),
        kib(Some(peak))
    )?;
    let answered: Vec<String> = answers.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    writeln!(
        o,
        "| {logins} login posts answered (status: count) in {:.1} s | {} |",
        login_wall.as_secs_f64(),
        answered.join(", ")
    )?;
    writeln!(
        o,
        "| pages during the logins: p50 / p99, not answered with 200 | {:.1} ms / {:.1} ms, {} |",
        ms(crate::ingest::percentile(&pages.latencies, 0.5)),
        ms(crate::ingest::percentile(&pages.latencies, 0.99)),
        pages.failures.len()
    )?;
    if let Some(f) = &flood {
        let answered: Vec<String> = f.answers.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let ratio = f.slowest.as_secs_f64() / f.idle.as_secs_f64().max(1e-6);
        writeln!(
            o,
            "| honest upload, idle server that checks proofs (median of 5) | {:.0} ms |",
            ms(f.idle)
        )?;
        writeln!(
            o,
            "| honest upload while {verifiers} clients flood /verify with an {side}×{side} image of three full components and 4× hidden areas, half hanging up (median / slowest of 5) | {:.0} ms / {:.0} ms |",
            ms(f.median),
            ms(f.slowest),
            side = crate::verify_flood::SIDE,
        )?;
        writeln!(
            o,
            "| slowest under the verify flood ÷ idle (target ≤ 2×) | {ratio:.2}× ({}) |",
            if ratio <= 2.0 { "met" } else { "missed" }
        )?;
        writeln!(
            o,
            "| server RSS before / peak during the verify flood (bound: before + verify_concurrency × (upload limit + 6 B × 64 Mpx) = {}) | {} / {} |",
            kib(Some(f.bound_kib)),
            kib(f.rss_before),
            kib(Some(f.peak))
        )?;
        writeln!(
            o,
            "| verify posts answered (status: count) | {} |",
            answered.join(", ")
        )?;
    }
    drop(o);
    if let Some(f) = &flood {
        if f.peak > f.bound_kib {
            bail!("the server's memory passed its bound under the verify flood");
        }
        if f.answers
            .keys()
            .any(|k| !(k == "422" || k == "503" || k == "cut"))
        {
            bail!(
                "a verify post got something other than a verdict, busy, or its own hang-up: {:?}",
                f.answers
            );
        }
    }
    if !pages.failures.is_empty() || pages.latencies.is_empty() {
        bail!("pages stopped answering during the logins");
    }
    if answers.keys().any(|k| !(k == "401" || k == "503")) {
        bail!("a login post got something other than one refusal or busy: {answers:?}");
    }
    Ok(ExitCode::SUCCESS)
}
