//! Failed journalist logins slow later attempts on the same name down; they
//! never lock the account. Known and unknown names are treated alike, so
//! the answers say nothing about which names exist.
//!
//! Each attempt books a turn: the first few on a name go at once; after
//! [`FREE_ATTEMPTS`] failed or unfinished ones, turns are spaced 1, 2, 4, …
//! up to [`MAX_SPACING`] seconds apart, counting the attempts still in
//! flight (so a burst in parallel is spaced like one in a row). A turn more
//! than the configured wait away is not booked: the server answers "busy",
//! never "wrong", so the right password and code are never turned away as
//! wrong; they wait their turn. A success forgets the name's failures.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Attempts on a name that go without waiting.
pub const FREE_ATTEMPTS: u32 = 3;
/// The most time between two turns on one name.
pub const MAX_SPACING: Duration = Duration::from_secs(30);
/// Names remembered at most; past it, names idle for [`FORGET`] go.
const MAX_NAMES: usize = 10_000;
/// How long a name with no attempt is remembered.
const FORGET: Duration = Duration::from_secs(3600);

struct Entry {
    failures: u32,
    in_flight: u32,
    next: Instant,
    last: Instant,
}

/// Login turns, per name, in memory.
pub struct Throttle {
    max_wait: Duration,
    names: Mutex<HashMap<String, Entry>>,
}

/// The spacing after `n` failed or unfinished attempts.
pub fn spacing(n: u32) -> Duration {
    if n < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let secs = 1u64 << (n - FREE_ATTEMPTS).min(16);
    Duration::from_secs(secs).min(MAX_SPACING)
}

impl Throttle {
    /// Turns booked at most `max_wait` ahead.
    pub fn new(max_wait: Duration) -> Self {
        Throttle {
            max_wait,
            names: Mutex::new(HashMap::new()),
        }
    }

    /// Books an attempt on `name`: how long to wait before checking it, or
    /// `None` when its turn is too far away (answer "busy"). Every booked
    /// attempt ends with [`Throttle::failed`] or [`Throttle::succeeded`].
    pub fn book(&self, name: &str) -> Option<Duration> {
        let now = Instant::now();
        let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if names.len() >= MAX_NAMES && !names.contains_key(name) {
            names.retain(|_, e| e.in_flight > 0 || e.last.elapsed() < FORGET);
            if names.len() >= MAX_NAMES {
                return None;
            }
        }
        let e = names.entry(name.to_string()).or_insert(Entry {
            failures: 0,
            in_flight: 0,
            next: now,
            last: now,
        });
        let turn = e.next.max(now);
        let wait = turn - now;
        if wait > self.max_wait {
            return None;
        }
        e.in_flight += 1;
        // Counting this attempt: the one after the third waits a second.
        e.next = turn + spacing(e.failures.saturating_add(e.in_flight));
        e.last = now;
        Some(wait)
    }

    /// A booked attempt failed.
    pub fn failed(&self, name: &str) {
        let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = names.get_mut(name) {
            e.in_flight = e.in_flight.saturating_sub(1);
            e.failures = e.failures.saturating_add(1);
        }
    }

    /// A booked attempt succeeded: the name's failures are forgotten.
    pub fn succeeded(&self, name: &str) {
        let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = names.get_mut(name) {
            e.in_flight = e.in_flight.saturating_sub(1);
            e.failures = 0;
            if e.in_flight == 0 {
                names.remove(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_grows_and_is_capped() {
        assert_eq!(spacing(0), Duration::ZERO);
        assert_eq!(spacing(FREE_ATTEMPTS - 1), Duration::ZERO);
        assert_eq!(spacing(FREE_ATTEMPTS), Duration::from_secs(1));
        assert_eq!(spacing(FREE_ATTEMPTS + 2), Duration::from_secs(4));
        assert_eq!(spacing(100), MAX_SPACING);
    }

    #[test]
    fn a_burst_is_spaced_like_attempts_in_a_row_and_then_refused_as_busy() {
        let t = Throttle::new(Duration::from_secs(20));
        // Three go at once; then 1, 2, 4, 8 s apart (turns at 1, 3, 7, 15 s);
        // the next would be at 31 s, past the 20 s wait: busy.
        let mut waits = Vec::new();
        while let Some(w) = t.book("ana") {
            waits.push(w.as_secs_f64().round() as u64);
            assert!(waits.len() < 100);
        }
        assert_eq!(waits, [0, 0, 0, 1, 3, 7, 15]);
        // Another name is not slowed by it.
        assert_eq!(t.book("bo"), Some(Duration::ZERO));
    }

    #[test]
    fn failures_slow_the_next_attempt_and_success_forgets_them() {
        let t = Throttle::new(Duration::from_secs(60));
        for _ in 0..FREE_ATTEMPTS + 2 {
            t.book("ana").unwrap();
            t.failed("ana");
        }
        let w = t.book("ana").unwrap();
        assert!(w > Duration::from_secs(2), "{w:?}");
        // The right password and code, after their wait: the name starts
        // afresh.
        t.succeeded("ana");
        assert_eq!(t.book("ana"), Some(Duration::ZERO));
    }
}
