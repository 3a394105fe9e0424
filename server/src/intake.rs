//! What the server checks on an upload it cannot decrypt: the age header,
//! the envelope's size, and the provenance bundle.

use darkroom_circuits::groth16::Verifier;
use darkroom_core::bundle::Bundle;
use darkroom_core::provenance::TrustedRoot;
use darkroom_core::recipient::Kind;
use darkroom_core::{padding, provenance};

use crate::store::{Disclosed, Label};

/// An upload refused, with the sentence the source reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

fn refuse(text: impl Into<String>) -> Refusal {
    Refusal(text.into())
}

/// The longest age header taken: [`MAX_RECIPIENTS`] hybrid stanzas (about
/// 1.6 KiB each, 110 bytes for X25519) and the source's own, with room for
/// age's grease.
pub const MAX_HEADER: usize = 64 * 1024;
/// The most recipients a newsroom may have (the configuration refuses
/// more).
pub const MAX_RECIPIENTS: usize = 32;

const INTRO: &[u8] = b"age-encryption.org/v1\n";
const CHUNK: u64 = 64 * 1024;
const TAG: u64 = 16;
const NONCE: u64 = 16;

/// A checked age header.
#[derive(Debug, PartialEq, Eq)]
pub struct Header {
    /// Its length in bytes, through the MAC line's newline.
    pub len: usize,
    /// How many recipient stanzas of the newsroom's kind it carries.
    pub stanzas: usize,
}

/// Checks the start of an upload as age's binary header. `Ok(None)` means
/// more bytes are needed; `recipients` is how many stanzas of the
/// newsroom's `kind` (`mlkem768x25519` or `X25519`) a Darkroom client
/// writes for this newsroom (one per recipient; stanzas do not say which
/// key they are for, so the count is what can be checked). A stanza of the
/// other kind is refused: an envelope sealed to classical keys where the
/// newsroom's are hybrid has lost what hybrid keys give. Other stanza
/// types are allowed, as age adds random "grease" ones, except `scrypt`: a
/// passphrase envelope the newsroom cannot open.
pub fn check_header(buf: &[u8], kind: Kind, recipients: usize) -> Result<Option<Header>, Refusal> {
    let not_age = || {
        refuse("this is not an age-encrypted Darkroom envelope; seal the file with Darkroom first")
    };
    let n = INTRO.len().min(buf.len());
    if buf[..n] != INTRO[..n] {
        if buf.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----") {
            return Err(refuse(
                "this envelope is ASCII-armored; upload the binary envelope Darkroom writes",
            ));
        }
        return Err(not_age());
    }
    let Some(end) = find(buf, b"\n---") else {
        if buf.len() > MAX_HEADER {
            return Err(refuse("the envelope's header is too large"));
        }
        return Ok(None);
    };
    let Some(mac_end) = buf[end + 1..].iter().position(|&b| b == b'\n') else {
        return if buf.len() > MAX_HEADER {
            Err(refuse("the envelope's header is too large"))
        } else {
            Ok(None)
        };
    };
    let len = end + 1 + mac_end + 1;
    let text = std::str::from_utf8(&buf[INTRO.len()..end + 1]).map_err(|_| not_age())?;
    let mac = std::str::from_utf8(&buf[end + 1..len - 1]).map_err(|_| not_age())?;
    let mac_ok = mac
        .strip_prefix("--- ")
        .is_some_and(|m| m.len() == 43 && m.bytes().all(is_b64));
    if !mac_ok {
        return Err(not_age());
    }
    let other = match kind {
        Kind::Hybrid => Kind::Classical,
        Kind::Classical => Kind::Hybrid,
    };
    let mut stanzas = 0;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(args) = line.strip_prefix("-> ") else {
            return Err(not_age());
        };
        let tag = args.split(' ').next().unwrap_or_default();
        match tag {
            t if t == kind.stanza_tag() => stanzas += 1,
            t if t == other.stanza_tag() => return Err(refuse(format!(
                "this envelope is sealed to {}, but this newsroom's keys are {}; nothing was stored. Fetch the newsroom's current keys and seal again",
                other.describe(),
                kind.describe()
            ))),
            "scrypt" => return Err(refuse(
                "this envelope is sealed with a passphrase; seal it to the newsroom's key instead",
            )),
            "" => return Err(not_age()),
            _ => {}
        }
        // The body: full 64-column lines, then one shorter line.
        loop {
            let Some(body) = lines.next() else {
                return Err(not_age());
            };
            if !body.bytes().all(is_b64) || body.len() > 64 {
                return Err(not_age());
            }
            if body.len() < 64 {
                break;
            }
        }
    }
    if stanzas != recipients {
        return Err(refuse(format!(
            "this envelope is sealed to {stanzas} {kind} recipient(s), but this newsroom has {recipients}; fetch the newsroom's current keys and seal again"
        )));
    }
    Ok(Some(Header { len, stanzas }))
}

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/'
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Checks that an envelope of `total` bytes with a header of `header` bytes
/// holds a padded Darkroom plaintext: at least one 64 KiB chunk, and a
/// length in a padding bucket. Anything else did not come from a Darkroom
/// client, and its size would say more than padding allows.
pub fn check_size(total: u64, header: usize) -> Result<(), Refusal> {
    let bad = || {
        refuse("this envelope's size is not one a Darkroom envelope can have; seal the file with Darkroom")
    };
    let body = total.checked_sub(header as u64 + NONCE).ok_or_else(bad)?;
    let full = body / (CHUNK + TAG);
    let rest = body % (CHUNK + TAG);
    let plain = match rest {
        0 => full * CHUNK,
        r if r <= TAG => return Err(bad()),
        r => full * CHUNK + r - TAG,
    };
    if plain < padding::MIN_PADDED || padding::padded_len(plain) != plain {
        return Err(bad());
    }
    Ok(())
}

/// A proof that checked out.
pub struct Checked {
    /// Its label.
    pub label: Label,
    /// What it disclosed.
    pub disclosed: Disclosed,
    /// The bundle, as JSON, to store and export.
    pub json: Vec<u8>,
    /// The commitment it names, hex (a proof is taken once).
    pub commitment: String,
}

/// Verifies a bundle: its statement (when parsed), its circuit id, its
/// registry root against the trusted set, and then the Groth16 proof.
pub fn check_bundle(
    bytes: &[u8],
    verifier: Option<&Verifier>,
    trusted: &[TrustedRoot],
) -> Result<Checked, Refusal> {
    let Some(verifier) = verifier else {
        return Err(refuse(
            "this newsroom does not take provenance proofs; send the envelope without one",
        ));
    };
    let bundle = Bundle::parse(bytes).map_err(|e| refuse(e.to_string()))?;
    let devices = trusted
        .iter()
        .find(|t| t.root == bundle.public.root)
        .and_then(|t| t.devices);
    provenance::check(&bundle, verifier, Some(trusted), None).map_err(|e| {
        refuse(
            e.to_string()
                .replace("a registry you trust", "a registry this newsroom trusts"),
        )
    })?;
    Ok(Checked {
        label: Label::ProofAttached,
        disclosed: Disclosed {
            window: provenance::describe_time(&bundle.public),
            region: provenance::describe_place(&bundle.public),
            camera: darkroom_core::newsroom::anonymity_set(devices),
        },
        json: bundle.to_json().into_bytes(),
        commitment: darkroom_circuits::field::to_hex(&bundle.public.commitment),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(stanzas: &[&str]) -> Vec<u8> {
        let mut h = INTRO.to_vec();
        for s in stanzas {
            h.extend_from_slice(format!("-> {s}\n").as_bytes());
            h.extend_from_slice(b"AAAA\n");
        }
        h.extend_from_slice(b"--- ");
        h.extend_from_slice(&[b'A'; 43]);
        h.push(b'\n');
        h
    }

    #[test]
    fn headers() {
        let h = header(&["X25519 abc", "x-grease q"]);
        let classical = |b: &[u8], n| check_header(b, Kind::Classical, n);
        assert_eq!(
            classical(&h, 1).unwrap(),
            Some(Header {
                len: h.len(),
                stanzas: 1
            })
        );
        assert_eq!(classical(&h[..h.len() - 1], 1).unwrap(), None);
        assert_eq!(classical(&h[..5], 1).unwrap(), None);
        assert!(
            matches!(classical(&h, 2), Err(Refusal(ref s)) if s.starts_with("this envelope is sealed to 1 classical"))
        );
        assert!(
            matches!(classical(&header(&["scrypt salt 18"]), 0), Err(Refusal(ref s)) if s.starts_with("this envelope is sealed with a passphrase;"))
        );
        assert!(
            matches!(classical(b"PK\x03\x04", 1), Err(Refusal(ref s)) if s.starts_with("this is not an age-encrypted Darkroom envelope;"))
        );
        assert!(
            matches!(classical(b"-----BEGIN AGE ENCRYPTED FILE-----\n", 1), Err(Refusal(ref s)) if s.starts_with("this envelope is ASCII-armored; upload the binary"))
        );
        assert!(
            matches!(classical(&[b'a'; 100], 1), Err(Refusal(ref s)) if s.starts_with("this is not an age-encrypted Darkroom envelope;"))
        );
        let mut long = INTRO.to_vec();
        long.extend(std::iter::repeat_n(b'A', MAX_HEADER + 1));
        assert!(
            matches!(classical(&long, 1), Err(Refusal(ref s)) if s.starts_with("the envelope's header is too large"))
        );
    }

    /// A hybrid newsroom counts `mlkem768x25519` stanzas and refuses an
    /// X25519 one, even beside the right count; and the reverse.
    #[test]
    fn stanzas_of_the_other_kind_are_refused() {
        let hybrid = |b: &[u8], n| check_header(b, Kind::Hybrid, n);
        let two = header(&["mlkem768x25519 abc", "mlkem768x25519 def", "x-grease q"]);
        assert_eq!(hybrid(&two, 2).unwrap().unwrap().stanzas, 2);
        assert!(matches!(hybrid(&two, 1), Err(Refusal(m)) if m.contains("hybrid recipient(s)")));
        let e = hybrid(&header(&["X25519 abc"]), 1).unwrap_err();
        assert!(e.0.contains("X25519 only") && e.0.contains("hybrid"), "{e}");
        let beside = header(&["mlkem768x25519 abc", "X25519 abc"]);
        assert!(
            matches!(hybrid(&beside, 1), Err(Refusal(ref s)) if s.starts_with("this envelope is sealed to classical keys"))
        );
        assert!(
            matches!(check_header(&two, Kind::Classical, 0), Err(Refusal(ref s)) if s.starts_with("this envelope is sealed to hybrid post-quantum"))
        );
    }

    #[test]
    fn sizes() {
        let h = 200;
        let full = |chunks: u64| h as u64 + NONCE + chunks * (CHUNK + TAG);
        assert!(
            check_size(full(1), h).is_ok(),
            "64 KiB: the smallest bucket"
        );
        assert!(
            matches!(check_size(full(1) - 1, h), Err(Refusal(m)) if m.contains("size is not one"))
        );
        assert!(
            check_size(full(1) + 2048 + TAG, h).is_ok(),
            "64 KiB + 2 KiB"
        );
        assert!(
            matches!(check_size(full(1) + 1000 + TAG, h), Err(Refusal(ref s)) if s.starts_with("this envelope's size is not one a"))
        );
        assert!(
            matches!(check_size(10, h), Err(Refusal(ref s)) if s.starts_with("this envelope's size is not one a"))
        );
    }
}
