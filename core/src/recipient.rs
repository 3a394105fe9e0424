//! The two kinds of newsroom key an envelope can be sealed to, and the
//! rule that one file uses one kind.
//!
//! - **Hybrid** (`age1pq1…`): age's `mlkem768x25519` recipients
//!   ([`crate::hybrid`]), ML-KEM-768 with X25519. An envelope sealed to
//!   them stays secret even against someone who records it today and has a
//!   quantum computer later. New newsroom keys are hybrid.
//! - **Classical** (`age1…`): age's X25519 recipients, as every Darkroom
//!   release before hybrid keys wrote.
//!
//! A newsroom's recipients are all of one kind (its signed manifest says
//! which, by listing them), and so is everything sealed to them: a
//! source's reply key is chosen to match, and a file never mixes the two,
//! since one X25519 stanza beside the hybrid ones would let a quantum
//! adversary open the file through it.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use age_core::format::{FileKey, Stanza};

use crate::{hybrid, EnvelopeError};

/// Which kind of key protects an envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// ML-KEM-768 + X25519 (`age1pq1…`, stanza `mlkem768x25519`).
    Hybrid,
    /// X25519 only (`age1…`, stanza `X25519`).
    Classical,
}

impl Kind {
    /// The kind a recipient string names, by its prefix (not checked
    /// further: parse it for that).
    pub fn of(recipient: &str) -> Kind {
        if recipient.trim().starts_with("age1pq1") {
            Kind::Hybrid
        } else {
            Kind::Classical
        }
    }

    /// The tag of the stanzas a recipient of this kind writes.
    pub fn stanza_tag(self) -> &'static str {
        match self {
            Kind::Hybrid => hybrid::TAG,
            Kind::Classical => "X25519",
        }
    }

    /// A short name: `hybrid` or `classical`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Hybrid => "hybrid",
            Kind::Classical => "classical",
        }
    }

    /// What a source or journalist is told protects an envelope.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Hybrid => "hybrid post-quantum keys (ML-KEM-768 with X25519)",
            Kind::Classical => {
                "classical keys (X25519 only, not protected against a future quantum computer)"
            }
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A newsroom (or reply) recipient of either kind.
#[derive(Debug, Clone)]
pub enum Recipient {
    /// `age1pq1…`.
    Hybrid(Box<hybrid::Recipient>),
    /// `age1…`.
    Classical(age::x25519::Recipient),
}

impl Recipient {
    /// Its kind.
    pub fn kind(&self) -> Kind {
        match self {
            Recipient::Hybrid(_) => Kind::Hybrid,
            Recipient::Classical(_) => Kind::Classical,
        }
    }
}

impl FromStr for Recipient {
    type Err = EnvelopeError;
    fn from_str(s: &str) -> Result<Recipient, EnvelopeError> {
        let t = s.trim();
        let bad = || EnvelopeError::BadRecipient(s.to_string());
        match Kind::of(t) {
            Kind::Hybrid => t
                .parse::<hybrid::Recipient>()
                .map(|r| Recipient::Hybrid(Box::new(r)))
                .map_err(|_| bad()),
            Kind::Classical => t
                .parse::<age::x25519::Recipient>()
                .map(Recipient::Classical)
                .map_err(|_| bad()),
        }
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recipient::Hybrid(r) => r.fmt(f),
            Recipient::Classical(r) => r.fmt(f),
        }
    }
}

impl age::Recipient for Recipient {
    fn wrap_file_key(
        &self,
        file_key: &FileKey,
    ) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        match self {
            Recipient::Hybrid(r) => r.wrap_file_key(file_key),
            Recipient::Classical(r) => r.wrap_file_key(file_key),
        }
    }
}

/// Parses recipients that must all be of one kind, and says which.
pub fn parse_all(recipients: &[String]) -> Result<(Kind, Vec<Recipient>), EnvelopeError> {
    if recipients.is_empty() {
        return Err(EnvelopeError::NoRecipients);
    }
    let parsed = recipients
        .iter()
        .map(|r| r.parse::<Recipient>())
        .collect::<Result<Vec<_>, _>>()?;
    let kind = parsed[0].kind();
    if parsed.iter().any(|r| r.kind() != kind) {
        return Err(EnvelopeError::MixedRecipients);
    }
    Ok((kind, parsed))
}

/// The kind of a list of recipients, checked as [`parse_all`] checks it.
pub fn kind_of(recipients: &[String]) -> Result<Kind, EnvelopeError> {
    parse_all(recipients).map(|(k, _)| k)
}

/// The kind of key an age file is sealed to, read from the start of the
/// file (its header, up to the MAC line): the kind of its first recipient
/// stanza of a kind Darkroom seals to. `None` for anything else (no such
/// stanza, or not an age file). It says what protects the file, not who
/// can open it.
pub fn sealed_kind(head: &[u8]) -> Option<Kind> {
    let text = head.strip_prefix(b"age-encryption.org/v1\n")?;
    for line in text.split(|&b| b == b'\n') {
        if line.starts_with(b"---") {
            break;
        }
        let Some(stanza) = line.strip_prefix(b"-> ") else {
            continue;
        };
        let tag = stanza.split(|&b| b == b' ').next().unwrap_or_default();
        for kind in [Kind::Hybrid, Kind::Classical] {
            if tag == kind.stanza_tag().as_bytes() {
                return Some(kind);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_kind_per_list_and_each_named() {
        let h = hybrid::Identity::generate().to_public().to_string();
        let c = age::x25519::Identity::generate().to_public().to_string();
        assert_eq!(kind_of(&[h.clone(), h.clone()]).unwrap(), Kind::Hybrid);
        assert_eq!(kind_of(std::slice::from_ref(&c)).unwrap(), Kind::Classical);
        for mixed in [vec![h.clone(), c.clone()], vec![c.clone(), h.clone()]] {
            let e = kind_of(&mixed).unwrap_err();
            assert!(matches!(e, EnvelopeError::MixedRecipients), "{e}");
            assert!(e.to_string().contains("quantum"), "{e}");
        }
        assert!(matches!(kind_of(&[]), Err(EnvelopeError::NoRecipients)));
        for bad in [
            "age1pq1qqqq".to_string(),
            h.to_uppercase(),
            c[..c.len() - 1].to_string(),
            "AGE-SECRET-KEY-1QQ".into(),
        ] {
            assert!(
                matches!(
                    kind_of(std::slice::from_ref(&bad)),
                    Err(EnvelopeError::BadRecipient(_))
                ),
                "{bad}"
            );
        }
        let r: Recipient = format!("  {h}\n").parse().unwrap();
        assert_eq!((r.kind(), r.to_string()), (Kind::Hybrid, h));
        assert_eq!(Kind::Hybrid.stanza_tag(), "mlkem768x25519");
        assert_eq!(Kind::Classical.stanza_tag(), "X25519");
    }

    /// The kind is read from real files of each kind, behind age's grease
    /// stanzas, and nothing is claimed for other files.
    #[test]
    fn the_kind_is_read_from_a_header() {
        use std::io::Write;
        let seal = |to: &dyn age::Recipient| {
            let mut out = Vec::new();
            let mut w = age::Encryptor::with_recipients(std::iter::once(to))
                .unwrap()
                .wrap_output(&mut out)
                .unwrap();
            w.write_all(b"x").unwrap();
            w.finish().unwrap();
            out
        };
        let h = hybrid::Identity::generate().to_public();
        let c = age::x25519::Identity::generate().to_public();
        for _ in 0..8 {
            assert_eq!(sealed_kind(&seal(&h)), Some(Kind::Hybrid));
            assert_eq!(sealed_kind(&seal(&c)), Some(Kind::Classical));
        }
        let grease = b"age-encryption.org/v1\n-> x-grease a\nAAAA\n-> X25519 b\nAAAA\n--- m\n";
        assert_eq!(sealed_kind(grease), Some(Kind::Classical));
        assert_eq!(
            sealed_kind(b"age-encryption.org/v1\n-> scrypt a 10\nAA\n--- m\n"),
            None
        );
        assert_eq!(sealed_kind(b"-> X25519 a\n"), None);
        assert_eq!(sealed_kind(b""), None);
    }
}
