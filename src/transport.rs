//! The source's side of HTTP: one server address parsed once
//! ([`ServerAddress`]), a connection that looks like Tor Browser's, and the
//! typed things a drop box serves (its configuration, manifest and
//! proof-of-work challenges). Nothing here is believed: the commands check
//! what it fetches against the newsroom's signed manifest
//! (`commands::trust`).

use std::io::Read;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use darkroom_core::codename;
use darkroom_core::newsroom;
use darkroom_core::pow::Challenge;
use darkroom_core::served::{self, ServedConfig};
use reqwest::blocking::Client;

use crate::address::ServerAddress;

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

/// The `Accept-Encoding` Tor Browser sends (Firefox ESR's).
pub const TOR_BROWSER_ACCEPT_ENCODING: &str = "gzip, deflate, br, zstd";

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

/// A drop box reached: its address, the connection, and the
/// configuration it serves (not yet checked against the manifest).
pub struct Server {
    /// The connection (through the proxy, if any).
    pub client: Client,
    /// Where it is.
    pub address: ServerAddress,
    /// What `config.json` says.
    pub config: ServedConfig,
}

impl Server {
    /// Parses the address once (refused if it can be read two ways),
    /// connects (through `proxy`, or Tor's for an onion address) and reads
    /// the drop box's configuration.
    pub fn connect(server: &str, proxy: Option<&str>) -> Result<Server> {
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
            client = client.proxy(
                reqwest::Proxy::all(p).with_context(|| format!("{p} is not a proxy address"))?,
            );
        }
        let client = client.build().context("cannot set up the connection")?;
        let through = match &proxy {
            Some(p) => format!(" through the proxy {p} (is Tor running?)"),
            None => String::new(),
        };
        let mut bytes = Vec::new();
        client
            .get(format!("{base}/.well-known/darkroom/config.json"))
            .send()
            .and_then(|r| r.error_for_status())
            .with_context(|| format!("cannot reach the Darkroom server at {base}{through}"))?
            .take(served::MAX_CONFIG as u64 + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("{base} did not serve its configuration"))?;
        let config = ServedConfig::parse(&bytes)
            .with_context(|| format!("{base} does not look like a Darkroom server"))?;
        Ok(Server {
            client,
            address,
            config,
        })
    }

    /// `scheme://host[:port]`, to put a path after.
    pub fn base(&self) -> String {
        self.address.base()
    }

    /// The manifest and its signature, as the server serves them.
    pub fn manifest(&self) -> Result<(Vec<u8>, String)> {
        let base = self.base();
        let get = |path: &str| -> Result<Vec<u8>> {
            let r = self
                .client
                .get(format!("{base}/.well-known/darkroom/{path}"))
                .send()
                .with_context(|| format!("cannot reach the Darkroom server at {base}"))?;
            if r.status() == reqwest::StatusCode::NOT_FOUND {
                bail!("{base} publishes no signed newsroom manifest, so nothing it serves can be checked; send nothing unless the newsroom tells you otherwise");
            }
            let r = r
                .error_for_status()
                .with_context(|| format!("{base} did not serve its newsroom manifest"))?;
            let mut bytes = Vec::new();
            r.take(newsroom::MAX_MANIFEST as u64 + 1)
                .read_to_end(&mut bytes)
                .with_context(|| format!("{base} did not serve its newsroom manifest"))?;
            if bytes.len() > newsroom::MAX_MANIFEST {
                bail!("{base} serves a newsroom manifest larger than any can be; send nothing");
            }
            Ok(bytes)
        };
        let json = get("manifest.json")?;
        let sig = String::from_utf8(get("manifest.json.minisig")?).map_err(|_| {
            anyhow::anyhow!("the newsroom manifest's signature is not text; send nothing")
        })?;
        Ok((json, sig))
    }

    /// The server's proof-of-work challenge, if it asks for one now (`None`
    /// too from a server from before proofs of work).
    pub fn busy_now(&self) -> Option<Challenge> {
        let r = self
            .client
            .get(format!("{}/api/v1/pow", self.base()))
            .send()
            .ok()?;
        if !r.status().is_success() {
            return None;
        }
        let challenge: Challenge = r.json().ok()?;
        challenge.required.then_some(challenge)
    }

    /// The keys a codename stretches into on this server (its salt).
    pub fn codename_keys(&self, codename: &str) -> Result<codename::CodenameKeys> {
        let Some(params) = &self.config.codenames else {
            bail!("this server does not offer codenames");
        };
        let salt = codename::parse_salt(&params.salt)?;
        Ok(codename::derive(codename, &salt)?)
    }
}

/// Solves a proof-of-work challenge (`GET /api/v1/pow`, or a 428's
/// `pow`): the `Darkroom-PoW` header's value.
pub fn solve_pow(challenge: &Challenge) -> Result<String> {
    // A challenge beyond reason is refused before anything is said or spent.
    let token = challenge.token_bytes()?;
    let mut puzzle = challenge.puzzle(&token)?;
    println!(
        "The drop box is busy: it asks for a proof of work first (difficulty {}, about {} hashes)…",
        challenge.difficulty,
        1u64.checked_shl(challenge.difficulty.into())
            .unwrap_or(u64::MAX)
    );
    let started = std::time::Instant::now();
    let nonce = puzzle.solve(rand::random::<u64>() >> 1);
    println!("…done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(challenge.answer(nonce))
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
