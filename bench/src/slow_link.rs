//! `darkroom-bench slow-link`: what a source's browser downloads before
//! `/submit` can seal, and the proving key a proof needs, through a link
//! paced like a Tor circuit (1.5 Mbit/s each way and 400 ms round trips by
//! default; a proxy in user space, as netem is not in every kernel). curl
//! asks for them as before this server compressed or let anything be kept
//! (no coding, every visit in full), and as Tor Browser asks (`br`, then
//! revalidated with the first visit's `ETag`s), in the same run. Then
//! Firefox ESR with Tor Browser's preferences (`bench/src/firefox.rs`), at
//! Standard and at Safer, through the same link: how long until `/submit`
//! takes a file, and how long a 10 MB photo and a proof take to send.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// The files `/submit` loads before it can seal, after the page itself.
const CLIENT: [&str; 4] = [
    "/static/client/common.js",
    "/static/client/submit.js",
    "/static/client/worker.js",
    "/static/client/darkroom_web_bg.wasm",
];

/// The same at Safer, with the JavaScript build in place of the
/// WebAssembly.
const CLIENT_JS: [&str; 4] = [
    "/static/client/common.js",
    "/static/client/submit.js",
    "/static/client/worker.js",
    "/static/client/darkroom_web_js.js",
];

/// Tor Browser's `Accept-Encoding`.
const TOR_BROWSER: &str = "gzip, deflate, br, zstd";

/// A link's pace: bytes a second each way, and the time one way.
#[derive(Clone, Copy)]
struct Pace {
    bytes_per_sec: f64,
    one_way: Duration,
}

/// A proxy on 127.0.0.1 that forwards to `upstream`, delaying each chunk
/// by the one-way time and spacing chunks at the link's rate, each way.
fn pacing_proxy(upstream: SocketAddr, pace: Pace) -> Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(upstream) else {
                continue;
            };
            let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) else {
                continue;
            };
            pipe(client, s2, pace);
            pipe(server, c2, pace);
        }
    });
    Ok(addr)
}

/// Copies `from` to `to` at `pace`: one thread reads and stamps each
/// chunk, another writes it when the link would have delivered it.
fn pipe(mut from: TcpStream, mut to: TcpStream, pace: Pace) {
    let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n @ 1..) = from.read(&mut buf) {
            if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    std::thread::spawn(move || {
        let mut free = Instant::now();
        for (at, bytes) in rx {
            let start = (at + pace.one_way).max(free);
            let done = start + Duration::from_secs_f64(bytes.len() as f64 / pace.bytes_per_sec);
            if let Some(wait) = done.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            if to.write_all(&bytes).is_err() {
                break;
            }
            free = done;
        }
        let _ = to.shutdown(Shutdown::Write);
    });
}

/// One visit: curl fetches `paths` from `base` over one connection, with
/// `accept` and, per path, an `If-None-Match`. Returns the bytes of the
/// bodies, the seconds the visit took, and each answer's `ETag`.
fn visit(
    base: &str,
    paths: &[&str],
    accept: &str,
    etags: &[Option<String>],
    headers_file: &Path,
) -> Result<(u64, f64, Vec<Option<String>>)> {
    let header_file = |i: usize| headers_file.with_extension(i.to_string());
    let mut c = Command::new("curl");
    for (i, path) in paths.iter().enumerate() {
        if i > 0 {
            c.arg("--next");
        }
        let _ = std::fs::remove_file(header_file(i));
        c.args(["-s", "-o", "/dev/null", "-w", "%{size_download}\\n"])
            .arg("-D")
            .arg(header_file(i))
            .args(["-H", &format!("Accept-Encoding: {accept}")]);
        if let Some(Some(tag)) = etags.get(i) {
            c.args(["-H", &format!("If-None-Match: {tag}")]);
        }
        c.arg(format!("{base}{path}"));
    }
    let started = Instant::now();
    let out = c
        .stderr(Stdio::null())
        .output()
        .context("cannot run curl")?;
    let seconds = started.elapsed().as_secs_f64();
    if !out.status.success() {
        bail!("curl failed");
    }
    let bytes = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse::<u64>().ok())
        .sum();
    // Each answer's headers, in order.
    let mut tags = Vec::new();
    for i in 0..paths.len() {
        let headers = std::fs::read_to_string(header_file(i))?;
        tags.push(headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("etag").then(|| v.trim().to_string())
        }));
    }
    Ok((bytes, seconds, tags))
}

pub fn run(kbit_per_sec: u64, rtt_ms: u64) -> Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let mut server = Command::new(crate::darkroom())
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path().join("data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start darkroom serve --demo")?;
    let mut out = std::io::BufReader::new(server.stdout.take().context("server output")?);
    let url = loop {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut out, &mut line)? == 0 {
            bail!("the server exited before listening");
        }
        if let Some(u) = line.trim().strip_prefix("Darkroom is listening on ") {
            break u.to_string();
        }
    };
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let upstream: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()?;
    let pace = Pace {
        bytes_per_sec: kbit_per_sec as f64 * 1000.0 / 8.0,
        one_way: Duration::from_millis(rtt_ms / 2),
    };
    let base = format!("http://{}", pacing_proxy(upstream, pace)?);
    let headers = dir.path().join("headers");

    let mut submit = vec!["/submit"];
    submit.extend(CLIENT);
    let mut submit_js = vec!["/submit"];
    submit_js.extend(CLIENT_JS);
    let key = ["/static/proof/proving.key"];
    // What the page fetches now: the compact form (points compressed, no
    // matrices).
    let compact_key = ["/static/proof/proving.key?form=compact"];
    let mut rows = Vec::new();
    for (what, before, now) in [
        ("/submit and its client", &submit[..], &submit[..]),
        (
            "/submit and its JavaScript client (Safer)",
            &submit_js[..],
            &submit_js[..],
        ),
        ("the proving key", &key[..], &compact_key[..]),
    ] {
        // As before: no coding, and no-store meant a second visit in full.
        let (b1, s1, _) = visit(&base, before, "identity", &[], &headers)?;
        let (b2, s2, _) = visit(&base, before, "identity", &[], &headers)?;
        // As Tor Browser asks now: compressed, then revalidated.
        let (n1, t1, tags) = visit(&base, now, TOR_BROWSER, &[], &headers)?;
        let (n2, t2, _) = visit(&base, now, TOR_BROWSER, &tags, &headers)?;
        rows.push((format!("{what}, first visit"), b1, s1, n1, t1));
        rows.push((format!("{what}, second visit"), b2, s2, n2, t2));
    }
    let data = dir.path().join("data");
    let browser = firefox_rows(&base, &data, dir.path())?;
    let _ = server.kill();
    let _ = server.wait();

    println!(
        "Through a link of {kbit_per_sec} kbit/s each way and {rtt_ms} ms round trips (curl, one connection per visit)"
    );
    println!();
    println!("| download | as before (no coding, no-store) | as Tor Browser asks (br, ETag) | time ratio |");
    println!("|---|---|---|---|");
    for (what, b, s, n, t) in rows {
        println!(
            "| {what} | {b} B, {s:.1} s | {n} B, {t:.1} s | {:.2} |",
            t / s
        );
    }
    println!();
    match browser {
        None => println!(
            "Firefox ESR or geckodriver is not installed: the browser's own times are not measured"
        ),
        Some(rows) => {
            println!("Firefox ESR with Tor Browser's preferences, through the same link:");
            println!();
            println!("| Firefox | seconds | goal |");
            println!("|---|---|---|");
            for (what, seconds, goal) in rows {
                println!("| {what} | {seconds:.1} | {goal} |");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One row of the browser's table: what, seconds, the goal.
type BrowserRow = (String, f64, &'static str);

/// A JPEG of pseudo-random pixels, `width`×`height`, at quality 90
/// (libjpeg-turbo's cjpeg): about 0.9 bytes a pixel.
fn noise_jpeg(dir: &Path, name: &str, width: usize, height: usize) -> Result<std::path::PathBuf> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut ppm = format!("P6\n{width} {height}\n255\n").into_bytes();
    let start = ppm.len();
    ppm.resize(start + width * height * 3, 0);
    rng.fill(&mut ppm[start..]);
    let raw = dir.join(format!("{name}.ppm"));
    std::fs::write(&raw, ppm)?;
    let out = dir.join(format!("{name}.jpg"));
    let status = Command::new("cjpeg")
        .args(["-quality", "90", "-outfile"])
        .arg(&out)
        .arg(&raw)
        .status()
        .context("cannot run cjpeg (libjpeg-turbo-progs)")?;
    if !status.success() {
        bail!("cjpeg failed");
    }
    Ok(out)
}

/// The times a source waits in Firefox with Tor Browser's preferences,
/// through the paced link at `base`: `/submit` ready to take a file on a
/// first and a second visit, at Standard and at Safer; a 10 MB photo from
/// the click on Send to the receipt, at both; and a signed photo with a
/// proof, the proof keys not yet downloaded, at Standard. `None` without
/// Firefox. Each row: what, seconds, the goal.
fn firefox_rows(base: &str, data: &Path, dir: &Path) -> Result<Option<Vec<BrowserRow>>> {
    use crate::firefox::{Firefox, Level};
    let big = noise_jpeg(dir, "IMG_10MB", 3856, 2892)?;
    let small = noise_jpeg(dir, "small", 800, 600)?;
    let signed = dir.join("signed.jpg");
    let status = Command::new(crate::darkroom())
        .args(["capture", "sign"])
        .arg(&small)
        .arg("--key")
        .arg(data.join("DEMO-device.key"))
        .arg("-o")
        .arg(&signed)
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("darkroom capture sign failed");
    }
    let limit = Duration::from_secs(600);
    let mut rows = Vec::new();
    for level in [Level::Standard, Level::Safer] {
        let Some(firefox) = Firefox::start(level)? else {
            return Ok(None);
        };
        let name = level.name();
        for (visit, goal) in [("first visit", "≤ 8 s"), ("second visit", "≤ 2 s")] {
            let t = Instant::now();
            firefox.goto(&format!("{base}/submit"))?;
            let state =
                firefox.wait_state("client", &["ready", "unavailable", "refused"], limit)?;
            if state != "ready" {
                bail!("at {name}, /submit is {state}");
            }
            rows.push((
                format!("{name}: `/submit` ready to take a file, {visit}"),
                t.elapsed().as_secs_f64(),
                goal,
            ));
        }
        // A 10 MB photo, from the click on Send to the receipt.
        firefox.choose("#client-files", &big)?;
        firefox.wait_state("client", &["ready"], limit)?;
        let t = Instant::now();
        firefox.click("#client-send")?;
        if firefox.wait_state("client", &["done", "failed"], limit)? != "done" {
            bail!("at {name}, the 10 MB photo was not sent");
        }
        rows.push((
            format!("{name}: a 10 MB photo, Send to receipt"),
            t.elapsed().as_secs_f64(),
            "(the upload: 10 MB at the link's rate)",
        ));
        if let Level::Standard = level {
            // A signed photo with a proof, on a fresh page: the proof keys
            // are fetched once "Attach a proof" is ticked, and proved with
            // when Send is clicked right after.
            firefox.goto(&format!("{base}/submit"))?;
            firefox.wait_state("client", &["ready"], limit)?;
            firefox.choose("#client-files", &signed)?;
            firefox.wait_state("client", &["ready"], limit)?;
            firefox
                .eval("return document.getElementById('client-proof').hidden;")?
                .as_bool()
                .filter(|hidden| !hidden)
                .context("no proof offered for the signed photo")?;
            let t = Instant::now();
            firefox.click("#proof-on")?;
            firefox.click("#client-send")?;
            if firefox.wait_state("client", &["done", "failed"], limit)? != "done" {
                bail!("the photo with a proof was not sent");
            }
            rows.push((
                format!("{name}: a signed photo with a proof, keys not yet here: tick and Send to receipt"),
                t.elapsed().as_secs_f64(),
                "≤ 15 s",
            ));
        }
    }
    Ok(Some(rows))
}
