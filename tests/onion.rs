//! The journalist pages on their own listener, for their own onion with
//! client authorization; the keys and `torrc` lines for it, read by Tor
//! itself (`tor --verify-config`, and a Tor that loads the keys with its
//! network off) and by Python's `cryptography` (the key pair matches).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::server_live::{config, serve};
use crate::util::*;

const ONION: &str = "darkroomjournalistaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion";

fn status(url: &str) -> u16 {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(url)
        .send()
        .unwrap()
        .status()
        .as_u16()
}

#[test]
fn journalist_pages_answer_only_on_their_own_listener() {
    let dir = scratch("onion-listeners");
    let cfg = config(&dir, "journalist_listen = \"127.0.0.1:0\"\n");
    let server = serve(&dir, &cfg);
    let printed = server.printed();
    let journalist = printed
        .lines()
        .find_map(|l| l.strip_prefix("Journalist pages on "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("{printed}"))
        .trim_end_matches("/journalist")
        .to_string();
    assert!(!printed.contains("share the sources' address"), "{printed}");
    for path in [
        "/journalist/login",
        "/journalist",
        "/journalist/sources/x",
        "/journalist/submissions/x/envelope",
    ] {
        assert_eq!(
            status(&format!("{}{path}", server.url)),
            404,
            "source listener: {path}"
        );
    }
    assert_eq!(status(&format!("{journalist}/journalist/login")), 200);
    assert_eq!(status(&format!("{journalist}/journalist")), 303);
    assert_eq!(status(&format!("{journalist}/static/darkroom.css")), 200);
    for path in [
        "/",
        "/submit",
        "/api/v1/submissions",
        "/.well-known/darkroom/config.json",
    ] {
        assert_eq!(
            status(&format!("{journalist}{path}")),
            404,
            "journalist listener: {path}"
        );
    }
    assert_eq!(status(&format!("{}/", server.url)), 200);

    // Without journalist_listen, one listener serves both, and says so.
    let dir = scratch("onion-one-listener");
    let cfg = config(&dir, "");
    let server = serve(&dir, &cfg);
    assert!(server.printed().contains("share the sources' address"));
    assert_eq!(status(&format!("{}/journalist/login", server.url)), 200);
}

/// Runs Tor with its network off on `torrc` for a few seconds; returns
/// what it logged.
fn tor_log(tor: &Path, torrc: &Path) -> String {
    let mut child = Command::new(tor)
        .arg("-f")
        .arg(torrc)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn client_keys_and_torrc_lines_are_what_tor_reads() {
    let tor = require!("tor");
    let python = require!("/usr/bin/python3");
    let dir = scratch("onion-keys");
    let keys = dir.join("keys");
    let said = ok(darkroom()
        .args(["admin", "onion-client", "ana", "--onion", ONION, "-o"])
        .arg(&keys));
    assert!(
        said.contains("ana.auth_private") && said.contains("authorized_clients"),
        "{said}"
    );
    let private = std::fs::read_to_string(keys.join("ana.auth_private")).unwrap();
    let public = std::fs::read_to_string(keys.join("ana.auth")).unwrap();
    assert!(private.starts_with(&format!(
        "{}:descriptor:x25519:",
        ONION.trim_end_matches(".onion")
    )));
    assert!(public.starts_with("descriptor:x25519:"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(keys.join("ana.auth_private"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "the private key is the journalist's alone");
    // Never overwritten; names and addresses are checked.
    fails(
        darkroom()
            .args(["admin", "onion-client", "ana", "--onion", ONION, "-o"])
            .arg(&keys),
        "never overwritten",
    );
    fails(
        darkroom()
            .args([
                "admin",
                "onion-client",
                "bo",
                "--onion",
                "example.com",
                "-o",
            ])
            .arg(&keys),
        "not a v3 onion address",
    );

    // The public key is the private key's: Python's cryptography agrees.
    let script = "import sys, base64\n\
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey\n\
        from cryptography.hazmat.primitives import serialization as s\n\
        b = lambda t: base64.b32decode(t + '=' * (-len(t) % 8))\n\
        k = X25519PrivateKey.from_private_bytes(b(sys.argv[1]))\n\
        p = k.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)\n\
        print(base64.b32encode(p).decode().rstrip('='))\n";
    let derived = ok(Command::new(&python)
        .args(["-c", script])
        .arg(private.trim().rsplit(':').next().unwrap()));
    assert_eq!(derived.trim(), public.trim().rsplit(':').next().unwrap());

    // The torrc lines for a configuration with both listeners.
    let cfg = config(&dir, "journalist_listen = \"127.0.0.1:18081\"\n");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("listen = \"127.0.0.1:0\"", "listen = \"127.0.0.1:18080\"");
    std::fs::write(&cfg, text).unwrap();
    let tor_dir = dir.join("tor");
    let lines = ok(darkroom()
        .args(["admin", "torrc", "--config"])
        .arg(&cfg)
        .arg("--tor-dir")
        .arg(&tor_dir));
    assert!(
        lines.contains("HiddenServicePoWDefensesEnabled 1"),
        "{lines}"
    );
    assert!(
        lines.contains("HiddenServicePort 80 127.0.0.1:18081"),
        "{lines}"
    );
    let data = dir.join("tor-data");
    // The journalist's side: their Tor's ClientOnionAuthDir holds the
    // private key.
    let client_dir = dir.join("client-auth");
    std::fs::create_dir_all(&client_dir).unwrap();
    std::fs::copy(
        keys.join("ana.auth_private"),
        client_dir.join("ana.auth_private"),
    )
    .unwrap();
    let torrc = dir.join("torrc");
    let write_torrc = |lines: &str| {
        std::fs::write(
            &torrc,
            format!(
                "DataDirectory {}\nSocksPort 0\nDisableNetwork 1\nLog notice stdout\nClientOnionAuthDir {}\n{lines}",
                data.display(),
                client_dir.display()
            ),
        )
        .unwrap();
    };
    write_torrc(&lines);
    let verdict = ok(Command::new(&tor)
        .arg("--verify-config")
        .arg("-f")
        .arg(&torrc));
    assert!(verdict.contains("Configuration was valid"), "{verdict}");
    // The check can fail: a misspelt option is refused.
    write_torrc(&lines.replace(
        "HiddenServicePoWDefensesEnabled",
        "HiddenServicePoWDefenseEnabled",
    ));
    let out = run(Command::new(&tor)
        .arg("--verify-config")
        .arg("-f")
        .arg(&torrc));
    assert!(!out.status.success());

    // A Tor with its network off loads the service, its authorized client
    // and the client's key without a word of complaint; a damaged key is
    // named.
    write_torrc(&lines);
    let clients = tor_dir.join("darkroom-journalist/authorized_clients");
    std::fs::create_dir_all(&clients).unwrap();
    for d in [
        &tor_dir,
        &tor_dir.join("darkroom-journalist"),
        &clients,
        &keys,
    ] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::fs::copy(keys.join("ana.auth"), clients.join("ana.auth")).unwrap();
    let complaints = |log: &str| {
        log.lines()
            .filter(|l| (l.contains("[warn]") || l.contains("[err]")) && !l.contains("as root"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let log = tor_log(&tor, &torrc);
    assert!(complaints(&log).is_empty(), "{log}");
    assert!(log.contains("Read configuration file"), "{log}");
    std::fs::write(clients.join("bo.auth"), "descriptor:x25519:NOT-A-KEY\n").unwrap();
    std::fs::write(
        client_dir.join("bo.auth_private"),
        format!(
            "{}:descriptor:x25519:NOT-A-KEY\n",
            ONION.trim_end_matches(".onion")
        ),
    )
    .unwrap();
    let log = tor_log(&tor, &torrc);
    let said = complaints(&log).join("\n");
    assert!(
        said.contains("public key") && said.contains("private key"),
        "{log}"
    );
}
