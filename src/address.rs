//! A drop box's address, parsed once. The pin a source keeps, the onion
//! address compared with the newsroom's manifest and the choice of Tor's
//! proxy all read the same [`ServerAddress`], parsed by the same parser the
//! HTTP client connects with (the `url` crate), so no spelling of an
//! address can be one host to one check and another host to the next.
//!
//! Spellings that name the same server are made one (`HTTP://ABC.onion.:80/`
//! is `http://abc.onion`); spellings that can hide which server is meant
//! are refused: user info (`user@`), a query (`?`), a fragment (`#`), an
//! empty host label, and any scheme but `http` and `https`.

use std::fmt;

use anyhow::{bail, Result};
use darkroom_core::newsroom::normal_host;

/// A server address: `http(s)://host[:port][/path]`, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerAddress {
    scheme: String,
    /// Lower case, no trailing dot; IPv6 in brackets.
    host: String,
    /// Only when it is not the scheme's default.
    port: Option<u16>,
    /// Empty, or `/…` without a trailing slash.
    path: String,
}

impl ServerAddress {
    /// Parses and normalises `text`, or says in one sentence why it is not
    /// an address to send to.
    pub fn parse(text: &str) -> Result<ServerAddress> {
        let text = text.trim();
        let shown = crate::output::printable(text);
        let lower = text.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            bail!("--server must start with http:// or https:// (an onion address is http://…onion), not {shown}");
        }
        let url = url::Url::parse(text)
            .map_err(|e| anyhow::anyhow!("{shown} is not a server address: {e}"))?;
        if !url.username().is_empty() || url.password().is_some() {
            bail!("{shown} carries a user name before the host (user@…): a drop box address never does, and it can hide which host is meant; give the address alone");
        }
        if url.query().is_some() {
            bail!("{shown} ends with a query (?…): a drop box address has none; give the address alone");
        }
        if url.fragment().is_some() {
            bail!("{shown} ends with a fragment (#…): a drop box address has none; give the address alone");
        }
        let Some(host) = url.host_str() else {
            bail!("{shown} names no host");
        };
        let host = normal_host(host).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
        let path = url.path().trim_end_matches('/').to_string();
        Ok(ServerAddress {
            scheme: url.scheme().to_string(),
            host,
            port: url.port(),
            path,
        })
    }

    /// The host, lower case and without a trailing dot.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether it is an onion service (reached only through Tor).
    pub fn is_onion(&self) -> bool {
        self.host.ends_with(".onion")
    }

    /// `scheme://host[:port]`: what a pin is kept under.
    pub fn origin(&self) -> String {
        match self.port {
            Some(p) => format!("{}://{}:{p}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }

    /// The address requests are made under: the origin and the path.
    pub fn base(&self) -> String {
        format!("{}{}", self.origin(), self.path)
    }
}

impl fmt::Display for ServerAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONION: &str = "darkroomexampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxx.onion";

    #[test]
    fn spellings_of_one_server_are_one_address() {
        let want = format!("http://{ONION}");
        for spelling in [
            format!("http://{ONION}"),
            format!("http://{ONION}/"),
            format!("HTTP://{}", ONION.to_ascii_uppercase()),
            format!("http://{ONION}."),
            format!("http://{ONION}./"),
            format!("http://{ONION}:80"),
            format!("http://{ONION}.:80/"),
            // Percent-encoding in the host is decoded, as the HTTP client
            // decodes it before connecting.
            format!("http://{}%2eonion", ONION.trim_end_matches(".onion")),
        ] {
            let a = ServerAddress::parse(&spelling).unwrap();
            assert_eq!(a.origin(), want, "{spelling}");
            assert_eq!(a.host(), ONION, "{spelling}");
            assert!(a.is_onion(), "{spelling}");
        }
        let a = ServerAddress::parse("https://News.Example:8443/drop/").unwrap();
        assert_eq!(a.origin(), "https://news.example:8443");
        assert_eq!(a.base(), "https://news.example:8443/drop");
        assert!(!a.is_onion());
        assert_eq!(
            ServerAddress::parse("http://127.0.0.1:8080")
                .unwrap()
                .host(),
            "127.0.0.1"
        );
        assert_eq!(
            ServerAddress::parse("http://[::1]:8080").unwrap().origin(),
            "http://[::1]:8080"
        );
    }

    #[test]
    fn spellings_that_hide_the_host_are_refused() {
        for (spelling, why) in [
            (format!("http://{ONION}?"), "query"),
            (format!("http://{ONION}?x=1"), "query"),
            (format!("http://{ONION}#"), "fragment"),
            (format!("http://{ONION}/#x"), "fragment"),
            (format!("http://user@{ONION}"), "user name"),
            (format!("http://news.example:pw@{ONION}"), "user name"),
            (format!("http://{ONION}.."), "empty"),
            (format!("ftp://{ONION}"), "must start with http"),
            (ONION.to_string(), "must start with http"),
            ("http://".to_string(), "not a server address"),
            (format!("http://{ONION}:99999"), "not a server address"),
        ] {
            let e = ServerAddress::parse(&spelling).unwrap_err().to_string();
            assert!(e.contains(why), "{spelling}: {e}");
        }
    }
}
