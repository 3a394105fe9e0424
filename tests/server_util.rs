//! A test newsroom for the server tests: keys, a registered capture
//! device, a signed photo sealed with and without a proof, and helpers to
//! drive the router in-process or a real `darkroom serve`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use darkroom_server::config::{self, Config};
use darkroom_server::store::{SqliteStore, Store};
use darkroom_server::App;
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::util::*;

pub struct Newsroom {
    pub identity: PathBuf,
    pub recipient: String,
    /// The newsroom's signing key, its public key (`RW…`), and the manifest
    /// it signed for the test configuration ([`config_toml`]).
    pub signing_key: PathBuf,
    pub newsroom_key: String,
    pub manifest: PathBuf,
    pub keys: PathBuf,
    pub registry: PathBuf,
    pub root: String,
    pub signed_photo: PathBuf,
    /// The capture device's key (its public key is the registry's one).
    pub device_key: PathBuf,
    /// The signed photo sealed with `seal --prove`, and its bundle.
    pub envelope_proven: Vec<u8>,
    pub bundle: Vec<u8>,
    /// The same photo sealed without a proof.
    pub envelope_plain: Vec<u8>,
    /// A bundle made by `prove`, with its opening, for the verify page.
    pub proof_only: Vec<u8>,
    pub opening: String,
}

/// Made once per test run.
pub fn newsroom() -> &'static Newsroom {
    static N: OnceLock<Newsroom> = OnceLock::new();
    N.get_or_init(|| {
        let dir = scratch("server-newsroom");
        let (identity, recipient) = our_keygen(&dir, "newsroom.key");
        let keys = dir.join("keys");
        ok(darkroom().args(["setup", "--dev", "-o"]).arg(&keys));
        let device = dir.join("device.key");
        let public = ok(darkroom().args(["capture", "keygen", "-o"]).arg(&device));
        let (registry, root) = registry(&dir, &public);
        let signing_key = dir.join("signing.key");
        let said = ok(darkroom()
            .args(["newsroom", "signing-keygen", "-o"])
            .arg(&signing_key));
        let newsroom_key = printed_key(&said);
        let manifest = dir.join("manifest.json");
        ok(sign_manifest(&signing_key, &recipient, &manifest)
            .arg("--registry")
            .arg(&registry)
            .arg("--keys")
            .arg(&keys));
        let signed_photo = dir.join("signed.jpg");
        ok(capture_sign(&photo(), &device, &signed_photo)
            .args(["--lat", "48.85", "--lon", "2.35"]));
        let proven = dir.join("proven.age");
        ok(seal(&signed_photo, &recipient, &proven)
            .arg("--prove")
            .arg("--registry")
            .arg(&registry)
            .arg("--keys")
            .arg(&keys));
        let plain = dir.join("plain.age");
        ok(&mut seal(&signed_photo, &recipient, &plain));
        let proof_only = dir.join("proof.json");
        ok(darkroom()
            .arg("prove")
            .arg(&signed_photo)
            .arg("--registry")
            .arg(&registry)
            .arg("--keys")
            .arg(&keys)
            .args(["--region", "48,2,49,3", "-o"])
            .arg(&proof_only)
            .arg("--opening-out")
            .arg(dir.join("opening")));
        Newsroom {
            envelope_proven: std::fs::read(&proven).unwrap(),
            bundle: std::fs::read(dir.join("proven.age.proof.json")).unwrap(),
            envelope_plain: std::fs::read(&plain).unwrap(),
            proof_only: std::fs::read(&proof_only).unwrap(),
            opening: std::fs::read_to_string(dir.join("opening")).unwrap(),
            identity,
            recipient,
            signing_key,
            newsroom_key,
            manifest,
            keys,
            registry,
            root,
            signed_photo,
            device_key: device,
        }
    })
}

/// The key on a `newsroom signing key: RW…` line.
pub fn printed_key(said: &str) -> String {
    said.lines()
        .find_map(|l| l.strip_prefix("newsroom signing key: "))
        .unwrap_or_else(|| panic!("no signing key in {said}"))
        .trim()
        .to_string()
}

/// `darkroom newsroom manifest -s KEY --name "Test Desk" --recipients R -o OUT`;
/// add options before running.
pub fn sign_manifest(signing_key: &Path, recipient: &str, out: &Path) -> Command {
    let mut c = darkroom();
    c.args(["newsroom", "manifest", "-s"])
        .arg(signing_key)
        .args(["--name", "Test Desk", "--recipients", recipient, "-o"])
        .arg(out);
    c
}

pub fn photo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg")
}

/// The newsroom's configuration, with every default.
pub fn config_file(n: &Newsroom) -> config::File {
    let mut f = config::File::with_recipients(vec![n.recipient.clone()]);
    f.registry_roots = vec![n.root.clone()];
    f.verifying_key = Some(n.keys.join("verifying.key"));
    // The test keys come from `setup --dev`.
    f.insecure_dev_keys = true;
    f
}

/// The same as TOML, for a real server, with the manifest the newsroom
/// signed for it.
pub fn config_toml(n: &Newsroom, data: &Path, extra: &str) -> String {
    format!(
        "newsroom = \"Test Desk\"\nlisten = \"127.0.0.1:0\"\ndata = {:?}\nrecipients = [{:?}]\nregistry_roots = [{:?}]\nverifying_key = {:?}\ninsecure_dev_keys = true\nmanifest = {:?}\nnewsroom_key = {:?}\n{extra}",
        data,
        n.recipient,
        n.root,
        n.keys.join("verifying.key"),
        n.manifest,
        n.newsroom_key,
    )
}

/// An app over a fresh store in `dir`.
pub fn app_in(dir: &Path, file: config::File) -> Arc<App> {
    let config = Config::from_file(file, Path::new("."), false).expect("config");
    let store = SqliteStore::open(dir).expect("store");
    store.recover().expect("recover");
    App::new(config, Arc::new(store))
}

/// One part of a multipart body: name, file name, bytes.
pub type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

/// A multipart body: (name, file name, bytes) parts. Returns the content
/// type and the body.
pub fn multipart(parts: &[Part]) -> (String, Vec<u8>) {
    let boundary = "darkroom-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("JSON: {}", self.text()))
    }
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }
}

/// Sends one request through the router.
pub async fn send(app: &Arc<App>, request: Request<Body>) -> Answer {
    let response = darkroom_server::router(app.clone())
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

pub fn post_multipart(path: &str, parts: &[Part]) -> Request<Body> {
    let (ct, body) = multipart(parts);
    Request::post(path)
        .header("content-type", ct)
        .body(Body::from(body))
        .unwrap()
}

/// `darkroom admin export --data DATA -o OUT`.
pub fn admin_export(data: &Path, out: &Path) -> Command {
    let mut c = darkroom();
    c.args(["admin", "export", "--data"])
        .arg(data)
        .arg("-o")
        .arg(out);
    c
}

/// Exports the submissions in `data` and opens the archive offline with
/// the newsroom's `identity`, into `dir/opened`: that folder, and its
/// `report.json`.
pub fn export_and_open(dir: &Path, data: &Path, identity: &Path) -> (PathBuf, serde_json::Value) {
    let export = dir.join("export.tar");
    ok(&mut admin_export(data, &export));
    let opened = dir.join("opened");
    ok(&mut newsroom_open(&export, identity, &opened));
    let report =
        serde_json::from_slice(&std::fs::read(opened.join("report.json")).unwrap()).unwrap();
    (opened, report)
}

/// (rows, envelope files, temporary files) in a data directory. A
/// settling's fresh copy (`.ID.settling`, renamed over its envelope in a
/// moment) is not an envelope of its own.
pub fn stored(dir: &Path) -> (usize, usize, usize) {
    let rows = SqliteStore::open(dir).unwrap().list().unwrap().len();
    let count = |d: &str, keep: fn(&str) -> bool| {
        std::fs::read_dir(dir.join(d))
            .unwrap()
            .filter(|e| keep(&e.as_ref().unwrap().file_name().to_string_lossy()))
            .count()
    };
    (
        rows,
        count("blobs", |n| !n.ends_with(".settling")),
        count("tmp", |_| true),
    )
}

/// A `darkroom serve` child, with its output collected.
pub struct Server {
    pub child: Child,
    pub url: String,
    pub output: PathBuf,
}

impl Server {
    /// Starts `darkroom serve ARGS` and waits for its listening line; stdout
    /// and stderr go to `output`.
    pub fn start(args: &[&std::ffi::OsStr], output: &Path) -> Server {
        Server::start_in(args, output, None)
    }

    /// The same, with TMPDIR set to `tmp`.
    pub fn start_in(args: &[&std::ffi::OsStr], output: &Path, tmp: Option<&Path>) -> Server {
        // A log of an earlier run would show its listening line.
        let _ = std::fs::remove_file(output);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(output)
            .unwrap();
        let mut command = darkroom();
        if let Some(tmp) = tmp {
            command.env("TMPDIR", tmp);
        }
        let mut child = command
            .arg("serve")
            .args(args)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("server starts");
        let started = std::time::Instant::now();
        loop {
            let printed = std::fs::read_to_string(output).unwrap_or_default();
            if let Some(url) = printed
                .lines()
                .find_map(|l| l.strip_prefix("Darkroom is listening on "))
            {
                return Server {
                    child,
                    url: url.trim().to_string(),
                    output: output.to_path_buf(),
                };
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("server exited ({status}): {printed}");
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(120),
                "server did not start: {printed}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Everything it printed so far.
    pub fn printed(&self) -> String {
        std::fs::read_to_string(&self.output).unwrap_or_default()
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then wait.
    #[allow(dead_code)]
    pub fn stop(&mut self) {
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}
