//! Source accounts: what the server checks of a codename it never sees.
//!
//! A source's client derives `lookup`, `verifier` and a reply recipient
//! from the codename (see `darkroom_core::codename`). The server keeps the
//! lookup, an Argon2id hash of the verifier and the recipient. A login
//! runs one Argon2id verification whether or not the lookup is known, so
//! its cost does not tell which codenames exist.

use std::cell::Cell;

use serde::Deserialize;
use zeroize::Zeroizing;

use darkroom_core::recipient::Kind;

use crate::intake::{self, Refusal};
use crate::store::{Day, Source, Store, StoreError};

/// The largest sealed reply taken: one 64 KiB bucket, its age overhead and
/// a header with room for many newsroom recipients.
pub const MAX_SEALED_REPLY: usize = 64 * 1024 + intake::MAX_HEADER + 1024;

/// What a source's client sends to show it holds a codename: two keys
/// derived from it, in hex. Never the codename.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The account's lookup key.
    pub lookup: String,
    /// The login verifier (a secret).
    pub verifier: Zeroizing<String>,
    /// The reply recipient, sent with a submission.
    #[serde(default)]
    pub recipient: Option<String>,
}

fn hex32(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Claim {
    /// A claim from keys derived on this server (the no-JavaScript inbox),
    /// with the reply recipient of the newsroom's `kind`.
    pub fn derived(keys: &darkroom_core::codename::CodenameKeys, kind: Kind) -> Claim {
        Claim {
            lookup: keys.lookup_hex(),
            verifier: keys.verifier_hex(),
            recipient: Some(keys.recipient(kind)),
        }
    }

    /// Parses a claim sent as JSON, checking the shape of every key.
    pub fn parse(json: &[u8]) -> Result<Claim, Refusal> {
        let bad = || {
            Refusal("the codename keys are malformed; they should be the lookup and verifier a Darkroom client derives".into())
        };
        let claim: Claim = serde_json::from_slice(json).map_err(|_| bad())?;
        claim.checked()
    }

    /// The claim, if every key has the shape a Darkroom client derives.
    pub fn checked(self) -> Result<Claim, Refusal> {
        let recipient_ok = self
            .recipient
            .as_ref()
            .is_none_or(|r| r.parse::<darkroom_core::recipient::Recipient>().is_ok());
        if !hex32(&self.lookup) || !hex32(&self.verifier) || !recipient_ok {
            return Err(Refusal("the codename keys are malformed; they should be the lookup and verifier a Darkroom client derives".into()));
        }
        Ok(self)
    }
}

thread_local! {
    static VERIFICATIONS: Cell<u64> = const { Cell::new(0) };
}

/// How many verifier checks (Argon2id runs) this thread has made: a test
/// reads it to show that a login with an unknown codename does the same
/// work as one with a known codename.
pub fn verifications() -> u64 {
    VERIFICATIONS.with(Cell::get)
}

fn verifier_ok(hash: &str, verifier: &str) -> bool {
    VERIFICATIONS.with(|c| c.set(c.get() + 1));
    crate::auth::password_ok(hash, verifier)
}

/// The account a claim logs in to, or `None` for a wrong codename (one
/// Argon2id verification either way).
pub fn login(store: &dyn Store, claim: &Claim) -> Result<Option<Source>, StoreError> {
    let found = store.source_by_lookup(&claim.lookup)?;
    let hash = found
        .as_ref()
        .map(|s| s.verifier_hash.clone())
        .unwrap_or_else(crate::auth::dummy_hash);
    let ok = verifier_ok(&hash, &claim.verifier);
    Ok(found.filter(|_| ok))
}

/// Why a submission's codename was refused.
#[derive(Debug)]
pub enum ClaimError {
    /// The claim does not match its account.
    Refused(Refusal),
    /// The store failed.
    Store(StoreError),
}

/// The account a submission is sent under: the existing one (whose
/// verifier and recipient must match), or a new one to create with the
/// submission. The reply recipient must be of the newsroom's `kind`, so
/// that replies can be sealed to the source and the newsroom together. An
/// account made before the newsroom changed kind (classical to hybrid)
/// takes the new recipient the source's client sends, once the verifier
/// proves it is the same codename.
pub fn for_submission(
    store: &dyn Store,
    claim: &Claim,
    today: Day,
    kind: Kind,
) -> Result<Source, ClaimError> {
    let recipient = claim.recipient.clone().ok_or_else(|| {
        ClaimError::Refused(Refusal(
            "the codename part has no reply recipient; a Darkroom client sends one".into(),
        ))
    })?;
    if Kind::of(&recipient) != kind {
        return Err(ClaimError::Refused(Refusal(format!(
            "the codename's reply key is {}, but this newsroom's keys are {kind}; nothing was stored. Fetch the newsroom's current keys with an up-to-date Darkroom and send again",
            Kind::of(&recipient)
        ))));
    }
    let mismatch = || {
        ClaimError::Refused(Refusal(
            "this codename does not match its account; nothing was stored. Check the codename, or send without one".into(),
        ))
    };
    match store
        .source_by_lookup(&claim.lookup)
        .map_err(ClaimError::Store)?
    {
        Some(mut existing) => {
            let upgrade = Kind::of(&existing.recipient) != kind;
            if !verifier_ok(&existing.verifier_hash, &claim.verifier)
                || (existing.recipient != recipient && !upgrade)
            {
                return Err(mismatch());
            }
            // Stored with the submission, in the same transaction.
            existing.recipient = recipient;
            Ok(existing)
        }
        None => {
            let verifier_hash = crate::auth::hash_password(&claim.verifier)
                .map_err(|e| ClaimError::Store(StoreError::Io(std::io::Error::other(e))))?;
            Ok(Source {
                id: String::new(),
                lookup: claim.lookup.clone(),
                designation: String::new(),
                verifier_hash,
                recipient,
                created_day: today,
            })
        }
    }
}

/// Checks a sealed reply the server cannot open: an age file sealed to the
/// source and every newsroom recipient, in the one size a reply has.
pub fn check_reply(sealed: &[u8], kind: Kind, newsroom_recipients: usize) -> Result<(), Refusal> {
    if sealed.len() > MAX_SEALED_REPLY {
        return Err(Refusal(
            "this is larger than a sealed reply can be; seal it with Darkroom".into(),
        ));
    }
    let header = intake::check_header(sealed, kind, newsroom_recipients + 1)?
        .ok_or_else(|| Refusal("the sealed reply is cut short".into()))?;
    intake::check_size(sealed.len() as u64, header.len)
        .map_err(|_| Refusal("this is not a reply sealed by Darkroom".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SqliteStore;
    use darkroom_core::codename;

    #[test]
    fn unknown_codenames_cost_one_verification_like_known_ones() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let salt = store.instance_salt().unwrap();
        assert_eq!(store.instance_salt().unwrap(), salt, "the salt is kept");
        let keys = codename::derive(&codename::generate(), &salt).unwrap();
        let claim = Claim::derived(&keys, Kind::Hybrid);
        let new = for_submission(&store, &claim, 20_000, Kind::Hybrid).unwrap();
        assert!(new.verifier_hash.starts_with("$argon2id$"));
        assert!(!new.verifier_hash.contains(claim.verifier.as_str()));
        // Linking a submission creates the account.
        link(&store, &new);

        let before = verifications();
        let known = login(&store, &claim)
            .unwrap()
            .expect("the right codename logs in");
        assert_eq!(verifications(), before + 1);
        let other = Claim::derived(
            &codename::derive(&codename::generate(), &salt).unwrap(),
            Kind::Hybrid,
        );
        assert!(login(&store, &other).unwrap().is_none());
        assert_eq!(verifications(), before + 2, "the same Argon2id work");
        let wrong = Claim {
            lookup: claim.lookup.clone(),
            verifier: Zeroizing::new("0".repeat(64)),
            recipient: None,
        };
        assert!(login(&store, &wrong).unwrap().is_none());
        assert!(matches!(
            for_submission(&store, &wrong, 20_000, Kind::Hybrid),
            Err(ClaimError::Refused(_))
        ));
        assert_eq!(
            store.list().unwrap()[0].source.as_deref(),
            Some(known.designation.as_str())
        );
        assert!(store.delete_source(&known.id).unwrap());
        assert!(login(&store, &claim).unwrap().is_none());
        assert_eq!(store.list().unwrap()[0].source, None);
    }

    /// Stores an empty submission sent under `source`'s account.
    fn link(store: &SqliteStore, source: &Source) {
        let staged = store.stage().unwrap();
        let meta = crate::store::Submission {
            id: staged.id().to_string(),
            designation: String::new(),
            arrival_day: 20_000,
            expires_day: 20_090,
            size: 0,
            envelope_sha256: String::new(),
            label: crate::store::Label::NoProof,
            disclosed: None,
            bundle: None,
            source: None,
            source_recipient: None,
            commitment: None,
        };
        store.commit(staged, &meta, Some(source)).unwrap();
    }

    /// An account made while the newsroom's keys were classical takes the
    /// codename's hybrid reply key once the newsroom's keys are hybrid, and
    /// only from the codename's owner; reply keys of the other kind, or
    /// another key of the same kind, are refused and change nothing.
    #[test]
    fn reply_keys_follow_the_newsroom_kind_only_for_the_owner() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let salt = store.instance_salt().unwrap();
        let keys = codename::derive(&codename::generate(), &salt).unwrap();
        let classical = Claim::derived(&keys, Kind::Classical);
        let hybrid = Claim::derived(&keys, Kind::Hybrid);
        let refused = |claim: &Claim, kind| {
            matches!(
                for_submission(&store, claim, 20_000, kind),
                Err(ClaimError::Refused(_))
            )
        };
        // A new account's key must be of the newsroom's kind.
        assert!(refused(&classical, Kind::Hybrid));
        let made = for_submission(&store, &classical, 20_000, Kind::Classical).unwrap();
        link(&store, &made);
        let stored = || store.source_by_lookup(&keys.lookup_hex()).unwrap().unwrap();
        assert_eq!(stored().recipient, keys.recipient(Kind::Classical));

        // Another codename's hybrid key, with a wrong verifier: refused.
        let stranger = codename::derive(&codename::generate(), &salt).unwrap();
        let forged = Claim {
            lookup: keys.lookup_hex(),
            verifier: stranger.verifier_hex(),
            recipient: Some(stranger.recipient(Kind::Hybrid)),
        };
        assert!(refused(&forged, Kind::Hybrid));
        assert_eq!(stored().recipient, keys.recipient(Kind::Classical));

        // The owner, after the newsroom moved to hybrid keys.
        let upgraded = for_submission(&store, &hybrid, 20_000, Kind::Hybrid).unwrap();
        link(&store, &upgraded);
        assert_eq!(stored().recipient, keys.recipient(Kind::Hybrid));
        let all = store.list().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].source, all[1].source, "one account, not two");

        // Now hybrid: another hybrid key, even with the right verifier, is
        // refused, and the old classical one too.
        let other_key = Claim {
            recipient: Some(stranger.recipient(Kind::Hybrid)),
            ..Claim::derived(&keys, Kind::Hybrid)
        };
        assert!(refused(&other_key, Kind::Hybrid));
        assert!(refused(&classical, Kind::Hybrid));
        assert_eq!(stored().recipient, keys.recipient(Kind::Hybrid));
    }

    #[test]
    fn claims_are_shape_checked() {
        assert!(
            matches!(Claim::parse(b"{}"), Err(crate::intake::Refusal(m)) if m.contains("codename keys are malformed"))
        );
        assert!(
            matches!(Claim::parse(br#"{"lookup":"ab","verifier":"cd"}"#), Err(crate::intake::Refusal(m)) if m.contains("codename keys are malformed"))
        );
        let ok = format!(
            r#"{{"lookup":"{}","verifier":"{}"}}"#,
            "a".repeat(64),
            "b".repeat(64)
        );
        assert!(Claim::parse(ok.as_bytes()).is_ok());
        let bad_recipient = format!(
            r#"{{"lookup":"{}","verifier":"{}","recipient":"age1nope"}}"#,
            "a".repeat(64),
            "b".repeat(64)
        );
        assert!(
            matches!(Claim::parse(bad_recipient.as_bytes()), Err(crate::intake::Refusal(m)) if m.contains("codename keys are malformed"))
        );
    }
}
