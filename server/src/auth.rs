//! Journalist accounts: argon2id passwords, TOTP codes accepted once each,
//! per-account login backoff, and in-memory sessions with CSRF tokens.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Secret, Totp};
use zeroize::Zeroizing;

use crate::config::now;
use crate::store::{Journalist, Store, StoreError};

/// Failures allowed before an account starts to wait.
const FREE_FAILURES: u32 = 3;
/// The longest wait after repeated failures.
const MAX_LOCK: u64 = 3600;

/// Random bytes as lowercase hex.
pub fn random_token(bytes: usize) -> String {
    let mut b = Zeroizing::new(vec![0u8; bytes]);
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(&b[..])
}

/// Whether two tokens are equal, in time independent of where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A new account's credentials, shown once.
pub struct Credentials {
    /// The password.
    pub password: Zeroizing<String>,
    /// The TOTP secret, base32.
    pub totp_base32: Zeroizing<String>,
    /// The `otpauth://` provisioning URI.
    pub totp_uri: Zeroizing<String>,
}

/// Whether a name can be a journalist's login.
pub fn valid_name(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn totp(secret: &[u8], name: &str, issuer: &str) -> Result<Totp, String> {
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(Secret::from(secret.to_vec()))
        .with_account_name(name)
        .with_issuer(Some(issuer))
        .build()
        .map_err(|e| e.to_string())
}

/// Creates (or, with `reset`, re-keys) a journalist with a random password
/// and TOTP secret.
pub fn enroll(
    store: &dyn Store,
    name: &str,
    issuer: &str,
    reset: bool,
) -> Result<Credentials, String> {
    if !valid_name(name) {
        return Err(format!(
            "{name:?} is not a valid name: use 1 to 32 lowercase letters, digits, - or _"
        ));
    }
    let mut words = [0u8; 15];
    rand::rngs::OsRng.fill_bytes(&mut words);
    // 120 bits, in groups a person can type.
    let b32 = Zeroizing::new(base32(&words));
    words.iter_mut().for_each(|b| *b = 0);
    let password = Zeroizing::new(
        b32.as_bytes()
            .chunks(6)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-"),
    );
    let mut secret = Zeroizing::new(vec![0u8; 20]);
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let t = totp(&secret, name, issuer)?;
    let j = Journalist {
        name: name.to_string(),
        password_hash: hash_password(&password)?,
        totp_secret: secret,
        failures: 0,
        locked_until: 0,
        last_totp_step: 0,
    };
    let stored = if reset {
        store.reset_journalist(&j)
    } else {
        store.add_journalist(&j)
    };
    stored.map_err(|e| e.to_string())?;
    Ok(Credentials {
        password,
        totp_base32: Zeroizing::new(t.secret().to_base32()),
        totp_uri: Zeroizing::new(t.to_url().map_err(|e| e.to_string())?),
    })
}

fn base32(bytes: &[u8]) -> String {
    Secret::from(bytes.to_vec()).to_base32().to_lowercase()
}

/// argon2id with the crate's default (OWASP) parameters.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub(crate) fn password_ok(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Why a login failed.
#[derive(Debug, PartialEq, Eq)]
pub enum LoginError {
    /// Wrong name, password or code (not said which).
    Wrong,
    /// Too many failures: wait this many seconds.
    Wait(u64),
    /// The store failed.
    Store(String),
}

/// Checks a login; on success the TOTP step is spent.
pub fn login(
    store: &dyn Store,
    name: &str,
    password: &str,
    code: &str,
    issuer: &str,
) -> Result<(), LoginError> {
    let st = |e: StoreError| LoginError::Store(e.to_string());
    let Some(j) = store.journalist(name).map_err(st)? else {
        // The same work as for a real account.
        let _ = password_ok(&dummy_hash(), password);
        return Err(LoginError::Wrong);
    };
    let t = now();
    if j.locked_until > t {
        return Err(LoginError::Wait(j.locked_until - t));
    }
    let step = totp(&j.totp_secret, name, issuer)
        .ok()
        .and_then(|totp| totp.check(code.trim(), t));
    let password_good = password_ok(&j.password_hash, password);
    match step {
        Some(step) if password_good && step > j.last_totp_step => {
            store.record_login(name, 0, 0, step).map_err(st)?;
            Ok(())
        }
        _ => {
            let failures = j.failures.saturating_add(1);
            let locked_until = if failures > FREE_FAILURES {
                let wait = 30u64.saturating_mul(1 << (failures - FREE_FAILURES - 1).min(10));
                t + wait.min(MAX_LOCK)
            } else {
                0
            };
            store
                .record_login(name, failures, locked_until, j.last_totp_step)
                .map_err(st)?;
            Err(LoginError::Wrong)
        }
    }
}

pub(crate) fn dummy_hash() -> String {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not a password").unwrap_or_default())
        .clone()
}

/// The current TOTP code for a secret (for tests and the demo).
pub fn current_code(secret_base32: &str) -> Option<String> {
    let secret = Secret::try_from_base32(secret_base32).ok()?;
    let t = totp_rs::Builder::new()
        .with_secret(secret)
        .with_account_name("x")
        .build()
        .ok()?;
    Some(t.generate(now()).to_string())
}

/// A logged-in journalist's (or, for the no-JavaScript inbox, source
/// account's) session.
#[derive(Clone)]
pub struct Session {
    /// Who: a journalist's name, or a source account's id.
    pub journalist: String,
    /// The CSRF token every form carries.
    pub csrf: String,
    last_seen: Instant,
}

/// Sessions, in memory only: a restart logs everyone out.
pub struct Sessions {
    idle: Duration,
    /// Keyed by the session cookie's value.
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Sessions that end after `idle` without a request.
    pub fn new(idle: Duration) -> Self {
        Sessions {
            idle,
            map: Mutex::new(HashMap::new()),
        }
    }

    /// Starts a session; returns its cookie value.
    pub fn start(&self, journalist: &str) -> String {
        let token = random_token(32);
        let session = Session {
            journalist: journalist.to_string(),
            csrf: random_token(32),
            last_seen: Instant::now(),
        };
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, s| s.last_seen.elapsed() < self.idle);
        map.insert(token.clone(), session);
        token
    }

    /// The live session for a cookie value, refreshing its idle timer.
    pub fn get(&self, token: &str) -> Option<Session> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let live = map.get(token)?.last_seen.elapsed() < self.idle;
        if !live {
            map.remove(token);
            return None;
        }
        let s = map.get_mut(token)?;
        s.last_seen = Instant::now();
        Some(s.clone())
    }

    /// Ends a session.
    pub fn end(&self, token: &str) {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(token);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SqliteStore;

    #[test]
    fn login_needs_password_and_a_fresh_code_and_backs_off() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let c = enroll(&store, "ana", "Test", false).unwrap();
        assert!(c.totp_uri.starts_with("otpauth://totp/"));
        let code = current_code(&c.totp_base32).unwrap();
        assert_eq!(
            login(&store, "ana", "wrong", &code, "Test"),
            Err(LoginError::Wrong)
        );
        assert_eq!(
            login(&store, "ana", &c.password, "000000x", "Test"),
            Err(LoginError::Wrong)
        );
        assert_eq!(login(&store, "ana", &c.password, &code, "Test"), Ok(()));
        // The same code is spent.
        assert_eq!(
            login(&store, "ana", &c.password, &code, "Test"),
            Err(LoginError::Wrong)
        );
        for _ in 0..3 {
            let _ = login(&store, "ana", "wrong", &code, "Test");
        }
        assert!(matches!(
            login(&store, "ana", &c.password, &code, "Test"),
            Err(LoginError::Wait(_))
        ));
        assert_eq!(
            login(&store, "nobody", "x", "1", "Test"),
            Err(LoginError::Wrong)
        );
        assert!(enroll(&store, "Bad Name", "Test", false).is_err());
        assert!(enroll(&store, "ana", "Test", false).is_err());
    }

    #[test]
    fn sessions_expire_when_idle() {
        let s = Sessions::new(Duration::from_millis(50));
        let t = s.start("ana");
        assert!(s.get(&t).is_some());
        std::thread::sleep(Duration::from_millis(80));
        assert!(s.get(&t).is_none());
        let t = s.start("ana");
        s.end(&t);
        assert!(s.get(&t).is_none());
        assert!(same_token("abc", "abc") && !same_token("abc", "abd") && !same_token("a", "ab"));
    }
}
