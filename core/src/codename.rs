//! Codenames: how a source comes back to read the newsroom's replies
//! without an account the server can tie to them.
//!
//! A codename is [`WORDS`] words drawn uniformly from the EFF long diceware
//! list (7,776 words, 12.9 bits each), so 90 bits. The source's client
//! stretches it with Argon2id ([`KDF_MEMORY_KIB`], [`KDF_ITERATIONS`], one
//! lane) under the drop box's per-instance salt into 96 bytes, read as
//! three keys:
//!
//! | bytes  | key        | what the server keeps                          |
//! |--------|------------|------------------------------------------------|
//! | 0–31   | `lookup`   | itself: it finds the account                   |
//! | 32–63  | `verifier` | only an Argon2id hash of it: it proves a login |
//! | 64–95  | reply key  | only the age recipient of it                   |
//!
//! The reply key gives two age identities: an X25519 one (the 32 bytes
//! themselves) and a hybrid post-quantum one (`mlkem768x25519`, whose
//! seed is HKDF-SHA256 of the 32 bytes under its own label). A source
//! registers the recipient of the newsroom's kind ([`crate::recipient`]),
//! since a reply is sealed to the source and the newsroom together.
//!
//! The codename itself never leaves the source's device (except on the
//! no-JavaScript inbox, where the server derives the keys in memory and
//! says so). Anyone who learns the stored lookup, hash and recipient still
//! has to search 2⁹⁰ codenames, each costing one Argon2id run.

use age_core::format::{FileKey, Stanza};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;
use zeroize::{Zeroize, Zeroizing};

use crate::recipient::Kind;

/// Words in a new codename: 7 × log₂ 7776 ≈ 90.5 bits.
pub const WORDS: usize = 7;
/// The most words a codename may have.
pub const MAX_WORDS: usize = 16;
/// Argon2id memory, in KiB (64 MiB).
pub const KDF_MEMORY_KIB: u32 = 64 * 1024;
/// Argon2id passes.
pub const KDF_ITERATIONS: u32 = 3;
/// The length of the per-instance salt, in bytes.
pub const SALT_LEN: usize = 16;

/// The EFF long diceware list.
pub fn wordlist() -> &'static [&'static str] {
    &diceware_wordlists::EFF_LONG_WORDLIST
}

/// What can be wrong with a typed codename. The messages never repeat the
/// codename.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodenameError {
    /// Too few or too many words.
    #[error("a codename has {WORDS} words (this has {0}); type it exactly as it was shown")]
    WordCount(usize),
    /// A word that is not in the list: a typo.
    #[error("word {0} of the codename is not one Darkroom uses; check its spelling")]
    UnknownWord(usize),
    /// The instance salt is missing or malformed.
    #[error("this drop box's codename salt is malformed")]
    BadSalt,
}

/// A fresh codename, words separated by single spaces.
pub fn generate() -> Zeroizing<String> {
    let list = wordlist();
    let mut rng = rand::rngs::OsRng;
    let mut out = Zeroizing::new(String::with_capacity(WORDS * 10));
    for i in 0..WORDS {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(list[rng.gen_range(0..list.len())]);
    }
    out
}

/// The canonical form of a typed codename: lowercase words, separated by
/// single spaces, every one in the list.
pub fn normalize(typed: &str) -> Result<Zeroizing<String>, CodenameError> {
    let lower = Zeroizing::new(typed.to_lowercase());
    let words: Vec<&str> = lower.split_whitespace().collect();
    if !(WORDS..=MAX_WORDS).contains(&words.len()) {
        return Err(CodenameError::WordCount(words.len()));
    }
    let list = wordlist();
    for (i, w) in words.iter().enumerate() {
        if !list.contains(w) {
            return Err(CodenameError::UnknownWord(i + 1));
        }
    }
    Ok(Zeroizing::new(words.join(" ")))
}

/// The HKDF label of the hybrid reply key's seed.
const HYBRID_REPLY_LABEL: &[u8] = b"darkroom codename reply key mlkem768x25519";

/// The keys a codename stretches into. As an [`age::Identity`], it opens
/// what is sealed to either of its reply recipients.
pub struct CodenameKeys {
    lookup: [u8; 32],
    verifier: Zeroizing<[u8; 32]>,
    classical: age::x25519::Identity,
    hybrid: crate::hybrid::Identity,
}

impl CodenameKeys {
    /// Finds the account: hex, 64 digits.
    pub fn lookup_hex(&self) -> String {
        hex::encode(self.lookup)
    }

    /// Proves a login: hex, 64 digits. A secret.
    pub fn verifier_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(&self.verifier[..]))
    }

    /// The reply identity of a `kind`, as age writes it. A secret.
    pub fn identity_string(&self, kind: Kind) -> Zeroizing<String> {
        match kind {
            Kind::Classical => Zeroizing::new(
                age_core::secrecy::ExposeSecret::expose_secret(&self.classical.to_string())
                    .to_string(),
            ),
            Kind::Hybrid => self.hybrid.to_secret_string(),
        }
    }

    /// The reply recipient of a `kind` (`age1pq1…` or `age1…`), which the
    /// server keeps: the newsroom's kind.
    pub fn recipient(&self, kind: Kind) -> String {
        match kind {
            Kind::Classical => self.classical.to_public().to_string(),
            Kind::Hybrid => self.hybrid.to_public().to_string(),
        }
    }

    /// Both reply recipients: a reply written for either is for this
    /// source.
    pub fn recipients(&self) -> [String; 2] {
        [
            self.recipient(Kind::Hybrid),
            self.recipient(Kind::Classical),
        ]
    }
}

impl age::Identity for CodenameKeys {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        self.hybrid
            .unwrap_stanza(stanza)
            .or_else(|| self.classical.unwrap_stanza(stanza))
    }
}

/// Parses a per-instance salt from hex.
pub fn parse_salt(hex_salt: &str) -> Result<[u8; SALT_LEN], CodenameError> {
    let bytes = hex::decode(hex_salt.trim()).map_err(|_| CodenameError::BadSalt)?;
    bytes.try_into().map_err(|_| CodenameError::BadSalt)
}

/// Stretches a codename (normalized first) under the instance `salt`.
pub fn derive(codename: &str, salt: &[u8; SALT_LEN]) -> Result<CodenameKeys, CodenameError> {
    let canonical = normalize(codename)?;
    let params = Params::new(KDF_MEMORY_KIB, KDF_ITERATIONS, 1, Some(96))
        .map_err(|_| CodenameError::BadSalt)?;
    let mut out = Zeroizing::new([0u8; 96]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(canonical.as_bytes(), salt, &mut out[..])
        .map_err(|_| CodenameError::BadSalt)?;
    let mut lookup = [0u8; 32];
    lookup.copy_from_slice(&out[..32]);
    let mut verifier = Zeroizing::new([0u8; 32]);
    verifier.copy_from_slice(&out[32..64]);
    let classical = identity_from_bytes(&out[64..96]);
    let seed = Zeroizing::new(age_core::primitives::hkdf(
        &[],
        HYBRID_REPLY_LABEL,
        &out[64..96],
    ));
    let hybrid = crate::hybrid::Identity::from_seed(seed);
    Ok(CodenameKeys {
        lookup,
        verifier,
        classical,
        hybrid,
    })
}

/// An age X25519 identity from 32 secret bytes, through its standard
/// `AGE-SECRET-KEY-1…` encoding.
fn identity_from_bytes(secret: &[u8]) -> age::x25519::Identity {
    let hrp = bech32::Hrp::parse_unchecked("age-secret-key-");
    let mut encoded = bech32::encode::<bech32::Bech32>(hrp, secret)
        .expect("32 bytes fit a Bech32 string")
        .to_uppercase();
    let identity = encoded
        .parse::<age::x25519::Identity>()
        .expect("a 32-byte AGE-SECRET-KEY is a valid identity");
    encoded.zeroize();
    identity
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_the_eff_long_list() {
        let list = wordlist();
        assert_eq!(list.len(), 7776);
        assert_eq!((list[0], list[7775]), ("abacus", "zoom"));
        let unique: std::collections::HashSet<_> = list.iter().collect();
        assert_eq!(unique.len(), 7776);
    }

    #[test]
    fn generated_codenames_normalize_and_vary() {
        let a = generate();
        assert_eq!(a.split(' ').count(), WORDS);
        assert_eq!(*normalize(&a).unwrap(), *a);
        assert_ne!(*generate(), *a);
        let messy = format!("  {}  ", a.to_uppercase().replace(' ', " \t "));
        assert_eq!(*normalize(&messy).unwrap(), *a);
    }

    #[test]
    fn typos_and_short_codenames_are_refused_without_echo() {
        assert_eq!(
            normalize("abacus zoom").err(),
            Some(CodenameError::WordCount(2))
        );
        let e = normalize("abacus zoom abacus zoom abacus zoomm abacus").unwrap_err();
        assert_eq!(e, CodenameError::UnknownWord(6));
        assert!(!e.to_string().contains("zoomm"));
    }

    #[test]
    fn derivation_is_deterministic_salted_and_split() {
        let salt = [7u8; SALT_LEN];
        let c = "abacus zoom t-shirt yo-yo abdomen zoology drop-down";
        let a = derive(c, &salt).unwrap();
        let b = derive(&c.to_uppercase(), &salt).unwrap();
        assert_eq!(a.lookup_hex(), b.lookup_hex());
        assert_eq!(*a.verifier_hex(), *b.verifier_hex());
        assert_eq!(a.recipients(), b.recipients());
        assert!(a.recipient(Kind::Classical).starts_with("age1"));
        assert!(a.recipient(Kind::Hybrid).starts_with("age1pq1"));
        assert_eq!(a.recipients()[0], a.recipient(Kind::Hybrid));
        assert_ne!(a.lookup_hex(), *a.verifier_hex());
        let other = derive(c, &[8u8; SALT_LEN]).unwrap();
        assert_ne!(a.lookup_hex(), other.lookup_hex());
        for kind in [Kind::Hybrid, Kind::Classical] {
            assert_ne!(a.recipient(kind), other.recipient(kind));
        }
        assert_eq!(parse_salt(&hex::encode(salt)).unwrap(), salt);
        assert_eq!(parse_salt("00"), Err(CodenameError::BadSalt));
    }

    /// Replies sealed to either reply recipient open with the codename's
    /// keys, and the identities read back as age writes them.
    #[test]
    fn both_reply_recipients_open_with_the_codename() {
        use std::io::{Read, Write};
        let keys = derive(&generate(), &[1u8; SALT_LEN]).unwrap();
        let stranger = derive(&generate(), &[1u8; SALT_LEN]).unwrap();
        for kind in [Kind::Hybrid, Kind::Classical] {
            let to: crate::recipient::Recipient = keys.recipient(kind).parse().unwrap();
            assert_eq!(to.kind(), kind);
            let e = age::Encryptor::with_recipients(std::iter::once(&to as _)).unwrap();
            let mut file = Vec::new();
            let mut w = e.wrap_output(&mut file).unwrap();
            w.write_all(b"reply").unwrap();
            w.finish().unwrap();
            let mut back = Vec::new();
            age::Decryptor::new(&file[..])
                .unwrap()
                .decrypt(std::iter::once(&keys as &dyn age::Identity))
                .unwrap()
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, b"reply");
            assert!(matches!(
                age::Decryptor::new(&file[..])
                    .unwrap()
                    .decrypt(std::iter::once(&stranger as &dyn age::Identity)),
                Err(age::DecryptError::NoMatchingKeys)
            ));
        }
        let hybrid: crate::hybrid::Identity = keys.identity_string(Kind::Hybrid).parse().unwrap();
        assert_eq!(hybrid.to_public().to_string(), keys.recipient(Kind::Hybrid));
        let classical: age::x25519::Identity =
            keys.identity_string(Kind::Classical).parse().unwrap();
        assert_eq!(
            classical.to_public().to_string(),
            keys.recipient(Kind::Classical)
        );
    }
}
