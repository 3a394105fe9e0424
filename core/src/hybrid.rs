//! age's hybrid post-quantum recipient type, `mlkem768x25519`: X-Wing
//! (ML-KEM-768 with X25519) under HPKE, as the age specification
//! (c2sp.org/age) defines it and as the Go `age` 1.3 and typage ship it.
//!
//! The `age` crate has no such type yet; this one sits on its public
//! [`age::Recipient`] and [`age::Identity`] traits and is to be replaced by
//! the crate's own the day a release has one. Nothing here is new
//! cryptography: the KEM (`XWing`, HPKE KEM id `0x647a`), the key schedule
//! and the AEAD are the `hpke` crate's (RustCrypto `x-wing` and `ml-kem`
//! inside); this module only encodes keys and stanzas:
//!
//! - HPKE base mode, HKDF-SHA256, ChaCha20-Poly1305, info
//!   `age-encryption.org/mlkem768x25519`, empty associated data; the
//!   plaintext is the 16-byte file key.
//! - The stanza: `-> mlkem768x25519 <base64 of the 1,120-byte
//!   encapsulation>`, and a 32-byte body (the sealed file key and its tag).
//! - A recipient is the 1,216-byte encapsulation key in Bech32 with the
//!   `age1pq` prefix; an identity is the 32-byte X-Wing seed in upper-case
//!   Bech32 with the `AGE-SECRET-KEY-PQ-` prefix. Both are longer than
//!   BIP-173's 90 characters, which age does not limit.
//! - A recipient's stanza carries the label `postquantum`, so the `age`
//!   crate refuses to mix it with classical recipients in one file: one
//!   X25519 stanza beside it would make the file only as strong as X25519.

use std::collections::HashSet;
use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use age_core::format::{FileKey, Stanza, FILE_KEY_BYTES};
use age_core::secrecy::ExposeSecret;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use bech32::primitives::checksum::Checksum;
use bech32::primitives::decode::CheckedHrpstring;
use bech32::{Bech32, Hrp};
use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::XWing;
use hpke::{Deserializable, Kem, OpModeR, OpModeS, Serializable};
use zeroize::Zeroizing;

/// The stanza's tag.
pub const TAG: &str = "mlkem768x25519";
/// HPKE's `info` for age's hybrid stanzas.
const INFO: &[u8] = b"age-encryption.org/mlkem768x25519";
/// The label that keeps post-quantum recipients apart from classical ones.
pub const LABEL: &str = "postquantum";
const RECIPIENT_HRP: &str = "age1pq";
const IDENTITY_HRP: &str = "age-secret-key-pq-";
/// An encapsulation key's length.
pub const PUBLIC_KEY_LEN: usize = 1216;
/// An encapsulation's length.
pub const ENCAPSULATION_LEN: usize = 1120;
const SEED_LEN: usize = 32;
const BODY_LEN: usize = FILE_KEY_BYTES + 16;

/// Bech32 with age's rule: no limit on the length.
enum LongBech32 {}

impl Checksum for LongBech32 {
    type MidstateRepr = <Bech32 as Checksum>::MidstateRepr;
    const CODE_LENGTH: usize = usize::MAX;
    const CHECKSUM_LENGTH: usize = <Bech32 as Checksum>::CHECKSUM_LENGTH;
    const GENERATOR_SH: [Self::MidstateRepr; 5] = <Bech32 as Checksum>::GENERATOR_SH;
    const TARGET_RESIDUE: Self::MidstateRepr = <Bech32 as Checksum>::TARGET_RESIDUE;
}

/// A key that cannot be read, in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Not Bech32, or another kind of key.
    #[error("not a hybrid post-quantum age {0} (expected {1}…)")]
    Kind(&'static str, &'static str),
    /// The right kind, but not a valid key.
    #[error("the hybrid post-quantum age {0} is damaged")]
    Damaged(&'static str),
}

fn decode(
    s: &str,
    hrp: &str,
    what: &'static str,
    shown: &'static str,
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let checked =
        CheckedHrpstring::new::<LongBech32>(s.trim()).map_err(|_| KeyError::Kind(what, shown))?;
    if checked.hrp().to_lowercase() != hrp {
        return Err(KeyError::Kind(what, shown));
    }
    Ok(Zeroizing::new(checked.byte_iter().collect()))
}

fn encode(hrp: &str, data: &[u8]) -> Zeroizing<String> {
    let hrp = Hrp::parse(hrp).expect("a valid prefix");
    Zeroizing::new(bech32::encode_lower::<LongBech32>(hrp, data).expect("no length limit"))
}

/// `rand` 0.8's generator for the `hpke` crate, which takes `rand_core`
/// 0.10's traits.
struct Rng<'a, R>(&'a mut R);

impl<R: rand::RngCore + rand::CryptoRng> rand_core_010::TryRng for Rng<'_, R> {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.0.next_u32())
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.0.next_u64())
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        self.0.fill_bytes(dst);
        Ok(())
    }
}

impl<R: rand::RngCore + rand::CryptoRng> rand_core_010::TryCryptoRng for Rng<'_, R> {}

/// A hybrid recipient (`age1pq1…`).
#[derive(Clone, PartialEq, Eq)]
pub struct Recipient(<XWing as Kem>::PublicKey);

impl fmt::Debug for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hybrid::Recipient({})", self)
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode(RECIPIENT_HRP, &self.0.to_bytes()))
    }
}

impl FromStr for Recipient {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, KeyError> {
        // Recipients are written in lower case, as age writes them.
        if s.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(KeyError::Kind("recipient", "age1pq1"));
        }
        let bytes = decode(s, RECIPIENT_HRP, "recipient", "age1pq1")?;
        if bytes.len() != PUBLIC_KEY_LEN {
            return Err(KeyError::Damaged("recipient"));
        }
        <XWing as Kem>::PublicKey::from_bytes(&bytes)
            .map(Recipient)
            .map_err(|_| KeyError::Damaged("recipient"))
    }
}

impl Recipient {
    /// Wraps a file key with a generator of our choosing (the tests'
    /// deterministic one, or the system's).
    pub fn wrap_with<R: rand::RngCore + rand::CryptoRng>(
        &self,
        file_key: &FileKey,
        rng: &mut R,
    ) -> Stanza {
        let (enc, mut ctx) = hpke::setup_sender_with_rng::<ChaCha20Poly1305, HkdfSha256, XWing>(
            &OpModeS::Base,
            &self.0,
            INFO,
            &mut Rng(rng),
        )
        .expect("X-Wing encapsulates to any valid key");
        let body = ctx
            .seal(file_key.expose_secret(), b"")
            .expect("a 16-byte file key seals");
        Stanza {
            tag: TAG.to_string(),
            args: vec![STANDARD_NO_PAD.encode(enc.to_bytes())],
            body,
        }
    }
}

impl age::Recipient for Recipient {
    fn wrap_file_key(
        &self,
        file_key: &FileKey,
    ) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let stanza = self.wrap_with(file_key, &mut rand::rngs::OsRng);
        Ok((vec![stanza], HashSet::from([LABEL.to_string()])))
    }
}

/// A hybrid identity (`AGE-SECRET-KEY-PQ-1…`): the X-Wing seed, zeroized
/// when dropped (the `hpke` crate zeroizes its own copy).
pub struct Identity {
    seed: Zeroizing<[u8; SEED_LEN]>,
    key: <XWing as Kem>::PrivateKey,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hybrid::Identity(secret, for {})", self.to_public())
    }
}

impl FromStr for Identity {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, KeyError> {
        let bytes = decode(s, IDENTITY_HRP, "identity", "AGE-SECRET-KEY-PQ-1")?;
        let seed: [u8; SEED_LEN] = bytes[..]
            .try_into()
            .map_err(|_| KeyError::Damaged("identity"))?;
        Ok(Identity::from_seed(Zeroizing::new(seed)))
    }
}

impl Identity {
    /// A new identity from the system's generator.
    pub fn generate() -> Identity {
        let mut seed = Zeroizing::new([0u8; SEED_LEN]);
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut seed[..]);
        Identity::from_seed(seed)
    }

    /// The identity of a 32-byte seed.
    pub(crate) fn from_seed(seed: Zeroizing<[u8; SEED_LEN]>) -> Identity {
        let key =
            <XWing as Kem>::PrivateKey::from_bytes(&seed[..]).expect("any 32 bytes are a seed");
        Identity { seed, key }
    }

    /// The identity's encoding, to keep secret.
    pub fn to_secret_string(&self) -> Zeroizing<String> {
        Zeroizing::new(encode(IDENTITY_HRP, &self.seed[..]).to_uppercase())
    }

    /// Its recipient.
    pub fn to_public(&self) -> Recipient {
        Recipient(XWing::sk_to_pk(&self.key))
    }
}

impl age::Identity for Identity {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        if stanza.tag != TAG {
            return None;
        }
        let enc = match &stanza.args[..] {
            [enc] => STANDARD_NO_PAD.decode(enc).ok(),
            _ => None,
        };
        let Some(enc) = enc.filter(|e| e.len() == ENCAPSULATION_LEN) else {
            return Some(Err(age::DecryptError::InvalidHeader));
        };
        if stanza.body.len() != BODY_LEN {
            return Some(Err(age::DecryptError::InvalidHeader));
        }
        let enc = match <XWing as Kem>::EncappedKey::from_bytes(&enc) {
            Ok(enc) => enc,
            Err(_) => return Some(Err(age::DecryptError::InvalidHeader)),
        };
        let mut ctx = hpke::setup_receiver::<ChaCha20Poly1305, HkdfSha256, XWing>(
            &OpModeR::Base,
            &self.key,
            &enc,
            INFO,
        )
        .ok()?;
        // A stanza for another key fails to open: not ours, as age's own
        // X25519 identities answer.
        let plain = Zeroizing::new(ctx.open(&stanza.body, b"").ok()?);
        if plain.len() != FILE_KEY_BYTES {
            return Some(Err(age::DecryptError::InvalidHeader));
        }
        Some(Ok(FileKey::init_with_mut(|k| k.copy_from_slice(&plain))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn seal(
        recipients: &[&dyn age::Recipient],
        plain: &[u8],
    ) -> Result<Vec<u8>, age::EncryptError> {
        let e = age::Encryptor::with_recipients(recipients.iter().copied())?;
        let mut out = Vec::new();
        let mut w = e.wrap_output(&mut out).unwrap();
        w.write_all(plain).unwrap();
        w.finish().unwrap();
        Ok(out)
    }

    fn open(identity: &dyn age::Identity, file: &[u8]) -> Result<Vec<u8>, age::DecryptError> {
        let d = age::Decryptor::new(file)?;
        let mut r = d.decrypt(std::iter::once(identity))?;
        let mut plain = Vec::new();
        r.read_to_end(&mut plain).unwrap();
        Ok(plain)
    }

    #[test]
    fn keys_read_back_what_they_write() {
        let id = Identity::generate();
        let secret = id.to_secret_string();
        assert!(
            secret.starts_with("AGE-SECRET-KEY-PQ-1"),
            "{}",
            &secret[..20]
        );
        let again: Identity = secret.parse().unwrap();
        assert_eq!(again.to_public(), id.to_public());
        let public = id.to_public().to_string();
        assert!(
            public.starts_with("age1pq1") && public.len() > 1900,
            "{}",
            public.len()
        );
        assert_eq!(public.parse::<Recipient>().unwrap(), id.to_public());
        assert_ne!(Identity::generate().to_public(), id.to_public());
        // The secret is not in the debug form.
        assert!(!format!("{id:?}").contains(&secret[20..40]));
    }

    #[test]
    fn a_file_for_a_hybrid_recipient_opens_with_its_identity_only() {
        let id = Identity::generate();
        let file = seal(&[&id.to_public()], b"a photo").unwrap();
        assert_eq!(open(&id, &file).unwrap(), b"a photo");
        assert!(matches!(
            open(&Identity::generate(), &file),
            Err(age::DecryptError::NoMatchingKeys)
        ));
        let header = String::from_utf8_lossy(&file).to_string();
        let line = header.lines().nth(1).unwrap();
        let enc = line.strip_prefix("-> mlkem768x25519 ").unwrap();
        assert_eq!(
            STANDARD_NO_PAD.decode(enc).unwrap().len(),
            ENCAPSULATION_LEN
        );
    }

    #[test]
    fn hybrid_and_classical_recipients_do_not_mix() {
        let pq = Identity::generate().to_public();
        let classical = age::x25519::Identity::generate().to_public();
        assert!(matches!(
            seal(&[&pq, &classical], b"x"),
            Err(age::EncryptError::IncompatibleRecipients { .. })
        ));
        assert!(matches!(
            seal(&[&classical, &pq], b"x"),
            Err(age::EncryptError::IncompatibleRecipients { .. })
        ));
        // Two hybrid recipients may share a file.
        let (a, b) = (Identity::generate(), Identity::generate());
        let file = seal(&[&a.to_public(), &b.to_public()], b"both").unwrap();
        assert_eq!(open(&b, &file).unwrap(), b"both");
    }

    #[test]
    fn damaged_stanzas_are_refused_and_others_passed_over() {
        use age::Identity as _;
        let id = Identity::generate();
        let key = FileKey::init_with_mut(|k| k.copy_from_slice(&[7; FILE_KEY_BYTES]));
        let good = id.to_public().wrap_with(&key, &mut rand::rngs::OsRng);
        let unwrapped = id.unwrap_stanza(&good).unwrap().unwrap();
        assert_eq!(unwrapped.expose_secret(), key.expose_secret());
        let refused = |s: &Stanza| {
            matches!(
                id.unwrap_stanza(s),
                Some(Err(age::DecryptError::InvalidHeader))
            )
        };
        let with = |f: &dyn Fn(&mut Stanza)| {
            let mut s = Stanza {
                tag: good.tag.clone(),
                args: good.args.clone(),
                body: good.body.clone(),
            };
            f(&mut s);
            s
        };
        assert!(refused(&with(&|s| s.args.clear())));
        assert!(refused(&with(&|s| s.args.push("AAAA".into()))));
        assert!(refused(&with(&|s| s.args[0].push('!'))));
        assert!(refused(&with(
            &|s| s.args[0] = STANDARD_NO_PAD.encode([1u8; ENCAPSULATION_LEN - 1])
        )));
        assert!(refused(&with(
            &|s| s.args[0] = STANDARD_NO_PAD.encode([1u8; ENCAPSULATION_LEN + 1])
        )));
        assert!(refused(&with(&|s| s.body.pop().map(drop).unwrap_or(()))));
        assert!(refused(&with(&|s| s.body.push(0))));
        // A changed encapsulation or body: not for this key.
        let mut enc = STANDARD_NO_PAD.decode(&good.args[0]).unwrap();
        enc[500] ^= 1;
        assert!(id
            .unwrap_stanza(&with(&|s| s.args[0] = STANDARD_NO_PAD.encode(&enc)))
            .is_none());
        assert!(id.unwrap_stanza(&with(&|s| s.body[3] ^= 1)).is_none());
        assert!(id
            .unwrap_stanza(&with(&|s| s.tag = "X25519".into()))
            .is_none());
        assert!(Identity::generate().unwrap_stanza(&good).is_none());
    }

    #[test]
    fn damaged_keys_are_refused_with_one_sentence() {
        let id = Identity::generate();
        let public = id.to_public().to_string();
        let classical = age::x25519::Identity::generate().to_public().to_string();
        for bad in [
            classical.as_str(),
            "",
            "age1pq1",
            &public[..public.len() - 1],
            &public.to_uppercase()[..],
        ] {
            let e = bad.parse::<Recipient>().unwrap_err();
            assert_eq!(e, KeyError::Kind("recipient", "age1pq1"), "{bad:.20}");
        }
        // Mixed case is not Bech32.
        let mixed = format!("{}{}", &public[..10].to_uppercase(), &public[10..]);
        assert!(matches!(
            mixed.parse::<Recipient>(),
            Err(crate::hybrid::KeyError::Kind(..))
        ));
        // The right prefix and checksum over the wrong length.
        let short = encode(RECIPIENT_HRP, &[0u8; PUBLIC_KEY_LEN - 1]);
        assert_eq!(
            short.parse::<Recipient>().unwrap_err(),
            KeyError::Damaged("recipient")
        );
        let long_seed = encode(IDENTITY_HRP, &[1u8; 33]).to_uppercase();
        assert_eq!(
            long_seed.parse::<Identity>().unwrap_err(),
            KeyError::Damaged("identity")
        );
        // A recipient is not an identity, nor the other way round.
        assert!(matches!(
            public.parse::<Identity>(),
            Err(crate::hybrid::KeyError::Kind(..))
        ));
        assert!(matches!(
            id.to_secret_string().parse::<Recipient>(),
            Err(crate::hybrid::KeyError::Kind(..))
        ));
        assert_eq!(
            KeyError::Kind("recipient", "age1pq1").to_string(),
            "not a hybrid post-quantum age recipient (expected age1pq1…)"
        );
    }
}
