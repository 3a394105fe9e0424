//! Replies from the newsroom to a source: text signed with the newsroom's
//! signing key, then sealed with age to the source's codename recipient
//! and to the newsroom's own recipients, so the newsroom can read what it
//! sent, offline.
//!
//! The plaintext inside the age file is (see `docs/formats.md` §7):
//!
//! ```text
//! magic    8 bytes  "drreply2"
//! len      u32 BE   length of the JSON
//! json     {"text": "…", "to": "age1…", "signature": "<minisign signature>"}
//! padding  zero bytes up to padding::padded_len(everything before it)
//! ```
//!
//! The signature is minisign's over [`signed_message`]: the reply's text
//! and the recipient it was written for, so a server that holds a genuine
//! reply cannot pass it off to another source. The drop box never sees
//! the newsroom's signing key, and cannot sign: a reply it makes up shows
//! as forged ([`Authenticity`]). Replies of format 1 (`"drreply1"`, no
//! signature) still open, and show as forged too.
//!
//! Every reply of up to [`MAX_REPLY`] bytes pads to the same 64 KiB, so
//! its length does not show.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::newsroom::NewsroomKey;
use crate::{envelope, padding, recipient, Error};

/// The first eight bytes of a reply's plaintext.
pub const MAGIC: &[u8; 8] = b"drreply2";
/// Format 1, unsigned: still read, always shown as forged.
pub const MAGIC_V1: &[u8; 8] = b"drreply1";
/// The longest reply, in bytes of UTF-8.
pub const MAX_REPLY: usize = 32 * 1024;
/// The longest signature taken (a minisign signature is about 300 bytes).
const MAX_SIGNATURE: usize = 2048;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
}

/// The bytes the newsroom signs for a reply of `text` to the source whose
/// reply recipient is `to`.
pub fn signed_message(to: &str, text: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(32 + to.len() + text.len());
    m.extend_from_slice(b"darkroom-reply v1\n");
    m.extend_from_slice(to.trim().as_bytes());
    m.push(b'\n');
    m.extend_from_slice(text.as_bytes());
    m
}

/// Seals `text` to the source's reply recipient `to` and to the
/// `newsroom`'s recipients, with the newsroom's `signature` over
/// [`signed_message`]. Without a signature the reply is sealed all the
/// same, as anyone with the source's recipient could: clients show it as
/// forged.
pub fn seal(
    text: &str,
    to: &str,
    signature: Option<&str>,
    newsroom: &[String],
) -> Result<Vec<u8>, Error> {
    if text.trim().is_empty() {
        return Err(Error::Malformed("the reply is empty".into()));
    }
    if text.len() > MAX_REPLY {
        return Err(Error::ReplyTooLong);
    }
    if signature.is_some_and(|s| s.len() > MAX_SIGNATURE) {
        return Err(Error::Malformed("the reply's signature is too long".into()));
    }
    let all: Vec<String> = std::iter::once(to.trim().to_string())
        .chain(newsroom.iter().cloned())
        .collect();
    if let (Ok(source), Ok(ours)) = (recipient::kind_of(&all[..1]), recipient::kind_of(newsroom)) {
        if source != ours {
            return Err(Error::ReplyKind {
                sources: source,
                newsroom: ours,
            });
        }
    }
    let recipients = envelope::parse_recipients(&all)?;
    let json = Zeroizing::new(
        serde_json::to_vec(&Body {
            text: text.into(),
            to: Some(to.trim().to_string()),
            signature: signature.map(str::to_string),
        })
        .map_err(|e| Error::Malformed(e.to_string()))?,
    );
    let used = MAGIC.len() + 4 + json.len();
    let mut plain = Zeroizing::new(Vec::with_capacity(padding::padded_len(used as u64) as usize));
    plain.extend_from_slice(MAGIC);
    plain.extend_from_slice(&(json.len() as u32).to_be_bytes());
    plain.extend_from_slice(&json);
    plain.resize(padding::padded_len(used as u64) as usize, 0);
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))?;
    let mut out = Vec::with_capacity(plain.len() + 1024);
    let mut w = encryptor.wrap_output(&mut out)?;
    w.write_all(&plain)?;
    w.finish()?;
    Ok(out)
}

/// An opened reply: its text, and what it says about who wrote it.
pub struct Reply {
    /// The reply's text.
    pub text: Zeroizing<String>,
    /// The recipient it says it was written for.
    to: Option<String>,
    /// The newsroom's signature, if it has one.
    signature: Option<String>,
}

/// Whether a reply comes from the newsroom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authenticity {
    /// Signed by the newsroom's key, for this source.
    Signed,
    /// No signature: anyone who knows the source's recipient (the drop
    /// box does) could have written it.
    Unsigned,
    /// A signature that is not the newsroom's over this text.
    BadSignature,
    /// Signed by the newsroom, but for another source.
    OtherSource,
}

impl Authenticity {
    /// Whether the newsroom wrote it, for this source.
    pub fn is_genuine(self) -> bool {
        self == Authenticity::Signed
    }

    /// What the source is told.
    pub fn describe(self) -> &'static str {
        match self {
            Authenticity::Signed => "signed by the newsroom",
            Authenticity::Unsigned => {
                "FORGED: this reply carries no newsroom signature; the newsroom did not write it, so do not act on it"
            }
            Authenticity::BadSignature => {
                "FORGED: its signature is not the newsroom's; the newsroom did not write it, so do not act on it"
            }
            Authenticity::OtherSource => {
                "FORGED: the newsroom wrote this for someone else, and it was passed to you; do not act on it"
            }
        }
    }
}

impl Reply {
    /// Checks the reply's signature against the newsroom's `key`, for the
    /// source whose reply recipients are `mine` (a codename gives one of
    /// each kind: [`crate::codename::CodenameKeys::recipients`]).
    pub fn authenticity(&self, key: &NewsroomKey, mine: &[String]) -> Authenticity {
        let (Some(to), Some(signature)) = (&self.to, &self.signature) else {
            return Authenticity::Unsigned;
        };
        if key
            .verify(&signed_message(to, &self.text), signature)
            .is_err()
        {
            return Authenticity::BadSignature;
        }
        if !mine.iter().any(|m| m.trim() == to.trim()) {
            return Authenticity::OtherSource;
        }
        Authenticity::Signed
    }
}

/// Opens a reply with `identity`, checking its framing and padding. Its
/// signature is checked by [`Reply::authenticity`].
pub fn open(sealed: &[u8], identity: &dyn age::Identity) -> Result<Reply, Error> {
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(|e| match e {
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => Error::NotAnEnvelope,
        _ => Error::Damaged,
    })?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => Error::NoMatchingKey,
            _ => Error::Damaged,
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    let limit = padding::padded_len((MAGIC.len() + 4 + MAX_REPLY * 6 + MAX_SIGNATURE + 256) as u64);
    (&mut reader)
        .take(limit + 1)
        .read_to_end(&mut plain)
        .map_err(|_| Error::Damaged)?;
    let malformed = |what: &str| Error::Malformed(format!("reply: {what}"));
    if plain.len() as u64 > limit || plain.len() < MAGIC.len() + 4 {
        return Err(malformed("wrong length"));
    }
    let v1 = &plain[..8] == MAGIC_V1;
    if &plain[..8] != MAGIC && !v1 {
        return Err(malformed("not a reply"));
    }
    let len = u32::from_be_bytes([plain[8], plain[9], plain[10], plain[11]]) as usize;
    let end = 12usize
        .checked_add(len)
        .filter(|&e| e <= plain.len())
        .ok_or_else(|| malformed("cut short"))?;
    if padding::padded_len(end as u64) != plain.len() as u64 || plain[end..].iter().any(|&b| b != 0)
    {
        return Err(malformed("bad padding"));
    }
    let body: Body<'_> =
        serde_json::from_slice(&plain[12..end]).map_err(|e| malformed(&e.to_string()))?;
    if body.text.len() > MAX_REPLY {
        return Err(Error::ReplyTooLong);
    }
    if body
        .signature
        .as_ref()
        .is_some_and(|s| s.len() > MAX_SIGNATURE)
    {
        return Err(malformed("its signature is too long"));
    }
    // Format 1 had no signature; anything claiming one there is ignored.
    let (to, signature) = if v1 {
        (None, None)
    } else {
        (body.to, body.signature)
    };
    Ok(Reply {
        text: Zeroizing::new(body.text.into_owned()),
        to,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::newsroom::tests::signer;

    /// The newsroom's signature over a reply of `text` to `to`.
    fn sign(sk: &minisign::SecretKey, to: &str, text: &str) -> String {
        crate::newsroom::tests::sign(sk, &signed_message(to, text))
    }

    #[test]
    fn replies_round_trip_for_each_recipient_and_hide_their_length() {
        let source = age::x25519::Identity::generate();
        let newsroom = age::x25519::Identity::generate();
        let stranger = age::x25519::Identity::generate();
        let (sk, key) = signer();
        let to = source.to_public().to_string();
        let ours = vec![newsroom.to_public().to_string()];
        let long_text = "ü".repeat(MAX_REPLY / 2);
        let short = seal(
            "Can you call?",
            &to,
            Some(&sign(&sk, &to, "Can you call?")),
            &ours,
        )
        .unwrap();
        let long = seal(&long_text, &to, Some(&sign(&sk, &to, &long_text)), &ours).unwrap();
        // One 64 KiB bucket for both; only age's header varies (its random
        // "grease" stanza), by a few hundred bytes at most.
        assert!(
            short.len().abs_diff(long.len()) < 512,
            "{} {}",
            short.len(),
            long.len()
        );
        assert!(short.len() > 65536 && short.len() < 65536 + 1024);
        for id in [&source, &newsroom] {
            let r = open(&short, id).unwrap();
            assert_eq!(*r.text, "Can you call?");
            assert_eq!(
                r.authenticity(&key, std::slice::from_ref(&to)),
                Authenticity::Signed
            );
        }
        assert!(open(&long, &source)
            .unwrap()
            .authenticity(&key, std::slice::from_ref(&to))
            .is_genuine());
        assert!(matches!(open(&short, &stranger), Err(Error::NoMatchingKey)));
        assert!(matches!(
            open(b"not age", &source),
            Err(Error::NotAnEnvelope)
        ));
        let mut cut = short.clone();
        cut.truncate(cut.len() - 10);
        assert!(matches!(open(&cut, &source), Err(Error::Damaged)));
        assert!(matches!(
            seal(&"x".repeat(MAX_REPLY + 1), &to, None, &ours),
            Err(Error::ReplyTooLong)
        ));
        assert!(seal("  ", &to, None, &ours).is_err());
        assert!(matches!(
            seal("hi", "nope", None, &ours),
            Err(Error::BadRecipient(_))
        ));
    }

    #[test]
    fn forged_replies_are_told_apart() {
        let source = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let (sk, key) = signer();
        let (other_sk, _) = signer();
        let to = source.to_public().to_string();
        let elsewhere = other.to_public().to_string();
        let verdict = |sealed: Vec<u8>| {
            open(&sealed, &source)
                .unwrap()
                .authenticity(&key, std::slice::from_ref(&to))
        };
        // The drop box can seal to the source, but cannot sign.
        assert_eq!(
            verdict(seal("Meet me", &to, None, &[]).unwrap()),
            Authenticity::Unsigned
        );
        // Another key's signature.
        let s = sign(&other_sk, &to, "Meet me");
        assert_eq!(
            verdict(seal("Meet me", &to, Some(&s), &[]).unwrap()),
            Authenticity::BadSignature
        );
        // The newsroom's signature over other words.
        let s = sign(&sk, &to, "Do not meet");
        assert_eq!(
            verdict(seal("Meet me", &to, Some(&s), &[]).unwrap()),
            Authenticity::BadSignature
        );
        // A genuine reply for someone else, resealed to this source: its
        // signature holds, but names the other recipient.
        let s = sign(&sk, &elsewhere, "Meet me");
        let resealed = seal("Meet me", &elsewhere, Some(&s), std::slice::from_ref(&to)).unwrap();
        assert_eq!(verdict(resealed), Authenticity::OtherSource);
        // The same with the `to` field rewritten: the signature breaks.
        assert_eq!(
            verdict(seal("Meet me", &to, Some(&s), &[]).unwrap()),
            Authenticity::BadSignature
        );
        // A damaged signature.
        assert_eq!(
            verdict(seal("Meet me", &to, Some("junk"), &[]).unwrap()),
            Authenticity::BadSignature
        );
        for a in [
            Authenticity::Unsigned,
            Authenticity::BadSignature,
            Authenticity::OtherSource,
        ] {
            assert!(a.describe().starts_with("FORGED"));
            assert!(!a.is_genuine());
        }
    }

    /// Format 1 replies, unsigned, still open: as forged.
    #[test]
    fn format_one_replies_open_as_unsigned() {
        let source = age::x25519::Identity::generate();
        let (_, key) = signer();
        let json = br#"{"text":"old reply"}"#;
        let mut plain = MAGIC_V1.to_vec();
        plain.extend_from_slice(&(json.len() as u32).to_be_bytes());
        plain.extend_from_slice(json);
        plain.resize(padding::padded_len(plain.len() as u64) as usize, 0);
        let r = source.to_public();
        let mut out = Vec::new();
        let mut w = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
            .unwrap()
            .wrap_output(&mut out)
            .unwrap();
        w.write_all(&plain).unwrap();
        w.finish().unwrap();
        let reply = open(&out, &source).unwrap();
        assert_eq!(*reply.text, "old reply");
        assert_eq!(
            reply.authenticity(&key, &[r.to_string()]),
            Authenticity::Unsigned
        );
    }

    #[test]
    fn an_envelope_is_not_a_reply() {
        let id = age::x25519::Identity::generate();
        let mut env = Vec::new();
        envelope::seal(
            std::io::Cursor::new(b"%PDF-1.7 x".to_vec()),
            envelope::SealOptions::new("a.pdf", vec![id.to_public().to_string()]).sending_as_is(),
            &mut env,
        )
        .unwrap();
        assert!(matches!(open(&env, &id), Err(Error::Malformed(_))));
    }

    /// A reply between hybrid keys: sealed to the source and the newsroom,
    /// opened by each, in the same 64 KiB bucket plus the larger stanzas.
    /// A reply cannot mix kinds, and says why.
    #[test]
    fn hybrid_replies_round_trip_and_kinds_do_not_mix() {
        let source = crate::hybrid::Identity::generate();
        let newsroom = crate::hybrid::Identity::generate();
        let (sk, key) = signer();
        let to = source.to_public().to_string();
        let ours = vec![newsroom.to_public().to_string()];
        let sealed = seal("Call me", &to, Some(&sign(&sk, &to, "Call me")), &ours).unwrap();
        assert!(sealed.len() > 65536 + 2 * 1500 && sealed.len() < 65536 + 4096);
        for id in [&source as &dyn age::Identity, &newsroom] {
            let r = open(&sealed, id).unwrap();
            assert_eq!(*r.text, "Call me");
            assert!(r
                .authenticity(&key, &["age1other".into(), to.clone()])
                .is_genuine());
        }
        let classical = age::x25519::Identity::generate().to_public().to_string();
        let e = seal("hi", &classical, None, &ours).unwrap_err();
        assert!(
            matches!(
                e,
                Error::ReplyKind {
                    sources: recipient::Kind::Classical,
                    newsroom: recipient::Kind::Hybrid
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("classical"), "{e}");
        let e = seal("hi", &to, None, &[classical]).unwrap_err();
        assert!(matches!(e, Error::ReplyKind { .. }), "{e}");
    }
}
