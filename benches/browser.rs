//! `cargo bench --bench browser`: the WebAssembly client in headless
//! Chromium against the native `darkroom` CLI, on the same inputs: proving
//! the demo keys' statement (v2) for a signed photo, sealing a 64 MiB file, and checking
//! a publication (a published part of a 12 and a 48 megapixel photo) on
//! the verify page against `darkroom verify`. It
//! starts `darkroom serve --demo` in a scratch folder, and needs Debian's
//! `chromium` and `chromium-driver` (`scripts/install-test-deps`).
//!
//! Absolute times on a shared machine are noisy; the ratios in the last
//! column compare runs made minutes apart on the same machine.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::ClientBuilder;
use serde_json::{json, Value};

const PROOFS: usize = 5;
const SEAL_MIB: usize = 64;
const SEALS: usize = 3;

fn darkroom() -> Command {
    Command::new(env!("CARGO_BIN_EXE_darkroom"))
}

fn ok(c: &mut Command) -> String {
    let out = c.output().expect("starts");
    assert!(
        out.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The same bytes as `filler` in the page script below: xorshift32 from a
/// fixed seed, little-endian words. Incompressible, and not a known format,
/// so both sides seal it as it is.
fn filler(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9E37_79B9;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A child process, killed with its process group on drop.
struct Kill(Child);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &Path) -> (Kill, String) {
    let log = dir.join("server.log");
    let out = std::fs::File::create(&log).unwrap();
    let child = Kill(
        darkroom()
            .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data"])
            .arg(dir.join("data"))
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    loop {
        let printed = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(url) = printed
            .lines()
            .find_map(|l| l.strip_prefix("Darkroom is listening on "))
        {
            return (child, url.trim().to_string());
        }
        assert!(started.elapsed() < Duration::from_secs(120), "{printed}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Wall-clock milliseconds of a CLI run.
fn timed(c: &mut Command) -> f64 {
    let t = Instant::now();
    ok(c);
    t.elapsed().as_secs_f64() * 1e3
}

/// On the verify page: the checker's WebAssembly, loaded as the page
/// loads it, then `verify_publication` timed around the call alone.
const VERIFY_SCRIPT: &str = r#"
const [bundle, imageB64, runs, done] = arguments;
try {
  const data = JSON.parse(document.getElementById('verify-data').textContent);
  const bytes = new Uint8Array(await (await fetch(data.wasm)).arrayBuffer());
  await wasm_bindgen({ module_or_path: bytes });
  const image = Uint8Array.from(atob(imageB64), (c) => c.charCodeAt(0));
  const manifest = Uint8Array.from(atob(data.manifest), (c) => c.charCodeAt(0));
  const vk = new Uint8Array(data.verifying_key.match(/../g).map((h) => parseInt(h, 16)));
  const key = document.getElementById('pub-key').value;
  const ms = [];
  let verdict = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    verdict = JSON.parse(wasm_bindgen.verify_publication(manifest, data.signature, key, Date.now() / 1000, vk, bundle, image));
    ms.push(performance.now() - t0);
  }
  done({ ms, shown: verdict.shown });
} catch (e) {
  done({ error: String(e.message || e) });
}
"#;

/// A publication of the middle 80% of a `w`×`h` photo (ImageMagick's
/// plasma fractal, written by cjpeg at quality 90, 4:2:0) signed by the
/// demo device, with two redactions: (image, bundle).
fn publication(
    dir: &Path,
    data: &Path,
    w: u32,
    h: u32,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let photo = dir.join(format!("{w}.jpg"));
    ok(Command::new("sh").arg("-c").arg(format!(
        "convert -seed 1 -size {w}x{h} plasma:fractal ppm:- | cjpeg -quality 90 -sample 2x2 -outfile '{}'",
        photo.display()
    )));
    let signed = dir.join(format!("{w}-signed.jpg"));
    ok(darkroom()
        .args(["capture", "sign"])
        .arg(&photo)
        .arg("--key")
        .arg(data.join("DEMO-device.key"))
        .arg("-o")
        .arg(&signed));
    let (bundle, kept) = (
        dir.join(format!("{w}.proof.json")),
        dir.join(format!("{w}.opening.json")),
    );
    ok(darkroom()
        .arg("prove")
        .arg(&signed)
        .arg("--registry")
        .arg(data.join("DEMO-registry.json"))
        .arg("--keys")
        .arg(data.join("DEMO-proof-keys"))
        .args(["--min-anonymity", "1", "-o"])
        .arg(&bundle)
        .arg("--opening-out")
        .arg(&kept));
    let (image, published) = (
        dir.join(format!("{w}-public.jpg")),
        dir.join(format!("{w}-public.proof.json")),
    );
    ok(darkroom()
        .arg("publish")
        .arg(&signed)
        .arg("--opening")
        .arg(&kept)
        .arg("--bundle")
        .arg(&bundle)
        .args([
            "--crop",
            &format!("{},{},{},{}", w / 10, h / 10, w * 8 / 10, h * 8 / 10),
            "--redact",
            &format!("{},{},{},{}", w / 3, h / 3, w / 12, w / 12),
            "--redact",
            &format!("{},{},{},{}", w / 2, h * 2 / 3, w / 4, h / 30),
            "-o",
        ])
        .arg(&image)
        .arg("--proof")
        .arg(&published));
    (image, published)
}

const PAGE_SCRIPT: &str = r#"
const [photoB64, proofs, sealMiB, seals, done] = arguments;
const client = document.getElementById('client');
// The page's own worker, started as the page starts it (checked against
// its integrity value), and the newsroom's manifest checked first.
const served = await Darkroom.served();
const config = served.config;
const call = Darkroom.worker(client);
const provingKey = await (await fetch(config.proving_key)).arrayBuffer();
const registries = await Promise.all(config.registries.map(async (u) => (await fetch(u)).text()));
const photo = Uint8Array.from(atob(photoB64), (c) => c.charCodeAt(0));
function filler(len) {
  const words = new Uint32Array(len / 4);
  let x = 0x9E3779B9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    words[i] = x;
  }
  return words.buffer;
}
try {
  await Darkroom.newsroom(call, client, served, null);
  // The page's default (a worker per core, started when a provable file
  // is chosen), then one worker alone.
  await call({ op: 'warm' });
  const prove = [];
  const proveOne = [];
  let poolWorkers = 0;
  for (const [workers, times] of [[undefined, prove], [1, proveOne]]) {
    for (let i = 0; i < proofs; i++) {
      const file = new Blob([photo]);
      const r = await call({ op: 'seal', file, name: 'signed.jpg', message: null, replyRecipient: null,
        proof: { sidecar: null, registries, provingKey: provingKey.slice(0), window: 'day', region: 'none', workers } });
      times.push(r.proveMs);
      if (workers === undefined) {
        poolWorkers = r.proveWorkers;
      }
    }
  }
  const seal = [];
  let envelopeBytes = 0;
  for (let i = 0; i < seals; i++) {
    const file = new Blob([filler(sealMiB * 1048576)]);
    const r = await call({ op: 'seal', file, name: 'big.bin', message: null, replyRecipient: null, sendAsIs: true, proof: null });
    seal.push(r.sealMs);
    envelopeBytes = r.envelope.size;
  }
  const derive = [];
  for (let i = 0; i < seals; i++) {
    const t0 = performance.now();
    await call({ op: 'codename', salt: config.codenames.salt });
    derive.push(performance.now() - t0);
  }
  done({ prove, proveOne, poolWorkers, seal, derive, envelopeBytes, agent: navigator.userAgent });
} catch (e) {
  done({ error: String(e.message || e) });
}
"#;

/// Headless Chromium under chromedriver; both end with the returned guards.
async fn session() -> (Kill, tempfile::TempDir, fantoccini::Client) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let driver = Kill(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (scripts/install-test-deps installs it)"),
    );
    let profile = tempfile::tempdir().unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": "/usr/bin/chromium", "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", format!("--user-data-dir={}", profile.path().display()),
        ]}),
    );
    let started = Instant::now();
    let client = loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if started.elapsed() < Duration::from_secs(60) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("chromedriver: {e}"),
        }
    };
    client
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(900)),
            Some(Duration::from_secs(60)),
            Some(Duration::from_secs(0)),
        ))
        .await
        .unwrap();
    (driver, profile, client)
}

async fn browser(url: &str, photo: &[u8]) -> Value {
    let (_driver, _profile, client) = session().await;
    client.goto(&format!("{url}/submit")).await.unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(photo);
    let result = client
        .execute_async(
            PAGE_SCRIPT,
            vec![json!(b64), json!(PROOFS), json!(SEAL_MIB), json!(SEALS)],
        )
        .await
        .unwrap();
    client.close().await.unwrap();
    if let Some(e) = result.get("error") {
        panic!("in the browser: {e}");
    }
    result
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is a filter we ignore.
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (_server, url) = serve(dir);
    let data = dir.join("data");
    let signed = dir.join("signed.jpg");
    ok(darkroom()
        .args(["capture", "sign"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg"))
        .arg("--key")
        .arg(data.join("DEMO-device.key"))
        .arg("-o")
        .arg(&signed));
    let big = dir.join("big.bin");
    std::fs::write(&big, filler(SEAL_MIB << 20)).unwrap();
    let config: Value = reqwest::blocking::get(format!("{url}/.well-known/darkroom/config.json"))
        .unwrap()
        .json()
        .unwrap();
    let recipient = config["recipients"][0].as_str().unwrap().to_string();

    let prove_cli = |threads: Option<&str>| -> Vec<f64> {
        (0..PROOFS)
            .map(|i| {
                let mut c = darkroom();
                if let Some(t) = threads {
                    c.env("RAYON_NUM_THREADS", t);
                }
                c.arg("prove")
                    .arg(&signed)
                    .arg("--registry")
                    .arg(data.join("DEMO-registry.json"))
                    .arg("--keys")
                    .arg(data.join("DEMO-proof-keys"))
                    // The DEMO registry holds its one device.
                    .args(["--min-anonymity", "1"])
                    .args(["--time-window", "day", "-o"])
                    .arg(dir.join(format!("p{i}.json")))
                    .arg("--opening-out")
                    .arg(dir.join(format!("o{i}")));
                timed(&mut c)
            })
            .collect()
    };
    let cli_prove = median(prove_cli(None));
    let cli_prove_1 = median(prove_cli(Some("1")));
    let cli_seal = median(
        (0..SEALS)
            .map(|i| {
                timed(
                    darkroom()
                        .arg("seal")
                        .arg(&big)
                        // Not a kind Darkroom can clean: sent as it is.
                        .args(["--send-as-is", "--to", &recipient, "-o"])
                        .arg(dir.join(format!("big{i}.age"))),
                )
            })
            .collect(),
    );

    // A new codename stretched into its keys, here as in the worker.
    let salt =
        darkroom_core::codename::parse_salt(config["codenames"]["salt"].as_str().unwrap()).unwrap();
    let native_derive = median(
        (0..SEALS)
            .map(|_| {
                let t = Instant::now();
                let words = darkroom_core::codename::generate();
                darkroom_core::codename::derive(&words, &salt).unwrap();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    );

    // The reference Argon2 (C, Debian's `argon2`), same parameters, as a
    // process per run.
    let reference_derive = median(
        (0..SEALS)
            .map(|_| {
                use std::io::Write;
                let t = Instant::now();
                let mut child = Command::new("argon2")
                    .arg("darkroom-vector!")
                    .args(["-id", "-t", "3", "-m", "16", "-p", "1", "-l", "96", "-r"])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::null())
                    .spawn()
                    .expect("argon2 (scripts/install-test-deps installs it)");
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(darkroom_core::codename::generate().as_bytes())
                    .unwrap();
                assert!(child.wait().unwrap().success());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    );

    let rt = tokio::runtime::Runtime::new().unwrap();
    let r = rt.block_on(browser(&url, &std::fs::read(&signed).unwrap()));
    let nums = |k: &str| -> Vec<f64> {
        r[k].as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect()
    };
    let wasm_prove = median(nums("prove"));
    let wasm_prove_one = median(nums("proveOne"));
    let pool = r["poolWorkers"].as_u64().unwrap_or(0);
    let wasm_seal = median(nums("seal"));
    let wasm_derive = median(nums("derive"));
    let mib = SEAL_MIB as f64;
    let rate = |ms: f64| mib / (ms / 1e3);
    println!("browser: {}", r["agent"].as_str().unwrap_or("?"));
    println!(
        "machine: {} cores",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    println!();
    println!("| operation | browser (wasm) | CLI, all cores | CLI, 1 thread | wasm / CLI all cores | wasm / CLI 1 thread |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| prove v2 statement, {pool} workers (the page's default), median of {PROOFS} | {wasm_prove:.0} ms | {cli_prove:.0} ms | {cli_prove_1:.0} ms | {:.2} | {:.2} |",
        wasm_prove / cli_prove,
        wasm_prove / cli_prove_1
    );
    println!(
        "| prove v2 statement, 1 worker, median of {PROOFS} | {wasm_prove_one:.0} ms | | | {:.2} | {:.2} |",
        wasm_prove_one / cli_prove,
        wasm_prove_one / cli_prove_1
    );
    println!(
        "| seal {SEAL_MIB} MiB (1 worker), median of {SEALS} | {:.0} MiB/s | {:.0} MiB/s | | {:.2} (time) | |",
        rate(wasm_seal),
        rate(cli_seal),
        wasm_seal / cli_seal
    );
    println!(
        "| new codename, Argon2id 64 MiB x 3, median of {SEALS} | {wasm_derive:.0} ms | {native_derive:.0} ms (in-process, 1 lane) | | {:.2} | |",
        wasm_derive / native_derive
    );
    println!();
    println!(
        "Codename stretching against the reference Argon2 (C, `argon2` tool, same parameters, one process per run): {reference_derive:.0} ms; browser / reference {:.2}, in-process / reference {:.2}.",
        wasm_derive / reference_derive,
        native_derive / reference_derive
    );
    println!();
    // Publications, checked on the verify page and by the CLI.
    println!("| check a publication (middle 80%, 2 redactions), median of {SEALS} | browser (wasm) | CLI (whole process) | browser / CLI |");
    println!("|---|---|---|---|");
    for (mp, w, h) in [(12, 4032, 3024), (48, 8064, 6048)] {
        let (image, bundle) = publication(dir, &data, w, h);
        let cli = median(
            (0..SEALS)
                .map(|_| {
                    timed(
                        darkroom()
                            .arg("verify")
                            .arg(&bundle)
                            .arg("--image")
                            .arg(&image)
                            .arg("--keys")
                            .arg(data.join("DEMO-proof-keys"))
                            .arg("--insecure-dev-keys")
                            .arg("--registry")
                            .arg(data.join("DEMO-registry.json")),
                    )
                })
                .collect(),
        );
        let b64 = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&image).unwrap());
        let bundle_text = std::fs::read_to_string(&bundle).unwrap();
        let r = rt.block_on(async {
            let (_driver, _profile, client) = session().await;
            client.goto(&format!("{url}/verify")).await.unwrap();
            let r = client
                .execute_async(
                    VERIFY_SCRIPT,
                    vec![json!(bundle_text), json!(b64), json!(SEALS)],
                )
                .await
                .unwrap();
            client.close().await.unwrap();
            r
        });
        if let Some(e) = r.get("error") {
            panic!("in the browser: {e}");
        }
        let wasm = median(
            r["ms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect(),
        );
        println!(
            "| {mp} MP ({w}×{h}): {} | {wasm:.0} ms | {cli:.0} ms | {:.2} |",
            r["shown"]
                .as_str()
                .unwrap_or("?")
                .split(';')
                .next()
                .unwrap_or("?"),
            wasm / cli
        );
    }
    println!();
    println!("Browser times are measured in the worker around the WebAssembly call (proving includes reading the");
    println!("proving key; sealing includes copying the file into WebAssembly memory). CLI times are whole");
    println!("processes: start-up, reading the key or file, and writing the output. A publication is checked on the");
    println!("page itself, timed around the WebAssembly call (decoding, hashing the shown tiles, the Groth16 check).");
}
