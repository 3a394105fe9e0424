//! Replies from the newsroom to a source: text signed with the newsroom's
//! signing key, then sealed with age to the source's codename recipient
//! and to the newsroom's own recipients, so the newsroom can read what it
//! sent, offline.
//!
//! The plaintext inside the age file is (see `docs/formats.md` §7):
//!
//! ```text
//! magic    8 bytes  "drreply3"
//! len      u32 BE   length of the JSON
//! json     {"text": "…", "to": "age1…", "place": {"seq", "day", "prev"},
//!           "signature": "<minisign signature>"}
//! padding  zero bytes up to padding::padded_len(everything before it)
//! ```
//!
//! The signature is minisign's over [`signed_message`]: the reply's text,
//! the recipient it was written for, and its [`Place`] in the newsroom's
//! thread to that source (a number, a day, and the hash of the reply
//! before it). So a server that holds a genuine reply cannot pass it off
//! to another source, re-date it, show it twice, or drop or reorder
//! replies without the source's client saying so ([`thread`]). The drop
//! box never sees the newsroom's signing key, and cannot sign: a reply it
//! makes up shows as forged ([`Authenticity`]). Replies of format 2
//! (`"drreply2"`, signed without a place) still open, and say they carry
//! no date or number; replies of format 1 (`"drreply1"`, no signature)
//! open as forged.
//!
//! Every reply of up to [`MAX_REPLY`] bytes pads to the same 64 KiB, so
//! its length does not show.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use sha2::{Digest, Sha256};

use crate::newsroom::NewsroomKey;
use crate::{calendar, envelope, padding, recipient, EnvelopeError};

/// The first eight bytes of a reply's plaintext.
pub const MAGIC: &[u8; 8] = b"drreply3";
/// Format 2, signed without a place in the thread: still read.
pub const MAGIC_V2: &[u8; 8] = b"drreply2";
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
    place: Option<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
}

/// Where a reply stands in the newsroom's thread to one source, signed
/// with it: the newsroom numbers its replies to each source 1, 2, 3…,
/// dates each, and chains each to the one before, so a client can tell a
/// reply shown twice, one missing, or one out of order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Its number in the thread, from 1.
    pub seq: u64,
    /// The day the newsroom signed it (days since 1970-01-01, UTC).
    pub day: u64,
    /// [`Reply::hash`] of reply `seq − 1`, hex; empty for the first.
    pub prev: String,
}

/// The bytes the newsroom signs for a reply of `text` to the source whose
/// reply recipient is `to`, at `place` in its thread to that source
/// (format 2, without a place, signed `"darkroom-reply v1"` messages).
pub fn signed_message(to: &str, place: Option<&Place>, text: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(160 + to.len() + text.len());
    match place {
        None => m.extend_from_slice(b"darkroom-reply v1\n"),
        Some(_) => m.extend_from_slice(b"darkroom-reply v2\n"),
    }
    m.extend_from_slice(to.trim().as_bytes());
    m.push(b'\n');
    if let Some(p) = place {
        m.extend_from_slice(format!("{}\n{}\n{}\n", p.seq, p.day, p.prev).as_bytes());
    }
    m.extend_from_slice(text.as_bytes());
    m
}

/// What the reply after this one (to `to`, at `place`, saying `text`)
/// chains to: SHA-256 of its signed message, hex.
pub fn hash_of(to: &str, place: &Place, text: &str) -> String {
    hex::encode(Sha256::digest(signed_message(to, Some(place), text)))
}

/// Seals `text` to the source's reply recipient `to` and to the
/// `newsroom`'s recipients, with the newsroom's `signature` over
/// [`signed_message`] at `place`. Without a signature the reply is sealed
/// all the same, as anyone with the source's recipient could: clients
/// show it as forged.
pub fn seal(
    text: &str,
    to: &str,
    place: &Place,
    signature: Option<&str>,
    newsroom: &[String],
) -> Result<Vec<u8>, EnvelopeError> {
    if text.trim().is_empty() {
        return Err(EnvelopeError::Malformed("the reply is empty".into()));
    }
    if text.len() > MAX_REPLY {
        return Err(EnvelopeError::ReplyTooLong);
    }
    if signature.is_some_and(|s| s.len() > MAX_SIGNATURE) {
        return Err(EnvelopeError::Malformed(
            "the reply's signature is too long".into(),
        ));
    }
    let all: Vec<String> = std::iter::once(to.trim().to_string())
        .chain(newsroom.iter().cloned())
        .collect();
    if let (Ok(source), Ok(ours)) = (recipient::kind_of(&all[..1]), recipient::kind_of(newsroom)) {
        if source != ours {
            return Err(EnvelopeError::ReplyKind {
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
            place: Some(place.clone()),
            signature: signature.map(str::to_string),
        })
        .map_err(|e| EnvelopeError::Malformed(e.to_string()))?,
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
    /// Where it says it stands in the newsroom's thread (format 3).
    place: Option<Place>,
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
            .verify(
                &signed_message(to, self.place.as_ref(), &self.text),
                signature,
            )
            .is_err()
        {
            return Authenticity::BadSignature;
        }
        if !mine.iter().any(|m| m.trim() == to.trim()) {
            return Authenticity::OtherSource;
        }
        Authenticity::Signed
    }

    /// Its place in the newsroom's thread, as it says (believe it only of
    /// a reply whose [`Reply::authenticity`] is genuine).
    pub fn place(&self) -> Option<&Place> {
        self.place.as_ref()
    }

    /// What the next reply in the thread chains to (`None` without a
    /// place).
    pub fn hash(&self) -> Option<String> {
        let (to, place) = (self.to.as_ref()?, self.place.as_ref()?);
        Some(hash_of(to, place, &self.text))
    }
}

/// Opens a reply with `identity`, checking its framing and padding. Its
/// signature is checked by [`Reply::authenticity`].
pub fn open(sealed: &[u8], identity: &dyn age::Identity) -> Result<Reply, EnvelopeError> {
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(|e| match e {
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
            EnvelopeError::NotAnEnvelope
        }
        _ => EnvelopeError::Damaged,
    })?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => EnvelopeError::NoMatchingKey,
            _ => EnvelopeError::Damaged,
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    let limit = padding::padded_len((MAGIC.len() + 4 + MAX_REPLY * 6 + MAX_SIGNATURE + 256) as u64);
    (&mut reader)
        .take(limit + 1)
        .read_to_end(&mut plain)
        .map_err(|_| EnvelopeError::Damaged)?;
    let malformed = |what: &str| EnvelopeError::Malformed(format!("reply: {what}"));
    if plain.len() as u64 > limit || plain.len() < MAGIC.len() + 4 {
        return Err(malformed("wrong length"));
    }
    let format = match &plain[..8] {
        m if m == MAGIC => 3,
        m if m == MAGIC_V2 => 2,
        m if m == MAGIC_V1 => 1,
        _ => return Err(malformed("not a reply")),
    };
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
        return Err(EnvelopeError::ReplyTooLong);
    }
    if body
        .signature
        .as_ref()
        .is_some_and(|s| s.len() > MAX_SIGNATURE)
    {
        return Err(malformed("its signature is too long"));
    }
    // Format 1 had no signature, format 2 no place: anything claiming one
    // there is ignored. Format 3 has a place, numbered from 1.
    let (to, place, signature) = match format {
        1 => (None, None, None),
        2 => (body.to, None, body.signature),
        _ => {
            let place = body
                .place
                .ok_or_else(|| malformed("no place in the thread"))?;
            if place.seq == 0 || (place.seq == 1) != place.prev.is_empty() {
                return Err(malformed("its place in the thread is impossible"));
            }
            (body.to, Some(place), body.signature)
        }
    };
    Ok(Reply {
        text: Zeroizing::new(body.text.into_owned()),
        to,
        place,
        signature,
    })
}

/// The newsroom's side of a thread: the place of its next reply to a
/// source, after the reply it sent last (`None` for the first), dated
/// `day`.
pub fn next_place(last: Option<(&Place, &str)>, day: u64) -> Place {
    match last {
        None => Place {
            seq: 1,
            day,
            prev: String::new(),
        },
        Some((p, hash)) => Place {
            seq: p.seq + 1,
            day,
            prev: hash.to_string(),
        },
    }
}

/// One reply as a client shows it, in the order [`thread`] puts them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// Its index in the list as the server served it.
    pub served: usize,
    /// The day the newsroom dated it, when it is genuine and dated.
    pub day: Option<String>,
    /// Its number in the thread, when genuine and numbered.
    pub seq: Option<u64>,
    /// What the source must know of its place, if anything: shown twice,
    /// replies missing before it, out of the chain, or undated.
    pub note: Option<String>,
}

impl Shown {
    /// "Reply N, dated D by the newsroom", for a genuine numbered reply:
    /// what a page shows above it (the day the server lists is not
    /// believed).
    pub fn heading(&self) -> Option<String> {
        Some(format!(
            "Reply {}, dated {} by the newsroom",
            self.seq?,
            self.day.as_ref()?
        ))
    }
}

/// Puts the replies a server served (each opened and checked, or `None`
/// if it could not be opened) in the order the newsroom numbered them,
/// and says of each what the server may have done: a reply served twice,
/// numbers missing before one (the source deleted them, or the server is
/// withholding them), one that does not follow the reply before it, or a
/// signed reply of the older format with no date or number. Forged and
/// unreadable replies follow, in the order served. The day the server
/// lists is not believed; the newsroom's signed day is.
pub fn thread(replies: &[Option<(&Reply, Authenticity)>]) -> Vec<Shown> {
    let mut numbered: Vec<(usize, &Reply, &Place)> = Vec::new();
    let mut rest = Vec::new();
    for (i, r) in replies.iter().enumerate() {
        match r {
            Some((reply, a)) if a.is_genuine() => match reply.place() {
                Some(p) => numbered.push((i, reply, p)),
                None => rest.push(Shown {
                    served: i,
                    day: None,
                    seq: None,
                    note: Some("signed in the older format, with no date or number: the server could show it again, or out of order".into()),
                }),
            },
            _ => rest.push(Shown {
                served: i,
                day: None,
                seq: None,
                note: None,
            }),
        }
    }
    numbered.sort_by_key(|&(i, _, p)| (p.seq, i));
    let mut shown = Vec::new();
    let mut before: Option<(&Reply, &Place)> = None;
    for (i, reply, p) in numbered {
        let note = match before {
            Some((b, bp)) if bp.seq == p.seq => Some(if b.text == reply.text && bp == p {
                format!("reply {} again: the server showed it more than once", p.seq)
            } else {
                format!("a second reply numbered {}: the newsroom's thread is broken; ask the newsroom", p.seq)
            }),
            Some((_, bp)) if p.seq > bp.seq + 1 => Some(missing(bp.seq + 1, p.seq - 1)),
            None if p.seq > 1 => Some(missing(1, p.seq - 1)),
            Some((b, _)) if b.hash().as_deref() != Some(p.prev.as_str()) => Some(format!(
                "reply {} does not follow the reply {} shown here: the newsroom's thread is broken; ask the newsroom",
                p.seq,
                p.seq - 1
            )),
            _ => None,
        };
        shown.push(Shown {
            served: i,
            day: Some(calendar::format_day(p.day)),
            seq: Some(p.seq),
            note,
        });
        before = Some((reply, p));
    }
    shown.extend(rest);
    shown
}

/// A reply a server served, opened and checked, in the order
/// [`open_all`] puts them.
pub struct Received {
    /// Where it stands: its index as served, the newsroom's day and
    /// number, and what the source must know.
    pub shown: Shown,
    /// The reply and whether the newsroom wrote it for this source, or why
    /// it cannot be opened.
    pub reply: Result<(Reply, Authenticity), EnvelopeError>,
}

/// What every client does with the replies a server served (`sealed`, in
/// its order): opens each with the source's `identity`, checks it against
/// the newsroom's `key` (`None`: none is believed signed) for the source's
/// reply recipients `mine`, and puts them in the newsroom's order
/// ([`thread`]).
pub fn open_all(
    sealed: &[&[u8]],
    identity: &dyn age::Identity,
    key: Option<&NewsroomKey>,
    mine: &[String],
) -> Vec<Received> {
    let mut opened: Vec<Option<Result<(Reply, Authenticity), EnvelopeError>>> = sealed
        .iter()
        .map(|s| {
            let reply = open(s, identity)?;
            let a = key.map_or(Authenticity::Unsigned, |k| reply.authenticity(k, mine));
            Ok((reply, a))
        })
        .map(Some)
        .collect();
    let checked: Vec<_> = opened
        .iter()
        .map(|o| match o {
            Some(Ok((reply, a))) => Some((reply, *a)),
            _ => None,
        })
        .collect();
    let order = thread(&checked);
    order
        .into_iter()
        .map(|shown| Received {
            reply: opened[shown.served]
                .take()
                .unwrap_or(Err(EnvelopeError::Damaged)),
            shown,
        })
        .collect()
}

fn missing(from: u64, to: u64) -> String {
    if from == to {
        format!("reply {from} is not here: you deleted it, or the server is withholding it")
    } else {
        format!("replies {from} to {to} are not here: you deleted them, or the server is withholding them")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::newsroom::tests::signer;

    /// The first reply's place in a thread.
    fn first() -> Place {
        next_place(None, 20_000)
    }

    /// The newsroom's signature over a first reply of `text` to `to`.
    fn sign(sk: &minisign::SecretKey, to: &str, text: &str) -> String {
        crate::newsroom::tests::sign(sk, &signed_message(to, Some(&first()), text))
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
            &first(),
            Some(&sign(&sk, &to, "Can you call?")),
            &ours,
        )
        .unwrap();
        let long = seal(
            &long_text,
            &to,
            &first(),
            Some(&sign(&sk, &to, &long_text)),
            &ours,
        )
        .unwrap();
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
        assert!(matches!(
            open(&short, &stranger),
            Err(EnvelopeError::NoMatchingKey)
        ));
        assert!(matches!(
            open(b"not age", &source),
            Err(EnvelopeError::NotAnEnvelope)
        ));
        let mut cut = short.clone();
        cut.truncate(cut.len() - 10);
        assert!(matches!(open(&cut, &source), Err(EnvelopeError::Damaged)));
        assert!(matches!(
            seal(&"x".repeat(MAX_REPLY + 1), &to, &first(), None, &ours),
            Err(EnvelopeError::ReplyTooLong)
        ));
        assert!(matches!(
            seal("  ", &to, &first(), None, &ours),
            Err(crate::EnvelopeError::Malformed(..))
        ));
        assert!(matches!(
            seal("hi", "nope", &first(), None, &ours),
            Err(EnvelopeError::BadRecipient(_))
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
            verdict(seal("Meet me", &to, &first(), None, &[]).unwrap()),
            Authenticity::Unsigned
        );
        // Another key's signature.
        let s = sign(&other_sk, &to, "Meet me");
        assert_eq!(
            verdict(seal("Meet me", &to, &first(), Some(&s), &[]).unwrap()),
            Authenticity::BadSignature
        );
        // The newsroom's signature over other words.
        let s = sign(&sk, &to, "Do not meet");
        assert_eq!(
            verdict(seal("Meet me", &to, &first(), Some(&s), &[]).unwrap()),
            Authenticity::BadSignature
        );
        // A genuine reply for someone else, resealed to this source: its
        // signature holds, but names the other recipient.
        let s = sign(&sk, &elsewhere, "Meet me");
        let resealed = seal(
            "Meet me",
            &elsewhere,
            &first(),
            Some(&s),
            std::slice::from_ref(&to),
        )
        .unwrap();
        assert_eq!(verdict(resealed), Authenticity::OtherSource);
        // The same with the `to` field rewritten: the signature breaks.
        assert_eq!(
            verdict(seal("Meet me", &to, &first(), Some(&s), &[]).unwrap()),
            Authenticity::BadSignature
        );
        // A damaged signature.
        assert_eq!(
            verdict(seal("Meet me", &to, &first(), Some("junk"), &[]).unwrap()),
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

    /// A reply of an older format: `magic`, then `json`, padded, sealed to
    /// `to` alone.
    fn sealed_as(magic: &[u8; 8], json: &[u8], to: &age::x25519::Recipient) -> Vec<u8> {
        let mut plain = magic.to_vec();
        plain.extend_from_slice(&(json.len() as u32).to_be_bytes());
        plain.extend_from_slice(json);
        plain.resize(padding::padded_len(plain.len() as u64) as usize, 0);
        let mut out = Vec::new();
        let mut w = age::Encryptor::with_recipients(std::iter::once(to as &dyn age::Recipient))
            .unwrap()
            .wrap_output(&mut out)
            .unwrap();
        w.write_all(&plain).unwrap();
        w.finish().unwrap();
        out
    }

    /// Format 1 replies, unsigned, still open: as forged.
    #[test]
    fn format_one_replies_open_as_unsigned() {
        let source = age::x25519::Identity::generate();
        let (_, key) = signer();
        let r = source.to_public();
        let out = sealed_as(MAGIC_V1, br#"{"text":"old reply"}"#, &r);
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
        assert!(matches!(open(&env, &id), Err(EnvelopeError::Malformed(_))));
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
        let sealed = seal(
            "Call me",
            &to,
            &first(),
            Some(&sign(&sk, &to, "Call me")),
            &ours,
        )
        .unwrap();
        assert!(sealed.len() > 65536 + 2 * 1500 && sealed.len() < 65536 + 4096);
        for id in [&source as &dyn age::Identity, &newsroom] {
            let r = open(&sealed, id).unwrap();
            assert_eq!(*r.text, "Call me");
            assert!(r
                .authenticity(&key, &["age1other".into(), to.clone()])
                .is_genuine());
        }
        let classical = age::x25519::Identity::generate().to_public().to_string();
        let e = seal("hi", &classical, &first(), None, &ours).unwrap_err();
        assert!(
            matches!(
                e,
                EnvelopeError::ReplyKind {
                    sources: recipient::Kind::Classical,
                    newsroom: recipient::Kind::Hybrid
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("classical"), "{e}");
        let e = seal("hi", &to, &first(), None, &[classical]).unwrap_err();
        assert!(matches!(e, EnvelopeError::ReplyKind { .. }), "{e}");
    }

    /// A thread of `n` genuine replies to `to`, each chained to the one
    /// before, as `darkroom newsroom reply` signs them.
    fn thread_of(sk: &minisign::SecretKey, to: &str, texts: &[&str]) -> Vec<Vec<u8>> {
        let mut last: Option<(Place, String)> = None;
        let mut out = Vec::new();
        for (k, text) in texts.iter().enumerate() {
            let place = next_place(
                last.as_ref().map(|(p, h)| (p, h.as_str())),
                20_000 + k as u64,
            );
            let sig = crate::newsroom::tests::sign(sk, &signed_message(to, Some(&place), text));
            out.push(seal(text, to, &place, Some(&sig), &[]).unwrap());
            last = Some((place.clone(), hash_of(to, &place, text)));
        }
        out
    }

    /// What `thread` says of replies served in this order: (seq, note).
    fn shown(
        served: &[&Vec<u8>],
        id: &age::x25519::Identity,
        key: &NewsroomKey,
    ) -> Vec<(Option<u64>, Option<String>)> {
        let to = id.to_public().to_string();
        let opened: Vec<Reply> = served.iter().map(|s| open(s, id).unwrap()).collect();
        let checked: Vec<_> = opened
            .iter()
            .map(|r| Some((r, r.authenticity(key, std::slice::from_ref(&to)))))
            .collect();
        thread(&checked)
            .into_iter()
            .map(|s| (s.seq, s.note))
            .collect()
    }

    #[test]
    fn a_thread_shows_replays_gaps_and_order_as_the_newsroom_numbered_it() {
        let source = age::x25519::Identity::generate();
        let (sk, key) = signer();
        let to = source.to_public().to_string();
        let t = thread_of(&sk, &to, &["one", "two", "three", "four"]);
        // In order: nothing to say, and the newsroom's days.
        let all: Vec<&Vec<u8>> = t.iter().collect();
        assert_eq!(
            shown(&all, &source, &key),
            vec![
                (Some(1), None),
                (Some(2), None),
                (Some(3), None),
                (Some(4), None)
            ]
        );
        let opened = open(&t[2], &source).unwrap();
        assert_eq!(opened.place().unwrap().day, 20_002);
        // Served out of order: shown in the newsroom's order.
        let shuffled = vec![&t[3], &t[0], &t[2], &t[1]];
        assert_eq!(
            shown(&shuffled, &source, &key)
                .iter()
                .map(|s| s.0)
                .collect::<Vec<_>>(),
            vec![Some(1), Some(2), Some(3), Some(4)]
        );
        // One served twice: the second is named a replay.
        let twice = vec![&t[0], &t[1], &t[1], &t[2]];
        let s = shown(&twice, &source, &key);
        assert_eq!(s[2].0, Some(2));
        assert!(
            s[2].1.as_deref().unwrap().contains("more than once"),
            "{s:?}"
        );
        // Two withheld: the gap is named; the first withheld too.
        let gap = vec![&t[0], &t[3]];
        let s = shown(&gap, &source, &key);
        assert!(
            s[1].1
                .as_deref()
                .unwrap()
                .contains("replies 2 to 3 are not here"),
            "{s:?}"
        );
        let late = vec![&t[1]];
        let s = shown(&late, &source, &key);
        assert!(
            s[0].1.as_deref().unwrap().contains("reply 1 is not here"),
            "{s:?}"
        );
        // Re-dating or renumbering breaks the signature.
        let mut redated = opened;
        redated.place.as_mut().unwrap().day = 19_000;
        assert_eq!(
            redated.authenticity(&key, std::slice::from_ref(&to)),
            Authenticity::BadSignature
        );
        // A reply from another thread of the same number does not chain.
        let other = thread_of(&sk, &to, &["x", "y"]);
        let forked = vec![&t[0], &other[1]];
        let s = shown(&forked, &source, &key);
        assert!(
            s[1].1.as_deref().unwrap().contains("does not follow"),
            "{s:?}"
        );
    }

    /// Format 2 replies, signed without a place: genuine, and said to be
    /// undated.
    #[test]
    fn format_two_replies_open_as_signed_but_undated() {
        let source = age::x25519::Identity::generate();
        let (sk, key) = signer();
        let to = source.to_public().to_string();
        let sig = crate::newsroom::tests::sign(&sk, &signed_message(&to, None, "old"));
        let json =
            serde_json::to_vec(&serde_json::json!({"text": "old", "to": to, "signature": sig}))
                .unwrap();
        let out = sealed_as(MAGIC_V2, &json, &source.to_public());
        let reply = open(&out, &source).unwrap();
        let a = reply.authenticity(&key, std::slice::from_ref(&to));
        assert!(a.is_genuine());
        assert_eq!(reply.place(), None);
        let s = thread(&[Some((&reply, a))]);
        assert!(s[0].note.as_deref().unwrap().contains("no date or number"));
    }
}
