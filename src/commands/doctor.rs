//! `darkroom doctor --config F`: checks a deployment and prints one line
//! per check (`ok`, `warn` or `FAIL`, what was found, and what to do).
//! Exits 1 when a check fails.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use darkroom_server::config::{self, Config, MANIFEST_WARNING_DAYS};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Ok,
    Warn,
    Fail,
}

struct Report {
    lines: String,
    worst: Level,
}

impl Report {
    fn say(&mut self, level: Level, check: &str, what: impl AsRef<str>) {
        let tag = match level {
            Level::Ok => "ok  ",
            Level::Warn => "warn",
            Level::Fail => "FAIL",
        };
        let _ = writeln!(self.lines, "{tag}  {check}: {}", what.as_ref());
        self.worst = self.worst.max(level);
    }
}

pub fn run(config_path: &Path, torrc: &Path) -> Result<ExitCode> {
    let mut r = Report {
        lines: String::new(),
        worst: Level::Ok,
    };
    let base = config_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let file = match config::File::load(config_path) {
        Ok(f) => Some(f),
        Err(e) => {
            r.say(Level::Fail, "configuration", format!("{e}"));
            None
        }
    };
    if let Some(file) = file {
        let data = file
            .data
            .as_ref()
            .map(|d| base.join(d))
            .unwrap_or_else(|| PathBuf::from("darkroom-data"));
        check_config_file(&mut r, config_path);
        check_identities(&mut r, &base, &data);
        let listen = file.listen.clone();
        let journalist = file.journalist_listen.clone();
        let min_free = file.limits.min_free();
        let form_path = file.server_sealing || file.server_inbox;
        match Config::from_file(file, &base, false) {
            Ok(c) => check_manifest(&mut r, &c),
            Err(e) => r.say(Level::Fail, "configuration", format!("{e}")),
        }
        check_listeners(&mut r, &listen, journalist.as_deref());
        check_data(&mut r, &data, min_free);
        check_swap(&mut r, form_path);
        check_tor(&mut r, torrc, &listen, journalist.as_deref());
    }
    check_core_dumps(&mut r);
    check_clock(&mut r);
    print!("{}", r.lines);
    Ok(if r.worst == Level::Fail {
        println!("some checks failed; fix the lines marked FAIL and run darkroom doctor again");
        ExitCode::from(crate::exit::DOES_NOT_HOLD)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(unix)]
fn mode(path: &Path) -> Option<(u32, u32)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.mode() & 0o7777, m.uid()))
}

fn check_config_file(r: &mut Report, path: &Path) {
    match mode(path) {
        Some((m, _)) if m & 0o022 != 0 => r.say(
            Level::Fail,
            "configuration permissions",
            format!(
                "{} is writable by others ({m:o}): whoever can write it chooses the recipients. chmod go-w it (and its folder)",
                path.display()
            ),
        ),
        Some((m, _)) => r.say(
            Level::Ok,
            "configuration permissions",
            format!("{} is {m:o}", path.display()),
        ),
        None => r.say(Level::Fail, "configuration permissions", "cannot read them"),
    }
}

/// Files that hold a private key: an age identity or a minisign secret key.
fn holds_secret(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(1 << 20)]);
    text.contains("AGE-SECRET-KEY-")
        || text.contains("minisign encrypted secret key")
        || text.contains("-----BEGIN AGE ENCRYPTED FILE-----") && text.contains("scrypt")
}

fn check_identities(r: &mut Report, base: &Path, data: &Path) {
    let mut found = Vec::new();
    let mut dirs = vec![base.to_path_buf(), base.join("keys")];
    // The store's own files are envelopes: only its top level is looked at.
    dirs.push(data.to_path_buf());
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_file() && holds_secret(&p) {
                found.push(p.display().to_string());
            }
        }
    }
    if found.is_empty() {
        r.say(
            Level::Ok,
            "no identity on the server",
            "no age identity or signing key beside the configuration or in the data directory",
        );
    } else {
        r.say(
            Level::Fail,
            "no identity on the server",
            format!(
                "private keys found: {}. Move them to the offline newsroom machine and delete them here (shred)",
                found.join(", ")
            ),
        );
    }
}

fn check_manifest(r: &mut Report, c: &Config) {
    if c.recipients.is_empty() {
        r.say(
            Level::Fail,
            "recipients",
            "none: set the newsroom's age1… recipients",
        );
    }
    match &c.published {
        None => r.say(
            Level::Fail,
            "manifest",
            "none configured: sources' clients would refuse this server. Sign one offline (darkroom newsroom manifest) and set manifest and newsroom_key",
        ),
        Some(p) => {
            let now = config::now();
            let left = p.manifest.expires.saturating_sub(now) / 86_400;
            if p.manifest.demo {
                r.say(Level::Fail, "manifest", "it is a DEMO manifest");
            } else if p.manifest.expires <= now {
                r.say(
                    Level::Fail,
                    "manifest",
                    "expired: sources refuse this server. Ask the newsroom to sign a new one",
                );
            } else if left < MANIFEST_WARNING_DAYS {
                r.say(
                    Level::Warn,
                    "manifest",
                    format!("valid, signed by {}, but expires in {left} day(s): ask the newsroom to sign a new one", p.key.fingerprint()),
                );
            } else {
                r.say(
                    Level::Ok,
                    "manifest",
                    format!(
                        "signed by {} and matching this configuration; {left} day(s) left",
                        p.key.fingerprint()
                    ),
                );
            }
        }
    }
}

fn loopback(addr: &str) -> bool {
    addr.parse::<std::net::SocketAddr>()
        .is_ok_and(|a| a.ip().is_loopback())
}

fn check_listeners(r: &mut Report, listen: &str, journalist: Option<&str>) {
    match journalist {
        None => r.say(
            Level::Warn,
            "listeners",
            "journalist pages share the sources' listener: set journalist_listen and give it its own onion with client authorization",
        ),
        Some(j) if !loopback(listen) || !loopback(j) => r.say(
            Level::Warn,
            "listeners",
            format!("{listen} / {j}: not loopback only; behind Tor, listen on 127.0.0.1"),
        ),
        Some(j) => r.say(
            Level::Ok,
            "listeners",
            format!("sources on {listen}, journalists on {j}, loopback only"),
        ),
    }
}

fn check_data(r: &mut Report, data: &Path, min_free: u64) {
    if !data.join("darkroom.sqlite3").exists() {
        r.say(
            Level::Warn,
            "data directory",
            format!(
                "{} holds no store yet: darkroom serve makes it on first start",
                data.display()
            ),
        );
    } else {
        match mode(data) {
            Some((m, _)) if m & 0o077 != 0 => r.say(
                Level::Fail,
                "data directory",
                format!(
                    "{} is {m:o}: others can list or read envelopes. chmod 700 it",
                    data.display()
                ),
            ),
            Some((m, uid)) => r.say(
                Level::Ok,
                "data directory",
                format!("{} is {m:o}, owned by uid {uid}", data.display()),
            ),
            None => r.say(Level::Fail, "data directory", "cannot read it"),
        }
    }
    let probe = if data.exists() {
        data.to_path_buf()
    } else {
        data.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let free = rustix::fs::statvfs(&probe)
        .ok()
        .map(|s| s.f_bavail.saturating_mul(s.f_frsize));
    match free {
        Some(free) if free < min_free => r.say(
            Level::Fail,
            "disk space",
            format!(
                "{} MiB free, under min_free_mib ({}): uploads are refused. Free space or move the data directory",
                free >> 20,
                min_free >> 20
            ),
        ),
        Some(free) if free < min_free.saturating_mul(4) => r.say(
            Level::Warn,
            "disk space",
            format!(
                "{} MiB free; uploads stop at {} MiB",
                free >> 20,
                min_free >> 20
            ),
        ),
        Some(free) => r.say(Level::Ok, "disk space", format!("{} MiB free", free >> 20)),
        None => r.say(Level::Warn, "disk space", "cannot tell"),
    }
}

/// Whether every active swap area is on a dm-crypt device.
fn swap_state() -> Option<(usize, usize)> {
    let swaps = std::fs::read_to_string("/proc/swaps").ok()?;
    let mut total = 0;
    let mut encrypted = 0;
    for line in swaps.lines().skip(1) {
        let Some(dev) = line.split_whitespace().next() else {
            continue;
        };
        total += 1;
        let real = std::fs::canonicalize(dev).unwrap_or_else(|_| PathBuf::from(dev));
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let uuid =
            std::fs::read_to_string(format!("/sys/block/{name}/dm/uuid")).unwrap_or_default();
        if uuid.starts_with("CRYPT-") {
            encrypted += 1;
        }
    }
    Some((total, encrypted))
}

fn check_swap(r: &mut Report, form_path: bool) {
    match swap_state() {
        Some((0, _)) => r.say(Level::Ok, "swap", "off"),
        Some((n, e)) if n == e => r.say(Level::Ok, "swap", "on, encrypted (dm-crypt)"),
        Some(_) => r.say(
            if form_path { Level::Fail } else { Level::Warn },
            "swap",
            if form_path {
                "on and not encrypted, with the no-JavaScript form open: plaintext held in memory could reach the disk. swapoff -a (and remove it from /etc/fstab), encrypt it, or set server_sealing = false and server_inbox = false"
            } else {
                "on and not encrypted: sessions and codename checks pass through memory. swapoff -a, or encrypt it"
            },
        ),
        None => r.say(Level::Warn, "swap", "cannot read /proc/swaps"),
    }
}

fn check_core_dumps(r: &mut Report) {
    // `darkroom` turned off its own at start (every command, this one too).
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
    let own_off = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .is_some_and(|l| l.split_whitespace().nth(4) == Some("0"));
    let pattern = std::fs::read_to_string("/proc/sys/kernel/core_pattern").unwrap_or_default();
    if !own_off {
        r.say(
            Level::Fail,
            "core dumps",
            "darkroom could not turn off its own core dumps here; set LimitCORE=0 in its unit (the package's does)",
        );
    } else if pattern.trim_start().starts_with('|') {
        r.say(
            Level::Ok,
            "core dumps",
            format!(
                "off for darkroom (core-size limit 0, not dumpable); the system sends others to {}",
                pattern
                    .trim()
                    .trim_start_matches('|')
                    .split_whitespace()
                    .next()
                    .unwrap_or("a helper")
            ),
        );
    } else {
        r.say(
            Level::Ok,
            "core dumps",
            "off for darkroom (core-size limit 0, not dumpable)",
        );
    }
}

fn check_clock(r: &mut Report) {
    let synced = std::process::Command::new("timedatectl")
        .args(["show", "-p", "NTPSynchronized", "--value"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "yes")
        .or_else(|| {
            Path::new("/run/systemd/timesync/synchronized")
                .exists()
                .then_some(true)
        });
    match synced {
        Some(true) => r.say(Level::Ok, "clock", "synchronized (NTP)"),
        Some(false) => r.say(
            Level::Warn,
            "clock",
            "not synchronized: journalist TOTP codes, session lifetimes and the manifest's expiry depend on it. Enable systemd-timesyncd or another NTP client",
        ),
        None => r.say(
            Level::Warn,
            "clock",
            "cannot tell whether it is synchronized (no timedatectl): make sure an NTP client runs",
        ),
    }
}

fn check_tor(r: &mut Report, torrc: &Path, listen: &str, journalist: Option<&str>) {
    let Ok(text) = std::fs::read_to_string(torrc) else {
        r.say(
            Level::Fail,
            "Tor",
            format!(
                "no Tor configuration at {}: add the lines of `darkroom admin torrc --config …` to it (or pass --torrc)",
                torrc.display()
            ),
        );
        return;
    };
    let mut services: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("HiddenServiceDir"), Some(dir)) => services.push((dir.to_string(), Vec::new())),
            (Some(k), _) if !k.starts_with('#') => {
                if let Some((_, lines)) = services.last_mut() {
                    lines.push(line.to_string());
                }
            }
            _ => {}
        }
    }
    let serving = |addr: &str| {
        services.iter().find(|(_, lines)| {
            lines.iter().any(|l| {
                l.starts_with("HiddenServicePort") && l.split_whitespace().nth(2) == Some(addr)
            })
        })
    };
    let mut problems = Vec::new();
    match serving(listen) {
        None => problems.push(format!(
            "no onion service points at {listen} (the sources' listener)"
        )),
        Some((_, lines)) => {
            if !lines
                .iter()
                .any(|l| l == "HiddenServicePoWDefensesEnabled 1")
            {
                problems.push("the sources' onion has no proof-of-work defence (HiddenServicePoWDefensesEnabled 1)".into());
            }
        }
    }
    if let Some(j) = journalist {
        match serving(j) {
            None => problems.push(format!(
                "no onion service points at {j} (the journalists' listener)"
            )),
            Some((dir, _)) => {
                let clients = std::fs::read_dir(Path::new(dir).join("authorized_clients"))
                    .map(|d| {
                        d.flatten()
                            .filter(|e| e.path().extension().is_some_and(|x| x == "auth"))
                            .count()
                    })
                    .unwrap_or(0);
                if clients == 0 {
                    problems.push(format!("the journalists' onion ({dir}) has no authorized client: anyone with its address reaches the login. darkroom admin onion-client NAME --onion … -o DIR, then copy the .auth file into {dir}/authorized_clients/"));
                }
            }
        }
    }
    if let Some(tor) = which("tor") {
        let verified = std::process::Command::new(tor)
            .args(["--verify-config", "-f"])
            .arg(torrc)
            .output();
        match verified {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                let said = format!(
                    "{}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                );
                // The first complaint is the cause; the last says only
                // that reading failed.
                let why = said
                    .lines()
                    .find(|l| l.contains("[warn]"))
                    .or_else(|| said.lines().find(|l| l.contains("[err]")))
                    .and_then(|l| l.split_once("] ").map(|(_, w)| w))
                    .unwrap_or("no reason given");
                problems.push(format!("tor --verify-config refuses it: {why}"));
            }
            Err(e) => problems.push(format!("cannot run tor --verify-config: {e}")),
        }
    } else {
        problems.push("tor is not installed (apt install tor)".into());
    }
    if problems.is_empty() {
        r.say(
            Level::Ok,
            "Tor",
            format!("{} publishes both onions, proof of work on the sources', client authorization on the journalists'; tor --verify-config accepts it", torrc.display()),
        );
    } else {
        r.say(Level::Fail, "Tor", problems.join("; "));
    }
}

/// `name` on the PATH.
fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}
