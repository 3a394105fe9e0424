//! `darkroom admin`: journalist accounts and exports, run on the server
//! machine against its data directory.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_server::store::{self, SqliteStore, Store};
use darkroom_server::{auth, export};
use qrcode::render::unicode;
use qrcode::QrCode;

use crate::output::Pending;

fn open(data: &Path) -> Result<SqliteStore> {
    if !data.join("darkroom.sqlite3").exists() {
        bail!(
            "{} is not a Darkroom data directory (no darkroom.sqlite3); run `darkroom serve` once first or check --data",
            data.display()
        );
    }
    SqliteStore::open(data).with_context(|| format!("cannot open {}", data.display()))
}

pub fn add_journalist(name: &str, data: &Path, reset: bool) -> Result<ExitCode> {
    let store = open(data)?;
    let creds = auth::enroll(&store, name, "Darkroom", reset).map_err(anyhow::Error::msg)?;
    println!("journalist {name}: show these once, to them alone, then clear the screen.");
    println!("password:    {}", &*creds.password);
    println!("TOTP secret: {}", &*creds.totp_base32);
    println!("TOTP URI:    {}", &*creds.totp_uri);
    let qr = QrCode::new(creds.totp_uri.as_bytes()).context("cannot draw the QR code")?;
    println!(
        "scan with an authenticator app:\n{}",
        qr.render::<unicode::Dense1x2>()
            .dark_color(unicode::Dense1x2::Light)
            .light_color(unicode::Dense1x2::Dark)
            .build()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn remove_journalist(name: &str, data: &Path) -> Result<ExitCode> {
    let store = open(data)?;
    if !store.remove_journalist(name)? {
        bail!("there is no journalist {name:?}");
    }
    println!("journalist {name} removed; their sessions end at their next request");
    Ok(ExitCode::SUCCESS)
}

pub fn end_sessions(name: Option<&str>, data: &Path) -> Result<ExitCode> {
    let store = open(data)?;
    match name {
        Some(name) => {
            if store.end_sessions(Some(name))? == 0 {
                bail!("there is no journalist {name:?}");
            }
            println!("{name}'s sessions end at their next request");
        }
        None => {
            let names = store.journalist_names()?;
            store.end_sessions(None)?;
            println!(
                "every journalist's sessions end at their next request ({}: {})",
                names.len(),
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn backup(data: &Path, output: &Path) -> Result<ExitCode> {
    let store = open(data)?;
    let mut out = Pending::beside(output)?;
    let backed = store.backup(&mut out)?;
    out.commit_new(output)?;
    println!(
        "backed up {} submission(s), {} envelope bytes, and the database to {}",
        backed.submissions,
        backed.bytes,
        output.display()
    );
    println!("it holds journalists' password hashes and TOTP secrets: encrypt it before it leaves this machine (for example age -r …), and restore with darkroom admin restore");
    Ok(ExitCode::SUCCESS)
}

pub fn restore(backup: &Path, data: &Path) -> Result<ExitCode> {
    let mut f =
        std::fs::File::open(backup).with_context(|| format!("cannot read {}", backup.display()))?;
    let restored = store::restore(&mut f, data)?;
    println!(
        "restored {} submission(s), {} envelope bytes, into {}; every envelope matches the digest recorded at its arrival",
        restored.submissions,
        restored.bytes,
        data.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn settle(data: &Path) -> Result<ExitCode> {
    let store = open(data)?;
    let settled = store.settle(store::today())?;
    if settled.touched {
        println!(
            "settled: {} envelope(s) written afresh; the store's times are now this moment's",
            settled.rewritten
        );
    } else {
        println!("nothing to settle: no arrival since the last settling");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn onion_client(name: &str, onion: &str, output: &Path) -> Result<ExitCode> {
    if !auth::valid_name(name) {
        bail!("{name:?} is not a valid name: use 1 to 32 lowercase letters, digits, - or _");
    }
    let keys = darkroom_server::onion::client_auth(onion).map_err(anyhow::Error::msg)?;
    std::fs::create_dir_all(output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    let private = output.join(format!("{name}.auth_private"));
    let public = output.join(format!("{name}.auth"));
    for p in [&private, &public] {
        if p.exists() {
            bail!("{} exists; it is never overwritten", p.display());
        }
    }
    let mut file = Pending::beside(&private)?;
    file.write_all(format!("{}\n", &*keys.private_line).as_bytes())?;
    file.commit_new(&private)?;
    let mut file = Pending::beside(&public)?;
    file.write_all(format!("{}\n", keys.public_line).as_bytes())?;
    file.commit_new(&public)?;
    println!("{}: for {name}'s Tor Browser only (Settings → Privacy & Security → Onion Services Authentication, or a ClientOnionAuthDir); hand it over offline, then delete this copy", private.display());
    println!(
        "{}: copy into the journalist onion's authorized_clients/ folder, then reload Tor",
        public.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn torrc(config: &Path, tor_dir: &str) -> Result<ExitCode> {
    let file = darkroom_server::config::File::load(config)?;
    let Some(journalist) = &file.journalist_listen else {
        bail!("{} sets no journalist_listen: the journalist pages need their own address, for their own onion (for example journalist_listen = \"127.0.0.1:8081\")", config.display());
    };
    let lines = darkroom_server::onion::torrc(&file.listen, journalist, tor_dir)
        .map_err(anyhow::Error::msg)?;
    print!("{lines}");
    Ok(ExitCode::SUCCESS)
}

pub fn export(data: &Path, output: &Path) -> Result<ExitCode> {
    let store = open(data)?;
    let all = store.list()?;
    if all.is_empty() {
        bail!("there are no submissions to export");
    }
    let mut out = Pending::beside(output)?;
    let summary = export::write(&store, &all, store::today(), &mut out)?;
    out.commit_new(output)?;
    println!(
        "exported {} submission(s), {} envelope bytes, to {}",
        summary.submissions,
        summary.bytes,
        output.display()
    );
    println!("on the offline machine: tar -xf it, check with `sha256sum -c SHA256SUMS` in darkroom-export/, then `darkroom newsroom open`");
    Ok(ExitCode::SUCCESS)
}
