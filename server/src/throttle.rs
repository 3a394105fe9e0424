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

    /// Books an attempt on `name`: a turn that says how long to wait before
    /// checking it, or `None` when it is too far away (answer "busy").
    pub fn book(&self, name: &str) -> Option<Turn<'_>> {
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
        Some(Turn {
            throttle: self,
            name: name.to_string(),
            wait,
            settled: false,
        })
    }

    /// Ends a booked attempt: a success forgets the name's failures.
    fn settle(&self, name: &str, succeeded: bool) {
        let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = names.get_mut(name) {
            e.in_flight = e.in_flight.saturating_sub(1);
            if succeeded {
                e.failures = 0;
                if e.in_flight == 0 {
                    names.remove(name);
                }
            } else {
                e.failures = e.failures.saturating_add(1);
            }
        }
    }
}

/// A booked attempt. One dropped without being settled (its client went
/// away while it waited) counts as failed, so it never stays in flight.
pub struct Turn<'a> {
    throttle: &'a Throttle,
    name: String,
    /// How long to wait before checking the attempt.
    pub wait: Duration,
    settled: bool,
}

impl Turn<'_> {
    /// The attempt succeeded: the name's failures are forgotten.
    pub fn succeeded(mut self) {
        self.settled = true;
        self.throttle.settle(&self.name, true);
    }

    /// The attempt failed.
    pub fn failed(mut self) {
        self.settled = true;
        self.throttle.settle(&self.name, false);
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        if !self.settled {
            self.throttle.settle(&self.name, false);
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
        // the next would be at 31 s, past the 20 s wait: busy. (Each turn
        // is held until the end, as a burst's would be.)
        let mut turns = Vec::new();
        while let Some(turn) = t.book("ana") {
            turns.push(turn);
            assert!(turns.len() < 100);
        }
        let waits: Vec<u64> = turns
            .iter()
            .map(|turn| turn.wait.as_secs_f64().round() as u64)
            .collect();
        assert_eq!(waits, [0, 0, 0, 1, 3, 7, 15]);
        // Another name is not slowed by it.
        assert_eq!(t.book("bo").map(|turn| turn.wait), Some(Duration::ZERO));
    }

    #[test]
    fn failures_slow_the_next_attempt_and_success_forgets_them() {
        let t = Throttle::new(Duration::from_secs(60));
        for _ in 0..FREE_ATTEMPTS + 2 {
            t.book("ana").unwrap().failed();
        }
        let turn = t.book("ana").unwrap();
        assert!(turn.wait > Duration::from_secs(2), "{:?}", turn.wait);
        // The right password and code, after their wait: the name starts
        // afresh.
        turn.succeeded();
        assert_eq!(t.book("ana").map(|turn| turn.wait), Some(Duration::ZERO));
    }

    #[test]
    fn a_turn_whose_client_went_away_counts_as_failed_and_is_not_left_in_flight() {
        let t = Throttle::new(Duration::from_secs(60));
        for _ in 0..FREE_ATTEMPTS + 2 {
            drop(t.book("ana").unwrap());
        }
        let turn = t.book("ana").unwrap();
        assert!(turn.wait > Duration::from_secs(2), "{:?}", turn.wait);
        // Nothing left in flight: a success clears the name entirely.
        turn.succeeded();
        assert_eq!(t.book("ana").map(|turn| turn.wait), Some(Duration::ZERO));
    }
}
