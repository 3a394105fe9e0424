//! Replies from the newsroom to a source: text sealed with age to the
//! source's codename recipient and to the newsroom's own recipients, so
//! the newsroom can read what it sent, offline.
//!
//! The plaintext inside the age file is (see `docs/formats.md`):
//!
//! ```text
//! magic    8 bytes  "drreply1"
//! len      u32 BE   length of the JSON
//! json     {"text": "…"}
//! padding  zero bytes up to padding::padded_len(everything before it)
//! ```
//!
//! Every reply of up to [`MAX_REPLY`] bytes pads to the same 64 KiB, so
//! its length does not show.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::{envelope, padding, Error};

/// The first eight bytes of a reply's plaintext.
pub const MAGIC: &[u8; 8] = b"drreply1";
/// The longest reply, in bytes of UTF-8.
pub const MAX_REPLY: usize = 32 * 1024;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
}

/// Seals `text` to `recipients` (the source's first, then the newsroom's).
pub fn seal(text: &str, recipients: &[String]) -> Result<Vec<u8>, Error> {
    if text.trim().is_empty() {
        return Err(Error::Malformed("the reply is empty".into()));
    }
    if text.len() > MAX_REPLY {
        return Err(Error::ReplyTooLong);
    }
    let recipients = envelope::parse_recipients(recipients)?;
    let json = Zeroizing::new(
        serde_json::to_vec(&Body { text: text.into() })
            .map_err(|e| Error::Malformed(e.to_string()))?,
    );
    let used = MAGIC.len() + 4 + json.len();
    let mut plain = Zeroizing::new(Vec::with_capacity(padding::padded_len(used as u64) as usize));
    plain.extend_from_slice(MAGIC);
    plain.extend_from_slice(&(json.len() as u32).to_be_bytes());
    plain.extend_from_slice(&json);
    plain.resize(padding::padded_len(used as u64) as usize, 0);
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| Error::Encrypt(e.to_string()))?;
    let mut out = Vec::with_capacity(plain.len() + 1024);
    let mut w = encryptor.wrap_output(&mut out)?;
    w.write_all(&plain)?;
    w.finish()?;
    Ok(out)
}

/// Opens a reply with `identity`, checking its framing and padding.
pub fn open(sealed: &[u8], identity: &dyn age::Identity) -> Result<Zeroizing<String>, Error> {
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
    let limit = padding::padded_len((MAGIC.len() + 4 + MAX_REPLY * 6 + 16) as u64);
    (&mut reader)
        .take(limit + 1)
        .read_to_end(&mut plain)
        .map_err(|_| Error::Damaged)?;
    let malformed = |what: &str| Error::Malformed(format!("reply: {what}"));
    if plain.len() as u64 > limit || plain.len() < MAGIC.len() + 4 {
        return Err(malformed("wrong length"));
    }
    if &plain[..8] != MAGIC {
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
    Ok(Zeroizing::new(body.text.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_round_trip_for_each_recipient_and_hide_their_length() {
        let source = age::x25519::Identity::generate();
        let newsroom = age::x25519::Identity::generate();
        let stranger = age::x25519::Identity::generate();
        let to = vec![
            source.to_public().to_string(),
            newsroom.to_public().to_string(),
        ];
        let short = seal("Can you call?", &to).unwrap();
        let long = seal(&"ü".repeat(MAX_REPLY / 2), &to).unwrap();
        // One 64 KiB bucket for both; only age's header varies (its random
        // "grease" stanza), by a few hundred bytes at most.
        assert!(
            short.len().abs_diff(long.len()) < 512,
            "{} {}",
            short.len(),
            long.len()
        );
        assert!(short.len() > 65536 && short.len() < 65536 + 1024);
        assert_eq!(*open(&short, &source).unwrap(), "Can you call?");
        assert_eq!(*open(&short, &newsroom).unwrap(), "Can you call?");
        assert!(matches!(open(&short, &stranger), Err(Error::NoMatchingKey)));
        assert!(matches!(
            open(b"not age", &source),
            Err(Error::NotAnEnvelope)
        ));
        let mut cut = short.clone();
        cut.truncate(cut.len() - 10);
        assert!(matches!(open(&cut, &source), Err(Error::Damaged)));
        assert!(matches!(
            seal(&"x".repeat(MAX_REPLY + 1), &to),
            Err(Error::ReplyTooLong)
        ));
        assert!(seal("  ", &to).is_err());
        assert!(matches!(seal("hi", &[]), Err(Error::NoRecipients)));
    }

    #[test]
    fn an_envelope_is_not_a_reply() {
        let id = age::x25519::Identity::generate();
        let mut env = Vec::new();
        envelope::seal(
            std::io::Cursor::new(b"%PDF-1.7 x".to_vec()),
            envelope::SealOptions::new("a.pdf", vec![id.to_public().to_string()]),
            &mut env,
        )
        .unwrap();
        assert!(matches!(open(&env, &id), Err(Error::Malformed(_))));
    }
}
