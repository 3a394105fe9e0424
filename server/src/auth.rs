//! Journalist accounts: argon2id passwords, TOTP codes accepted once each
//! (atomically), and in-memory sessions with CSRF tokens, an idle timeout,
//! an absolute lifetime and the account's credential generation. Failed
//! logins slow an account down ([`crate::throttle`]); they never lock it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::Argon2;
use rand::RngCore;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Secret, Totp};
use zeroize::Zeroizing;

use crate::config::now;
use crate::store::{Journalist, Store, StoreError};

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

/// A TOTP issuer from a newsroom's name: `otpauth` labels cannot hold a
/// colon, so each becomes a dash; an empty name becomes "Darkroom".
pub fn issuer(newsroom: &str) -> String {
    let cleaned: String = newsroom
        .chars()
        .map(|c| if c == ':' { '-' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    match cleaned.trim() {
        "" => "Darkroom".to_string(),
        t => t.to_string(),
    }
}

fn totp(secret: &[u8], name: &str, issuer_name: &str) -> Result<Totp, String> {
    let issuer_name = issuer(issuer_name);
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(Secret::from(secret.to_vec()))
        .with_account_name(name)
        .with_issuer(Some(issuer_name.as_str()))
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
        last_totp_step: 0,
        generation: 0,
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

/// Checks `password` against an argon2id PHC string.
///
/// The work memory comes from a small pool and goes back to it: allocated
/// afresh for every check, freed blocks of this size stay in the
/// allocator's per-thread arenas, and a flood of logins spread over the
/// blocking pool's threads grew the server by hundreds of MiB (measured
/// by `darkroom-bench siege`).
pub(crate) fn password_ok(hash: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Ok(params), Some(expected), Some(salt)) =
        (argon2::Params::try_from(&parsed), parsed.hash, parsed.salt)
    else {
        return false;
    };
    let Ok(algorithm) = argon2::Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = parsed
        .version
        .and_then(|v| argon2::Version::try_from(v).ok())
        .unwrap_or_default();
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut out = Zeroizing::new(vec![0u8; expected.len()]);
    let mut memory = WorkMemory::take(params.block_count());
    let hashed = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password.as_bytes(),
        salt,
        &mut out,
        &mut memory.blocks[..],
    );
    // `Output`'s comparison takes the same time wherever they differ.
    hashed.is_ok()
        && argon2::password_hash::Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// Argon2 work memory, reused: at most [`WorkMemory::KEPT`] are kept.
struct WorkMemory {
    blocks: Vec<argon2::Block>,
}

static WORK_MEMORY: std::sync::Mutex<Vec<Vec<argon2::Block>>> = std::sync::Mutex::new(Vec::new());

impl WorkMemory {
    const KEPT: usize = 8;

    fn take(count: usize) -> WorkMemory {
        let kept = WORK_MEMORY.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut blocks = kept.unwrap_or_default();
        // The hash function overwrites every block it uses before reading it.
        blocks.resize(count, argon2::Block::default());
        blocks.truncate(count);
        WorkMemory { blocks }
    }
}

impl Drop for WorkMemory {
    fn drop(&mut self) {
        // It held a password's derivation: wiped before it is kept.
        for b in self.blocks.iter_mut() {
            *b = argon2::Block::default();
        }
        std::hint::black_box(&self.blocks);
        let mut kept = WORK_MEMORY.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() < Self::KEPT {
            kept.push(std::mem::take(&mut self.blocks));
        }
    }
}

/// Why a login failed.
#[derive(Debug, PartialEq, Eq)]
pub enum LoginError {
    /// Wrong name, password or code (not said which), or a code already
    /// used.
    Wrong,
    /// The store failed.
    Store(String),
}

/// Checks a login: the password (argon2id, the same work for a name that
/// does not exist) and a TOTP code not used before, whose step is spent
/// atomically. Returns the account's credential generation.
pub fn login(
    store: &dyn Store,
    name: &str,
    password: &str,
    code: &str,
    issuer: &str,
) -> Result<u64, LoginError> {
    let st = |e: StoreError| LoginError::Store(e.to_string());
    let j = store.journalist(name).map_err(st)?;
    let hash = j
        .as_ref()
        .map_or_else(dummy_hash, |j| j.password_hash.clone());
    let password_good = password_ok(&hash, password);
    let Some(j) = j.filter(|_| password_good) else {
        return Err(LoginError::Wrong);
    };
    let step = totp(&j.totp_secret, name, issuer)
        .ok()
        .and_then(|totp| totp.check(code.trim(), now()));
    match step {
        Some(step) if store.spend_totp_step(name, step).map_err(st)? => Ok(j.generation),
        _ => Err(LoginError::Wrong),
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
    /// The account's credential generation when it started (0 for source
    /// accounts); the journalist pages check it on every request.
    pub generation: u64,
    started: Instant,
    last_seen: Instant,
}

/// Sessions, in memory only: a restart logs everyone out.
pub struct Sessions {
    idle: Duration,
    lifetime: Duration,
    /// Keyed by the session cookie's value.
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Sessions that end after `idle` without a request, and `lifetime`
    /// after they started whatever happens.
    pub fn new(idle: Duration, lifetime: Duration) -> Self {
        Sessions {
            idle,
            lifetime,
            map: Mutex::new(HashMap::new()),
        }
    }

    fn live(&self, s: &Session) -> bool {
        s.last_seen.elapsed() < self.idle && s.started.elapsed() < self.lifetime
    }

    /// Starts a session under the account's credential generation; returns
    /// its cookie value.
    pub fn start(&self, journalist: &str, generation: u64) -> String {
        let token = random_token(32);
        let now = Instant::now();
        let session = Session {
            journalist: journalist.to_string(),
            csrf: random_token(32),
            generation,
            started: now,
            last_seen: now,
        };
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, s| self.live(s));
        map.insert(token.clone(), session);
        token
    }

    /// The live session for a cookie value, refreshing its idle timer.
    pub fn get(&self, token: &str) -> Option<Session> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let live = self.live(map.get(token)?);
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
    fn passwords_check_with_reused_memory_against_the_crates_own_verifier() {
        use argon2::password_hash::PasswordVerifier;
        let hash = hash_password("correct horse").unwrap();
        // The crate's verifier agrees on the hash we check.
        let parsed = PasswordHash::new(&hash).unwrap();
        assert!(Argon2::default()
            .verify_password(b"correct horse", &parsed)
            .is_ok());
        for _ in 0..3 {
            assert!(password_ok(&hash, "correct horse"));
            assert!(!password_ok(&hash, "correct horsf"));
        }
        // A hash made with other parameters (memory, passes) checks too.
        let other = Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(8 * 1024, 3, 1, Some(32)).unwrap(),
        )
        .hash_password(b"pw", &SaltString::generate(&mut rand::rngs::OsRng))
        .unwrap()
        .to_string();
        assert!(password_ok(&other, "pw"));
        assert!(!password_ok(&other, "pW"));
        assert!(password_ok(&hash, "correct horse"));
        for bad in ["", "$argon2id$v=19$m=8,t=1,p=1$", "not a hash"] {
            assert!(!password_ok(bad, ""));
        }
        // The pool keeps a few buffers, never one per check.
        assert!(WORK_MEMORY.lock().unwrap().len() <= WorkMemory::KEPT);
    }

    #[test]
    fn login_needs_password_and_a_fresh_code_and_never_locks() {
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
        // Many failures: the right password and code still get in.
        for _ in 0..20 {
            let _ = login(&store, "ana", "wrong", &code, "Test");
        }
        assert_eq!(login(&store, "ana", &c.password, &code, "Test"), Ok(0));
        // The same code is spent.
        assert_eq!(
            login(&store, "ana", &c.password, &code, "Test"),
            Err(LoginError::Wrong)
        );
        assert_eq!(
            login(&store, "nobody", "x", "1", "Test"),
            Err(LoginError::Wrong)
        );
        assert!(
            matches!(enroll(&store, "Bad Name", "Test", false), Err(e) if e.contains("is not a valid name"))
        );
        assert!(
            matches!(enroll(&store, "ana", "Test", false), Err(e) if e.contains("already exists"))
        );
        // A reset raises the generation sessions are checked against.
        let c = enroll(&store, "ana", "Test", true).unwrap();
        assert_eq!(store.journalist_generation("ana").unwrap(), Some(1));
        let code = current_code(&c.totp_base32).unwrap();
        assert_eq!(login(&store, "ana", &c.password, &code, "Test"), Ok(1));
    }

    #[test]
    fn logins_racing_with_one_code_let_exactly_one_in() {
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(SqliteStore::open(dir.path()).unwrap());
        let c = enroll(&*store, "ana", "Test", false).unwrap();
        let code = current_code(&c.totp_base32).unwrap();
        let password = c.password.to_string();
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (store, password, code) = (store.clone(), password.clone(), code.clone());
                std::thread::spawn(move || login(&*store, "ana", &password, &code, "Test"))
            })
            .collect();
        let wins = threads
            .into_iter()
            .map(|t| t.join().unwrap_or(Err(LoginError::Wrong)))
            .filter(Result::is_ok)
            .count();
        assert_eq!(wins, 1);
    }

    #[test]
    fn any_newsroom_name_makes_an_issuer() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let name = "Desk: Investigations";
        let c = enroll(&store, "ana", name, false).unwrap();
        assert!(
            c.totp_uri.contains("issuer=Desk-%20Investigations")
                || c.totp_uri.contains("issuer=Desk-+Investigations")
                || c.totp_uri.contains("issuer=Desk%2D%20Investigations"),
            "{}",
            &*c.totp_uri
        );
        let code = current_code(&c.totp_base32).unwrap();
        assert_eq!(login(&store, "ana", &c.password, &code, name), Ok(0));
        assert_eq!(issuer(" : "), "-");
        assert_eq!(issuer("  "), "Darkroom");
    }

    #[test]
    fn sessions_expire_when_idle_and_at_the_end_of_their_lifetime() {
        let s = Sessions::new(Duration::from_millis(50), Duration::from_secs(60));
        let t = s.start("ana", 3);
        assert_eq!(s.get(&t).map(|s| s.generation), Some(3));
        std::thread::sleep(Duration::from_millis(80));
        assert!(s.get(&t).is_none());
        let t = s.start("ana", 0);
        s.end(&t);
        assert!(s.get(&t).is_none());
        // Kept busy, a session still ends when its lifetime is over.
        let s = Sessions::new(Duration::from_secs(60), Duration::from_millis(120));
        let t = s.start("ana", 0);
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(30));
            assert!(s.get(&t).is_some());
        }
        std::thread::sleep(Duration::from_millis(60));
        assert!(s.get(&t).is_none());
        assert!(same_token("abc", "abc") && !same_token("abc", "abd") && !same_token("a", "ab"));
    }
}
