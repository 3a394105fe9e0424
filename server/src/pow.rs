//! Adaptive proof of work for uploads (`darkroom_core::pow`).
//!
//! While the upload pool has room, nothing is asked. When it fills (every
//! slot taken, or an upload waiting for one), the server asks each API
//! upload for a solved challenge, and keeps asking for `pow_cooldown_secs`
//! after the pool last filled; the difficulty grows with the queue. With
//! `upload_pow = "always"` it always asks; with `"off"`, never.
//!
//! Challenges are stateless: a token is a random nonce, its expiry, its
//! difficulty and Argon2id parameters, authenticated with HMAC-SHA-256
//! under a key made at start. Each token is taken once (solved or not),
//! and remembered until it expires. A token also says whether it was
//! issued while uploads needed a proof: one issued while calm is refused
//! once they do, so a flood cannot come with tokens gathered beforehand.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use hmac::{KeyInit, Mac};
use rand::RngCore;

use crate::config::{Limits, PowMode};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

const NONCE: usize = 16;
/// nonce, expiry (8), difficulty (1), memory KiB (4), iterations (1),
/// issued while uploads needed a proof (1).
const BODY: usize = NONCE + 15;
const TAG: usize = 16;
/// How long a challenge may be worked on, in seconds.
pub const LIFETIME_SECS: u64 = 600;

pub use darkroom_core::pow::Challenge;

/// Why an upload's proof of work is not accepted.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// None was sent, and one is needed.
    Missing,
    /// Malformed, forged, expired, already used, or not a solution.
    Wrong,
}

/// The server's side.
pub struct Pow {
    key: zeroize::Zeroizing<[u8; 32]>,
    mode: PowMode,
    base: u8,
    memory_kib: u32,
    iterations: u32,
    cooldown: u64,
    /// Until when (Unix seconds) uploads must bring a solution.
    hot_until: AtomicU64,
    /// Uploads waiting for a slot.
    pub waiting: AtomicUsize,
    spent: Mutex<HashMap<[u8; NONCE], u64>>,
}

fn now() -> u64 {
    crate::config::now()
}

impl Pow {
    /// From the configured limits.
    pub fn new(limits: &Limits) -> Pow {
        let mut key = zeroize::Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(&mut key[..]);
        Pow {
            key,
            mode: limits.upload_pow,
            base: limits
                .pow_difficulty
                .min(darkroom_core::pow::MAX_DIFFICULTY),
            memory_kib: limits.pow_memory_kib,
            iterations: 1,
            cooldown: limits.pow_cooldown_secs,
            hot_until: AtomicU64::new(0),
            waiting: AtomicUsize::new(0),
            spent: Mutex::new(HashMap::new()),
        }
    }

    /// Notes that the upload pool is full (called when an upload finds
    /// no free slot).
    pub fn pool_full(&self) {
        if self.mode == PowMode::Adaptive {
            self.hot_until
                .fetch_max(now() + self.cooldown, Ordering::Relaxed);
        }
    }

    /// Whether an upload needs a solution now.
    pub fn required(&self) -> bool {
        match self.mode {
            PowMode::Off => false,
            PowMode::Always => true,
            PowMode::Adaptive => now() < self.hot_until.load(Ordering::Relaxed),
        }
    }

    /// The difficulty asked now: the base, plus one bit for each doubling
    /// of the queue.
    fn difficulty(&self) -> u8 {
        let waiting = self.waiting.load(Ordering::Relaxed) as u64 + 1;
        let extra = (63 - waiting.leading_zeros()).min(8) as u8;
        self.base
            .saturating_add(extra)
            .min(darkroom_core::pow::MAX_DIFFICULTY)
    }

    fn tag(&self, body: &[u8]) -> [u8; TAG] {
        let mut mac =
            <HmacSha256 as KeyInit>::new_from_slice(&self.key[..]).expect("any key length");
        mac.update(body);
        let full = mac.finalize().into_bytes();
        let mut tag = [0u8; TAG];
        tag.copy_from_slice(&full[..TAG]);
        tag
    }

    /// A fresh challenge.
    pub fn challenge(&self) -> Challenge {
        let mut body = [0u8; BODY];
        rand::rngs::OsRng.fill_bytes(&mut body[..NONCE]);
        let difficulty = if self.required() {
            self.difficulty()
        } else {
            self.base
        };
        body[NONCE..NONCE + 8].copy_from_slice(&(now() + LIFETIME_SECS).to_be_bytes());
        body[NONCE + 8] = difficulty;
        body[NONCE + 9..NONCE + 13].copy_from_slice(&self.memory_kib.to_be_bytes());
        body[NONCE + 13] = self.iterations as u8;
        body[NONCE + 14] = u8::from(self.required());
        let mut token = body.to_vec();
        token.extend_from_slice(&self.tag(&body));
        Challenge {
            required: self.required(),
            token: hex::encode(token),
            difficulty,
            memory_kib: self.memory_kib,
            iterations: self.iterations,
            expires_in: LIFETIME_SECS,
        }
    }

    /// Takes an upload's `Darkroom-PoW` header (`TOKEN:NONCE`): `Ok` when
    /// none is needed or it holds a fresh solution, which is then spent.
    /// Runs one Argon2id hash: call it off the async threads.
    pub fn admit(&self, header: Option<&str>) -> Result<(), Refusal> {
        let Some(header) = header else {
            return if self.required() {
                Err(Refusal::Missing)
            } else {
                Ok(())
            };
        };
        let (token, nonce) = header.trim().split_once(':').ok_or(Refusal::Wrong)?;
        let token = hex::decode(token).map_err(|_| Refusal::Wrong)?;
        let nonce: u64 = nonce.parse().map_err(|_| Refusal::Wrong)?;
        if token.len() != BODY + TAG {
            return Err(Refusal::Wrong);
        }
        let (body, tag) = token.split_at(BODY);
        // Compared in constant time by the MAC itself.
        let mut mac =
            <HmacSha256 as KeyInit>::new_from_slice(&self.key[..]).expect("any key length");
        mac.update(body);
        mac.verify_truncated_left(tag).map_err(|_| Refusal::Wrong)?;
        let expires = u64::from_be_bytes(body[NONCE..NONCE + 8].try_into().expect("8 bytes"));
        if expires <= now() {
            return Err(Refusal::Wrong);
        }
        // A token taken while nothing was asked is at the calm difficulty:
        // while uploads need a proof, it is not one (else tokens gathered
        // while calm would carry a flood at the old difficulty).
        if body[NONCE + 14] == 0 && self.required() {
            return Err(Refusal::Wrong);
        }
        // Spent before the hash is checked: each token gets one try.
        {
            let mut spent = self.spent.lock().unwrap_or_else(|e| e.into_inner());
            if spent.len() > 100_000 {
                let t = now();
                spent.retain(|_, e| *e > t);
            }
            let id: [u8; NONCE] = body[..NONCE].try_into().expect("16 bytes");
            if spent.insert(id, expires).is_some() {
                return Err(Refusal::Wrong);
            }
        }
        let difficulty = body[NONCE + 8];
        let memory = u32::from_be_bytes(body[NONCE + 9..NONCE + 13].try_into().expect("4 bytes"));
        let iterations = u32::from(body[NONCE + 13]);
        let mut puzzle = darkroom_core::pow::Puzzle::new(&token, difficulty, memory, iterations)
            .map_err(|_| Refusal::Wrong)?;
        if puzzle.check(nonce) {
            Ok(())
        } else {
            Err(Refusal::Wrong)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pow(mode: PowMode) -> Pow {
        let limits = Limits {
            upload_pow: mode,
            pow_difficulty: 4,
            pow_memory_kib: 64,
            ..Limits::default()
        };
        Pow::new(&limits)
    }

    fn solve(c: &Challenge) -> String {
        c.solve(0).unwrap()
    }

    #[test]
    fn adaptive_asks_only_once_the_pool_has_filled() {
        let p = pow(PowMode::Adaptive);
        assert!(!p.required());
        assert_eq!(p.admit(None), Ok(()));
        p.pool_full();
        assert!(p.required());
        assert_eq!(p.admit(None), Err(Refusal::Missing));
        let c = p.challenge();
        assert!(c.required);
        let solved = solve(&c);
        assert_eq!(p.admit(Some(&solved)), Ok(()));
        // Once only.
        assert_eq!(p.admit(Some(&solved)), Err(Refusal::Wrong));
        // The queue raises the difficulty.
        p.waiting.store(7, Ordering::Relaxed);
        assert_eq!(p.challenge().difficulty, 4 + 3);
        assert!(!pow(PowMode::Off).required());
        let off = pow(PowMode::Off);
        off.pool_full();
        assert!(!off.required());
    }

    #[test]
    fn forged_expired_and_unsolved_tokens_are_refused() {
        let p = pow(PowMode::Always);
        let c = p.challenge();
        let token = hex::decode(&c.token).unwrap();
        let solved = solve(&c);
        let nonce: u64 = solved.rsplit(':').next().unwrap().parse().unwrap();
        // Another server's key.
        let other = pow(PowMode::Always);
        assert_eq!(other.admit(Some(&solved)), Err(Refusal::Wrong));
        // The difficulty lowered in the token: the tag no longer matches.
        let mut easier = token.clone();
        easier[NONCE + 8] = 0;
        assert_eq!(
            p.admit(Some(&format!("{}:{nonce}", hex::encode(&easier)))),
            Err(Refusal::Wrong)
        );
        // A nonce that is not a solution (difficulty 4: most are not).
        let c2 = p.challenge();
        let t2 = hex::decode(&c2.token).unwrap();
        let mut puzzle = darkroom_core::pow::Puzzle::new(&t2, 4, 64, 1).unwrap();
        let wrong = (0..).find(|n| !puzzle.check(*n)).unwrap();
        assert_eq!(
            p.admit(Some(&format!("{}:{wrong}", c2.token))),
            Err(Refusal::Wrong)
        );
        for junk in ["", ":", "zz:1", "00:1", &format!("{}:x", c.token)] {
            assert_eq!(p.admit(Some(junk)), Err(Refusal::Wrong), "{junk}");
        }
        // Expired: a token whose expiry is past (made with the key).
        let mut old = token[..BODY].to_vec();
        old[NONCE..NONCE + 8].copy_from_slice(&1u64.to_be_bytes());
        let mut t = old.clone();
        t.extend_from_slice(&p.tag(&old));
        assert_eq!(
            p.admit(Some(&format!("{}:{nonce}", hex::encode(t)))),
            Err(Refusal::Wrong)
        );
        // The genuine solution still works.
        assert_eq!(p.admit(Some(&solved)), Ok(()));
    }

    #[test]
    fn tokens_gathered_while_calm_do_not_carry_a_flood() {
        let p = pow(PowMode::Adaptive);
        // Calm: challenges are handed out (not needed), and solved ahead.
        let calm: Vec<String> = (0..3).map(|_| solve(&p.challenge())).collect();
        assert!(!p.challenge().required);
        // Calm, a solved calm token is taken as it is.
        assert_eq!(p.admit(Some(&calm[0])), Ok(()));
        // The flood starts: the gathered tokens are refused, with a fresh
        // challenge for the client, at today's difficulty.
        p.pool_full();
        assert_eq!(p.admit(Some(&calm[1])), Err(Refusal::Wrong));
        let hot = p.challenge();
        assert!(hot.required);
        assert_eq!(p.admit(Some(&solve(&hot))), Ok(()));
        // The flag cannot be set by hand: the tag covers it.
        let mut token = hex::decode(calm[2].split(':').next().unwrap()).unwrap();
        token[NONCE + 14] = 1;
        let nonce = calm[2].split(':').nth(1).unwrap();
        assert_eq!(
            p.admit(Some(&format!("{}:{nonce}", hex::encode(token)))),
            Err(Refusal::Wrong)
        );
    }
}
