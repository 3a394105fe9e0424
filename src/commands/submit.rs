//! `darkroom submit`: the source's client. It checks the newsroom's signed
//! manifest against the pinned key, strips and seals the file here to the
//! recipients the manifest lists (and proves it against the registries it
//! lists, if asked), and uploads only the envelope and the proof.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use darkroom_core::codename;
use reqwest::blocking::{multipart, Client};
use serde_json::Value;
use zeroize::Zeroizing;

use crate::address::ServerAddress;
use crate::cli::{PinArgs, ProofArgs, SendArgs};
use crate::output::printable;

/// A codename to send under.
pub enum Codename {
    /// Make one now; it is printed once the submission is stored.
    New,
    /// One the source already has.
    Existing(Zeroizing<String>),
}

/// Tor's SOCKS port: where an onion address goes when no proxy is given.
pub const TOR_SOCKS: &str = "socks5h://127.0.0.1:9050";

/// The `User-Agent` Tor Browser sends (a Firefox ESR on Windows, as
/// resistFingerprinting reports every platform): the CLI and the watchdog
/// send it too, so a server cannot tell them from a source's browser, to
/// single them out or to serve them something else.
pub const TOR_BROWSER_USER_AGENT: &str =
    "Mozilla/5.0 (Windows NT 10.0; rv:140.0) Gecko/20100101 Firefox/140.0";

/// The `Accept-Language` Tor Browser sends, whatever the person reads.
pub const TOR_BROWSER_ACCEPT_LANGUAGE: &str = "en-US,en;q=0.5";

/// The proxy to use: Tor's for an onion address unless one is given, and
/// only a `socks5h://` one, which looks the name up inside Tor (a
/// `socks5://` or HTTP proxy, or none, would ask this machine's resolver
/// about the onion address first).
pub fn proxy_for(address: &ServerAddress, proxy: Option<&str>) -> Result<Option<String>> {
    if !address.is_onion() {
        return Ok(proxy.map(str::to_string));
    }
    let host = address.host();
    match proxy {
        None => Ok(Some(TOR_SOCKS.to_string())),
        Some(p) if p.to_ascii_lowercase().starts_with("socks5h://") => Ok(Some(p.to_string())),
        Some(p) => bail!(
            "{host} is an onion address: it needs Tor's SOCKS proxy as socks5h://… (by default {TOR_SOCKS}), \
             so that the name is looked up inside Tor; {p} would look it up on this machine first"
        ),
    }
}

/// The server's address parsed once (refused if it can be read two
/// ways), a client (through `proxy`, or Tor's for an onion address), and
/// the newsroom's configuration.
pub fn connect(server: &str, proxy: Option<&str>) -> Result<(Client, ServerAddress, Value)> {
    let address = ServerAddress::parse(server)?;
    let base = address.base();
    let proxy = proxy_for(&address, proxy)?;
    let mut client = Client::builder()
        .connect_timeout(Duration::from_secs(120))
        .timeout(None::<Duration>)
        .user_agent(TOR_BROWSER_USER_AGENT)
        .default_headers(reqwest::header::HeaderMap::from_iter([(
            reqwest::header::ACCEPT_LANGUAGE,
            reqwest::header::HeaderValue::from_static(TOR_BROWSER_ACCEPT_LANGUAGE),
        )]));
    if let Some(p) = &proxy {
        client = client
            .proxy(reqwest::Proxy::all(p).with_context(|| format!("{p} is not a proxy address"))?);
    }
    let client = client.build().context("cannot set up the connection")?;
    let through = match &proxy {
        Some(p) => format!(" through the proxy {p} (is Tor running?)"),
        None => String::new(),
    };
    let config: Value = client
        .get(format!("{base}/.well-known/darkroom/config.json"))
        .send()
        .and_then(|r| r.error_for_status())
        .with_context(|| format!("cannot reach the Darkroom server at {base}{through}"))?
        .json()
        .context("the server's answer is not a Darkroom configuration")?;
    if config["format"] != "darkroom-config" {
        bail!("{base} does not look like a Darkroom server");
    }
    Ok((client, address, config))
}

/// The server's proof-of-work challenge, if it asks for one now (`None`
/// too from a server from before proofs of work).
fn busy_now(client: &Client, base: &str) -> Option<Value> {
    let r = client.get(format!("{base}/api/v1/pow")).send().ok()?;
    if !r.status().is_success() {
        return None;
    }
    let challenge: Value = r.json().ok()?;
    (challenge["required"] == true).then_some(challenge)
}

/// Solves a proof-of-work challenge (`GET /api/v1/pow`, or a 428's
/// `pow`): the `Darkroom-PoW` header's value.
fn solve_pow(challenge: &Value) -> Result<String> {
    let token_hex = challenge["token"].as_str().unwrap_or_default();
    let token = hex::decode(token_hex)
        .map_err(|_| anyhow::anyhow!("the drop box sent a malformed proof-of-work challenge"))?;
    let number = |k: &str| challenge[k].as_u64().unwrap_or(u64::MAX);
    let difficulty = u8::try_from(number("difficulty")).unwrap_or(u8::MAX);
    let mut puzzle = darkroom_core::pow::Puzzle::new(
        &token,
        difficulty,
        u32::try_from(number("memory_kib")).unwrap_or(u32::MAX),
        u32::try_from(number("iterations")).unwrap_or(u32::MAX),
    )?;
    println!(
        "The drop box is busy: it asks for a proof of work first (difficulty {difficulty}, about {} hashes)…",
        1u64 << difficulty
    );
    let started = std::time::Instant::now();
    let nonce = puzzle.solve(rand::random::<u64>() >> 1);
    println!("…done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(format!("{token_hex}:{nonce}"))
}

/// The keys a codename stretches into on this server (its salt).
pub fn codename_keys(config: &Value, codename: &str) -> Result<codename::CodenameKeys> {
    let Some(salt) = config["codenames"]["salt"].as_str() else {
        bail!("this server does not offer codenames");
    };
    let salt = codename::parse_salt(salt)?;
    Ok(codename::derive(codename, &salt)?)
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    input: &Path,
    server: &str,
    message: Option<String>,
    naming: &SendArgs,
    proxy: Option<&str>,
    prove: Option<&ProofArgs>,
    codename: Option<Codename>,
    pin: &PinArgs,
) -> Result<ExitCode> {
    // A file that would be refused is refused before the server hears
    // from this device at all.
    super::strip::check_cleanable(input, naming)?;
    let (client, address, config) = connect(server, proxy)?;
    let base = address.base();
    // Before the file is read: the manifest, checked against the pinned
    // key, is all that is believed from here on.
    let newsroom = super::trust::newsroom(&client, &address, &config, pin)?;
    let recipients = newsroom.manifest.recipients.clone();
    let kind = newsroom.manifest.kind()?;

    // The codename's keys are derived before anything is sealed, so a typo
    // stops here.
    let codename = match codename {
        None => None,
        Some(Codename::New) => {
            let words = codename::generate();
            let keys = codename_keys(&config, &words)?;
            Some((Some(words), keys))
        }
        Some(Codename::Existing(words)) => Some((None, codename_keys(&config, &words)?)),
    };

    let proven = match prove {
        Some(args) => Some(super::provenance::make_proof(
            input,
            args,
            Some(&newsroom.manifest),
        )?),
        None => None,
    };

    // The envelope is written to a private temporary file and removed
    // after the upload.
    let mut tmp = tempfile::NamedTempFile::new().context("cannot make a temporary file")?;
    let sealed = super::seal::seal_file(
        input,
        recipients,
        message,
        naming,
        proven.as_ref(),
        codename.as_ref().map(|(_, keys)| keys.recipient(kind)),
        tmp.as_file_mut(),
    )?;
    print!("{}", sealed.strip_report);
    println!("Sealed to the newsroom's {}.", sealed.kind.describe());
    // The codename and proof go first: the server checks them before it
    // receives the file.
    let form = || -> Result<multipart::Form> {
        let mut form = multipart::Form::new();
        if let Some((_, keys)) = &codename {
            let claim = serde_json::json!({
                "lookup": keys.lookup_hex(),
                "verifier": *keys.verifier_hex(),
                "recipient": keys.recipient(kind),
            });
            form = form.part(
                "codename",
                multipart::Part::text(claim.to_string()).mime_str("application/json")?,
            );
        }
        if let Some(p) = &proven {
            form = form.part(
                "bundle",
                multipart::Part::text(p.bundle.to_json())
                    .file_name("proof.json")
                    .mime_str("application/json")?,
            );
        }
        Ok(form.part(
            "envelope",
            multipart::Part::file(tmp.path())?
                .file_name("envelope.age")
                .mime_str("application/octet-stream")?,
        ))
    };
    // A busy drop box asks for a proof of work: asked first, so the file
    // is sent once.
    let mut pow = match busy_now(&client, &base) {
        Some(challenge) => Some(solve_pow(&challenge)?),
        None => None,
    };
    let mut tries = 0;
    let response = loop {
        let mut request = client
            .post(format!("{base}/api/v1/submissions"))
            .multipart(form()?);
        if let Some(header) = &pow {
            request = request.header("Darkroom-PoW", header);
        }
        tries += 1;
        let failed =
            || format!("the upload to {base} failed; nothing is known to be stored; try again");
        let response = match request.send() {
            Ok(r) => r,
            // A busy server refuses an upload without a proof of work
            // before reading it, and may close the connection while the
            // file is still being sent: if it asks for one now, solve it
            // and send again.
            Err(e) => match busy_now(&client, &base).filter(|_| tries <= 2) {
                Some(challenge) => {
                    pow = Some(solve_pow(&challenge)?);
                    continue;
                }
                None => return Err(e).with_context(failed),
            },
        };
        if response.status().as_u16() != 428 || tries > 2 {
            break response;
        }
        // Busy since we asked: solve the challenge it gave, and send again.
        let body: Value = response.json().unwrap_or(Value::Null);
        pow = Some(solve_pow(&body["pow"])?);
    };
    let status = response.status();
    let body: Value = response.json().unwrap_or(Value::Null);
    if !status.is_success() {
        let why = printable(body["error"].as_str().unwrap_or("no reason given"));
        bail!("the server refused the submission ({status}): {why}");
    }
    println!("Submitted. Receipt:");
    for key in [
        "designation",
        "day",
        "label",
        "window",
        "region",
        "camera",
        "size",
        "envelope_sha256",
    ] {
        match &body[key] {
            Value::Null => {}
            Value::String(s) => println!("  {key}: {}", printable(s)),
            v => println!("  {key}: {}", printable(&v.to_string())),
        }
    }
    match codename {
        Some((Some(words), _)) => {
            println!();
            println!("Your codename (shown only this once):");
            println!();
            println!("    {}", *words);
            println!();
            println!("With it you can read the newsroom's replies: darkroom inbox --server {base}");
            println!("Anyone who has it can read them too, and the newsroom cannot recover it.");
            println!(
                "Write it on paper and keep it somewhere safe; do not store it on this device."
            );
        }
        Some((None, _)) => println!("Sent under your codename."),
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy(server: &str, given: Option<&str>) -> Result<Option<String>> {
        proxy_for(&ServerAddress::parse(server)?, given)
    }

    #[test]
    fn onion_addresses_go_through_tor_and_only_with_socks5h() {
        let onion = "http://darkroomexampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxx.onion";
        assert_eq!(proxy(onion, None).unwrap().as_deref(), Some(TOR_SOCKS));
        assert_eq!(
            proxy(&format!("{onion}:80/x"), Some("SOCKS5H://10.0.0.1:9150"))
                .unwrap()
                .as_deref(),
            Some("SOCKS5H://10.0.0.1:9150")
        );
        for bad in [
            "socks5://127.0.0.1:9050",
            "http://127.0.0.1:8118",
            "https://p",
        ] {
            let e = proxy(onion, Some(bad)).unwrap_err().to_string();
            assert!(e.contains("needs Tor's SOCKS proxy as socks5h://"), "{e}");
        }
        // Trailing dots and case do not hide an onion; user info, a query
        // or a fragment are refused before any proxy is chosen.
        for sneaky in ["http://ABC.ONION./", "http://abc.onion.:8080"] {
            let e = proxy(sneaky, Some("socks5://x")).unwrap_err().to_string();
            assert!(e.contains("needs Tor's SOCKS proxy"), "{sneaky}: {e}");
        }
        for sneaky in [
            "http://user@abc.onion:8080",
            "https://abc.onion?x=1",
            "http://abc.onion?",
            "http://abc.onion#",
        ] {
            let e = proxy(sneaky, None).unwrap_err().to_string();
            assert!(e.contains("give the address alone"), "{sneaky}: {e}");
        }
        // Other addresses: as given.
        assert_eq!(proxy("http://127.0.0.1:8080", None).unwrap(), None);
        assert_eq!(
            proxy("https://news.example", Some("socks5://p:1"))
                .unwrap()
                .as_deref(),
            Some("socks5://p:1")
        );
        assert!(proxy("http://onion.example.com", None).unwrap().is_none());
    }
}
