//! Shared helpers: the binary, peer tools, and the generated corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The `darkroom` binary under test. Each command gets a configuration
/// folder of its own, so no newsroom key pinned by one test is seen by
/// another; a test that follows pins sets `DARKROOM_CONFIG_DIR` itself.
pub fn darkroom() -> Command {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let mut c = Command::new(env!("CARGO_BIN_EXE_darkroom"));
    c.env_remove("DARKROOM_PASSPHRASE_FILE");
    c.env(
        "DARKROOM_CONFIG_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("config-dirs")
            .join(format!(
                "{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            )),
    );
    c
}

/// A peer tool, by name or absolute path. Missing in CI is a failure: CI
/// installs every tool (`scripts/install-test-deps`). Missing locally, the
/// test says so loudly and skips.
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = if name.contains('/') {
        Path::new(name).exists().then(|| PathBuf::from(name))
    } else {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    };
    if found.is_none() {
        skip(&format!(
            "{name} is not installed; run scripts/install-test-deps"
        ));
    }
    found
}

/// Where skipped tests are listed, one line each, for `scripts/test` to
/// count and print at the end (cargo hides a passing test's own output).
pub const SKIPPED: &str = "target/tmp/skipped.txt";

/// A test cannot run here for `why` (a peer tool or sample is missing).
/// In CI that is a failure: CI installs everything. Elsewhere the test is
/// listed in [`SKIPPED`] and says so on its output, and returns.
pub fn skip(why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{why} (CI installs every peer: scripts/install-test-deps)");
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    eprintln!("\n*** SKIPPING {test}: {why} ***\n");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SKIPPED);
    let _ = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")));
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        use std::io::Write;
        let _ = writeln!(f, "{test}: {why}");
    }
}

/// Returns from the test when a peer tool is missing outside CI.
macro_rules! require {
    ($name:expr) => {
        match $crate::util::tool($name) {
            Some(p) => p,
            None => return,
        }
    };
}

/// Runs a command and returns its output.
pub fn run(c: &mut Command) -> Output {
    c.output().expect("command starts")
}

/// Runs and asserts success, returning stdout.
pub fn ok(c: &mut Command) -> String {
    let out = run(c);
    assert!(
        out.status.success(),
        "{c:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs and asserts exit code 1 (refused) with exactly one line of error
/// that contains `needle`, and no panic.
pub fn fails(c: &mut Command, needle: &str) -> String {
    fails_with(c, 1, needle)
}

/// As [`fails`], for a check that ran and does not hold: exit code 3.
pub fn does_not_hold(c: &mut Command, needle: &str) -> String {
    fails_with(c, 3, needle)
}

/// Runs and asserts exit code `code` with exactly one line of error that
/// contains `needle`, and no panic.
pub fn fails_with(c: &mut Command, code: i32, needle: &str) -> String {
    let out = run(c);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{c:?}: {err}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line of error: {err:?}"
    );
    err
}

/// A fresh scratch folder.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The files in a folder, sorted by name.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Photos from real phones, downloaded by `scripts/fetch-device-samples`;
/// `None` (skipped loudly) when they are missing outside CI.
pub fn device_samples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/device-samples");
    let complete = std::fs::read_dir(&dir).is_ok_and(|mut d| {
        d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with(".complete-")))
    });
    if complete {
        return Some(dir);
    }
    skip("no device sample photos; run scripts/fetch-device-samples");
    None
}

/// The corpus built by `tests/corpus/generate.sh`, once per test run;
/// `None` (skipped loudly) when its tools are missing outside CI.
pub fn corpus() -> Option<&'static Path> {
    static CORPUS: OnceLock<Option<PathBuf>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            for t in [
                "/usr/bin/convert",
                "cjpeg",
                "exiftool",
                "cwebp",
                "img2webp",
                "webpmux",
                "heif-enc",
                "heif-convert",
                "ffmpeg",
                "gs",
                "qpdf",
                "pandoc",
            ] {
                tool(t)?;
            }
            let dir = scratch("corpus");
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/generate.sh");
            ok(Command::new("bash").arg(script).arg(&dir));
            Some(dir)
        })
        .as_deref()
}

/// A fresh age identity from `age-keygen`, returning (file, recipient).
pub fn age_keygen(dir: &Path, name: &str) -> Option<(PathBuf, String)> {
    let keygen = tool("age-keygen")?;
    let path = dir.join(name);
    ok(Command::new(keygen).arg("-o").arg(&path));
    let text = std::fs::read_to_string(&path).unwrap();
    let recipient = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap()
        .to_string();
    Some((path, recipient))
}

/// The `field` of each object in a strip report's `list` (`removed` names,
/// `findings` fields).
pub fn report_list<'a>(report: &'a serde_json::Value, list: &str, field: &str) -> Vec<&'a str> {
    report[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[field].as_str().unwrap())
        .collect()
}

/// A newsroom identity made by `darkroom newsroom keygen` (hybrid
/// post-quantum, the default): (file, recipient).
pub fn our_keygen(dir: &Path, name: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    let out = ok(darkroom().args(["newsroom", "keygen", "-o"]).arg(&path));
    let recipient = out.trim().to_string();
    assert!(recipient.starts_with("age1pq1"), "{recipient}");
    (path, recipient)
}

/// A classical (X25519) newsroom identity, `darkroom newsroom keygen
/// --classical`, for peers that read no hybrid keys (Debian's `age` 1.1):
/// (file, recipient).
pub fn our_classical_keygen(dir: &Path, name: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    let out = ok(darkroom()
        .args(["newsroom", "keygen", "--classical", "-o"])
        .arg(&path));
    let recipient = out.trim().to_string();
    assert!(
        recipient.starts_with("age1") && !recipient.starts_with("age1pq1"),
        "{recipient}"
    );
    (path, recipient)
}

/// Filler devices, so that a registry holds the 32 devices a client
/// proves against by default: fixed test keys nobody signs with.
pub const REGISTRY_SIZE: usize = 32;

/// A registry of the devices in `devices` (public keys, one a line) and
/// filler devices up to [`REGISTRY_SIZE`], written to
/// `dir/registry.json`: returns (file, root).
pub fn registry(dir: &Path, devices: &str) -> (PathBuf, String) {
    let mut list = devices.to_string();
    if !list.ends_with('\n') && !list.is_empty() {
        list.push('\n');
    }
    let given = list.lines().filter(|l| !l.trim().is_empty()).count();
    for i in given..REGISTRY_SIZE {
        let filler = darkroom_circuits::eddsa::PrivateKey::from_bytes([200 + i as u8; 32]);
        list.push_str(&format!(
            "{}  # filler device {i}\n",
            darkroom_circuits::eddsa::public_key_hex(&filler.public())
        ));
    }
    std::fs::write(dir.join("devices.txt"), list).unwrap();
    let registry = dir.join("registry.json");
    ok(darkroom()
        .args(["registry", "build"])
        .arg(dir.join("devices.txt"))
        .arg("-o")
        .arg(&registry));
    let root = ok(darkroom().args(["registry", "root"]).arg(&registry))
        .trim()
        .to_string();
    (registry, root)
}

/// `darkroom capture sign INPUT --key KEY -o OUT`; add options before running.
pub fn capture_sign(input: &Path, key: &Path, out: &Path) -> Command {
    let mut c = darkroom();
    c.args(["capture", "sign"])
        .arg(input)
        .arg("--key")
        .arg(key)
        .arg("-o")
        .arg(out);
    c
}

/// `darkroom newsroom open ENVELOPE -i KEY -o OUT`.
pub fn newsroom_open(envelope: &Path, key: &Path, out: impl AsRef<Path>) -> Command {
    let mut c = darkroom();
    c.args(["newsroom", "open"])
        .arg(envelope)
        .arg("-i")
        .arg(key)
        .arg("-o")
        .arg(out.as_ref());
    c
}

/// `darkroom seal INPUT --to RECIPIENT -o OUT`.
pub fn seal(input: &Path, recipient: &str, out: impl AsRef<Path>) -> Command {
    let mut c = darkroom();
    c.arg("seal")
        .arg(input)
        .args(["--to", recipient, "-o"])
        .arg(out.as_ref());
    c
}

/// Runs `tests/js/SCRIPT` with node, one stdin line per request, and returns
/// its stdout lines; `None` (skipped loudly) when node or the npm package
/// `package` is missing outside CI.
pub fn node_oracle(script: &str, package: &str, lines: &[String]) -> Option<Vec<String>> {
    use std::io::Write;
    use std::process::Stdio;
    let node = tool("node")?;
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    if !js.join("node_modules").join(package).exists() {
        tool(&format!(
            "tests/js/node_modules/{package} (npm ci --prefix tests/js)"
        ))?;
    }
    let mut child = Command::new(node)
        .arg(js.join(script))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for line in lines {
        writeln!(stdin, "{line}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node {script} failed");
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

/// [`node_oracle`] with one JSON request per line and one JSON answer per
/// line.
pub fn node_json(
    script: &str,
    package: &str,
    requests: &[serde_json::Value],
) -> Option<Vec<serde_json::Value>> {
    let lines: Vec<String> = requests.iter().map(serde_json::Value::to_string).collect();
    let out = node_oracle(script, package, &lines)?;
    Some(
        out.iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}
