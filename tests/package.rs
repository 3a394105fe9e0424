//! The Debian package: built by `scripts/build-deb` from the binary these
//! tests run, installed by dpkg into a fresh root (its maintainer scripts
//! make the user and directories there), its unit rated by `systemd-analyze
//! security --offline=yes`, the installed binary run once as the package's
//! user, and `darkroom doctor` on that deployment, sound and then broken.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use crate::server_util::*;
use crate::util::*;

fn root_tools() -> bool {
    let root = rustix::process::getuid().is_root();
    let tools = [
        "dpkg",
        "dpkg-deb",
        "systemd-analyze",
        "systemd-sysusers",
        "setpriv",
        "tor",
    ]
    .iter()
    .all(|t| tool(t).is_some());
    if !(root && tools) {
        skip("the package test needs root, dpkg, systemd-analyze, setpriv and tor");
    }
    root && tools
}

fn id_of(root: &Path, file: &str, name: &str) -> u32 {
    std::fs::read_to_string(root.join(file))
        .unwrap()
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f[0] == name).then(|| f[2].parse().unwrap())
        })
        .unwrap_or_else(|| panic!("no {name} in {file}"))
}

#[test]
fn the_package_installs_its_unit_is_hardened_and_doctor_checks_the_deployment() {
    if !root_tools() {
        return;
    }
    let n = newsroom();
    let dir = scratch("package");
    let built = ok(Command::new("scripts/build-deb")
        .env("DEB_COMPRESSION", "none")
        .arg("--binary")
        .arg(env!("CARGO_BIN_EXE_darkroom"))
        .arg("-o")
        .arg(&dir));
    let deb = dir.join(built.trim().rsplit('/').next().unwrap());
    let contents = ok(Command::new("dpkg-deb").arg("--contents").arg(&deb));
    for path in [
        "./usr/bin/darkroom",
        "./usr/lib/systemd/system/darkroom.service",
        "./usr/lib/sysusers.d/darkroom.conf",
        "./usr/lib/tmpfiles.d/darkroom.conf",
        "./etc/darkroom/darkroom.toml",
        "./usr/share/doc/darkroom/examples/torrc",
        "./usr/share/doc/darkroom/operating.md",
    ] {
        assert!(contents.contains(path), "{path} missing:\n{contents}");
    }

    // A fresh root: an empty dpkg database and nothing else. It lies under
    // the system's temporary folder, which the package's user can pass
    // through (the build folder may not be).
    let fresh = tempfile::Builder::new()
        .prefix("darkroom-package-")
        .tempdir()
        .unwrap();
    std::fs::set_permissions(fresh.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let root = fresh.path().join("root");
    for d in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "etc"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::write(root.join("var/lib/dpkg/status"), "").unwrap();
    ok(Command::new("dpkg")
        .arg(format!("--root={}", root.display()))
        .args([
            "--force-script-chrootless",
            "--force-depends",
            "--log=/dev/null",
            "-i",
        ])
        .arg(&deb));
    let uid = id_of(&root, "etc/passwd", "darkroom");
    let gid = id_of(&root, "etc/group", "darkroom");
    let data = root.join("var/lib/darkroom");
    let m = std::fs::metadata(&data).unwrap();
    assert_eq!((m.mode() & 0o7777, m.uid()), (0o700, uid));
    let conf = root.join("etc/darkroom/darkroom.toml");
    let m = std::fs::metadata(&conf).unwrap();
    assert_eq!((m.mode() & 0o7777, m.uid(), m.gid()), (0o640, 0, gid));

    // The unit: "OK" (2.0 or lower) in systemd's own rating.
    let rating = ok(Command::new("systemd-analyze")
        .args(["security", "--offline=yes"])
        .arg(format!("--root={}", root.display()))
        .arg("darkroom.service"));
    let level: f64 = rating
        .lines()
        .find_map(|l| l.strip_prefix("→ Overall exposure level for darkroom.service: "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{rating}"));
    assert!(level <= 2.0, "{rating}");

    // The deployment: the newsroom's manifest beside the configuration,
    // both listeners on loopback.
    let etc = root.join("etc/darkroom");
    ok(&mut sign_manifest(
        &n.signing_key,
        &n.recipient,
        &etc.join("manifest.json"),
    ));
    std::fs::write(
        &conf,
        format!(
            "newsroom = \"Test Desk\"\nlisten = \"127.0.0.1:18380\"\njournalist_listen = \"127.0.0.1:18381\"\ndata = {data:?}\nrecipients = [{:?}]\nmanifest = \"manifest.json\"\nnewsroom_key = {:?}\n",
            n.recipient, n.newsroom_key
        ),
    )
    .unwrap();
    for f in ["manifest.json", "manifest.json.minisig"] {
        std::fs::set_permissions(etc.join(f), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let installed = root.join("usr/bin/darkroom");

    // Run once, as the package's user: it answers, and its store is its own.
    let log = dir.join("serve.log");
    let mut server = Command::new("setpriv")
        .args([
            format!("--reuid={uid}"),
            format!("--regid={gid}"),
            "--clear-groups".to_string(),
        ])
        .arg(&installed)
        .arg("serve")
        .arg("--config")
        .arg(&conf)
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::fs::File::create(dir.join("serve.err")).unwrap())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("Darkroom is listening")
    {
        assert!(
            started.elapsed().as_secs() < 60 && server.try_wait().unwrap().is_none(),
            "{}",
            std::fs::read_to_string(dir.join("serve.err")).unwrap_or_default()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let page = reqwest::blocking::get("http://127.0.0.1:18380/").unwrap();
    assert_eq!(page.status(), 200);
    let _ = server.kill();
    let _ = server.wait();
    let db = std::fs::metadata(data.join("darkroom.sqlite3")).unwrap();
    assert_eq!(db.uid(), uid);

    // Tor's side: the package's torrc lines for this configuration, with
    // an authorized journalist.
    let tor_dir = dir.join("tor");
    let lines = ok(Command::new(&installed)
        .args(["admin", "torrc", "--config"])
        .arg(&conf)
        .arg("--tor-dir")
        .arg(&tor_dir));
    let torrc = dir.join("torrc");
    std::fs::write(
        &torrc,
        format!(
            "DataDirectory {}\nSocksPort 0\nDisableNetwork 1\n{lines}",
            dir.join("tor-data").display()
        ),
    )
    .unwrap();
    let doctor = |torrc: &Path| {
        let out = run(Command::new(&installed)
            .arg("doctor")
            .arg("--config")
            .arg(&conf)
            .arg("--torrc")
            .arg(torrc));
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    // No journalist is authorized yet: doctor says so and fails.
    let (passed, said) = doctor(&torrc);
    assert!(!passed, "{said}");
    assert!(
        said.contains("FAIL  Tor:") && said.contains("no authorized client"),
        "{said}"
    );
    let keys = dir.join("onion-keys");
    ok(Command::new(&installed)
        .args(["admin", "onion-client", "ana", "--onion"])
        .arg(format!("{}.onion", "a".repeat(56)))
        .arg("-o")
        .arg(&keys));
    let clients = tor_dir.join("darkroom-journalist/authorized_clients");
    std::fs::create_dir_all(&clients).unwrap();
    // Tor keeps its onion folders to itself.
    for d in [&tor_dir, &tor_dir.join("darkroom-journalist"), &clients] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::fs::copy(keys.join("ana.auth"), clients.join("ana.auth")).unwrap();
    let (_, said) = doctor(&torrc);
    for check in [
        "configuration permissions",
        "no identity on the server",
        "manifest",
        "listeners",
        "data directory",
        "disk space",
        "core dumps",
        "Tor",
    ] {
        assert!(
            said.contains(&format!("ok    {check}:")),
            "{check} is not ok:\n{said}"
        );
    }
    assert!(said.contains("swap:") && said.contains("clock:"), "{said}");
    // Every line says ok, warn or FAIL, and what it checked.
    for line in said.lines().filter(|l| !l.starts_with("some checks")) {
        assert!(
            ["ok  ", "warn", "FAIL"].iter().any(|t| line.starts_with(t)),
            "{line}"
        );
    }

    // Broken: the newsroom's identity copied onto the server, the store
    // opened to everyone, the configuration writable by all, no Tor.
    std::fs::copy(&n.identity, etc.join("newsroom.key")).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o666)).unwrap();
    let (passed, said) = doctor(&dir.join("no-torrc"));
    assert!(!passed, "{said}");
    for check in [
        "no identity on the server",
        "data directory",
        "configuration permissions",
        "Tor",
    ] {
        assert!(
            said.contains(&format!("FAIL  {check}:")),
            "{check} did not fail:\n{said}"
        );
    }
    assert!(said.contains("newsroom.key"), "{said}");
}
