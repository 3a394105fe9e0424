//! The operator's side of Tor: client-authorization keys for the
//! journalist onion, and the `torrc` lines for both onions.
//!
//! A v3 onion service with client authorization publishes its descriptor
//! encrypted to each authorized client's X25519 key: without a key, a
//! visitor cannot even learn how to reach the journalist pages.

use std::fmt::Write as _;

use rand::rngs::OsRng;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

/// A client-authorization key pair, as Tor reads it.
pub struct ClientAuth {
    /// The line for the journalist's Tor Browser (or `ClientOnionAuthDir`):
    /// `ADDRESS:descriptor:x25519:PRIVATE`, in a `NAME.auth_private` file.
    pub private_line: Zeroizing<String>,
    /// The line for the service's `authorized_clients/NAME.auth`:
    /// `descriptor:x25519:PUBLIC`.
    pub public_line: String,
}

fn base32(bytes: &[u8]) -> String {
    base32::encode(base32::Alphabet::Rfc4648 { padding: false }, bytes)
}

/// The 56 characters of a v3 onion address (without `.onion` or a scheme),
/// or why it is not one.
pub fn onion_label(address: &str) -> Result<String, String> {
    let a = address.trim().to_ascii_lowercase();
    let a = a
        .strip_prefix("http://")
        .or_else(|| a.strip_prefix("https://"))
        .unwrap_or(&a);
    let a = a.trim_end_matches('/');
    let label = a.strip_suffix(".onion").unwrap_or(a);
    if label.len() == 56
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b))
    {
        Ok(label.to_string())
    } else {
        Err(format!(
            "{address:?} is not a v3 onion address (56 letters and digits 2-7, then .onion)"
        ))
    }
}

/// A fresh key pair for the journalist onion at `address`.
pub fn client_auth(address: &str) -> Result<ClientAuth, String> {
    let label = onion_label(address)?;
    let secret = StaticSecret::random_from_rng(OsRng);
    let public = PublicKey::from(&secret);
    let secret_bytes = Zeroizing::new(secret.to_bytes());
    let private_b32 = Zeroizing::new(base32(&secret_bytes[..]));
    let mut private_line = Zeroizing::new(String::new());
    let _ = write!(private_line, "{label}:descriptor:x25519:{}", &*private_b32);
    Ok(ClientAuth {
        private_line,
        public_line: format!("descriptor:x25519:{}", base32(public.as_bytes())),
    })
}

/// `torrc` lines for the two onions: the source onion (anyone, with Tor's
/// proof-of-work defence against floods) and the journalist onion (only
/// clients whose keys are in its `authorized_clients/`). `listen` and
/// `journalist_listen` are the server's two addresses; `tor_dir` is where
/// Tor keeps its onion keys (`/var/lib/tor` on Debian).
pub fn torrc(listen: &str, journalist_listen: &str, tor_dir: &str) -> Result<String, String> {
    let target = |what: &str, addr: &str| -> Result<std::net::SocketAddr, String> {
        let a: std::net::SocketAddr = addr
            .parse()
            .map_err(|_| format!("{what} {addr:?} is not an IP address and port"))?;
        if a.port() == 0 {
            return Err(format!(
                "{what} {addr:?} needs a fixed port for Tor to forward to"
            ));
        }
        if !a.ip().is_loopback() {
            return Err(format!(
                "{what} {addr:?} is not a loopback address: an onion server should listen on 127.0.0.1 only, so it is reached through Tor and nothing else"
            ));
        }
        Ok(a)
    };
    let source = target("listen", listen)?;
    let journalist = target("journalist_listen", journalist_listen)?;
    if source == journalist {
        return Err("listen and journalist_listen must differ".to_string());
    }
    let dir = tor_dir.trim_end_matches('/');
    Ok(format!(
        "# Darkroom: the source onion, open to everyone. Proof of work makes a\n\
         # flood of introductions expensive for whoever sends it.\n\
         HiddenServiceDir {dir}/darkroom-source/\n\
         HiddenServicePort 80 {source}\n\
         HiddenServicePoWDefensesEnabled 1\n\
         \n\
         # Darkroom: the journalist onion. Only Tor Browsers holding a key from\n\
         # `darkroom admin onion-client` can reach it: put each NAME.auth file in\n\
         # {dir}/darkroom-journalist/authorized_clients/ and reload Tor.\n\
         HiddenServiceDir {dir}/darkroom-journalist/\n\
         HiddenServicePort 80 {journalist}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADDR: &str = "darkroomjournalistaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    #[test]
    fn keys_are_tor_s_format_and_addresses_are_checked() {
        let a = client_auth(&format!("http://{ADDR}.onion/")).unwrap();
        let private: Vec<&str> = a.private_line.split(':').collect();
        assert_eq!(private[..3], [ADDR, "descriptor", "x25519"]);
        assert_eq!(private[3].len(), 52);
        let public: Vec<&str> = a.public_line.split(':').collect();
        assert_eq!(public[..2], ["descriptor", "x25519"]);
        assert_eq!(public[2].len(), 52);
        assert!(public[2]
            .bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)));
        assert_ne!(client_auth(ADDR).unwrap().public_line, a.public_line);
        for bad in [
            "example.com",
            "abc.onion",
            &format!("{ADDR}1.onion"),
            &ADDR.replace('a', "1"),
        ] {
            assert!(
                matches!(client_auth(bad), Err(e) if e.contains("is not a v3 onion address")),
                "{bad}"
            );
        }
    }

    #[test]
    fn torrc_needs_two_fixed_loopback_addresses() {
        let t = torrc("127.0.0.1:8080", "127.0.0.1:8081", "/var/lib/tor/").unwrap();
        assert!(t.contains("HiddenServiceDir /var/lib/tor/darkroom-journalist/\nHiddenServicePort 80 127.0.0.1:8081"));
        assert!(t.contains("HiddenServicePoWDefensesEnabled 1"));
        for (l, j) in [
            ("127.0.0.1:0", "127.0.0.1:8081"),
            ("0.0.0.0:8080", "127.0.0.1:8081"),
            ("127.0.0.1:8080", "127.0.0.1:8080"),
            ("localhost:8080", "127.0.0.1:8081"),
        ] {
            assert!(
                matches!(torrc(l, j, "/t"), Err(e) if e.starts_with("listen")),
                "{l} {j}"
            );
        }
    }
}
