//! The verify page's checks run on threads of their own, at a lower CPU
//! priority than the rest of the server: a flood of the worst
//! publications a check still takes (each bounded: `publication::MAX_PIXELS`,
//! the hidden areas) keeps those threads busy, while sources' uploads and
//! the pages, on the async and blocking threads, get the CPU first.
//!
//! There are as many threads as `verify_concurrency`; the verify route
//! takes a slot of that pool before it reads a body, and the slot travels
//! with the job, so it is held until the check ends even if the client
//! has gone.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

type Job = Box<dyn FnOnce() + Send>;

/// How much lower than the server's the checks' priority is (nice).
const NICER: i32 = 10;

/// The threads, fed jobs by [`Checks::run`]; they end when it is dropped.
pub struct Checks {
    jobs: Mutex<Sender<Job>>,
}

/// The check's thread stopped (it panicked), or the pool is gone.
#[derive(Debug)]
pub struct Lost;

impl Checks {
    /// Starts `threads` threads (at least one) at a lower priority.
    pub fn start(threads: usize) -> Checks {
        let (tx, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..threads.max(1) {
            let rx = rx.clone();
            let started = std::thread::Builder::new()
                .name(format!("darkroom-check-{i}"))
                .spawn(move || work(&rx));
            if let Err(e) = started {
                eprintln!("darkroom: cannot start a thread for the verify page's checks: {e}");
            }
        }
        Checks {
            jobs: Mutex::new(tx),
        }
    }

    /// Runs `f` on a check thread and waits for its answer. A panic in
    /// `f` is caught there: this returns [`Lost`], the thread goes on.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Lost> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            if let Ok(answer) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
                let _ = tx.send(answer);
            }
        });
        self.jobs
            .lock()
            .map_err(|_| Lost)?
            .send(job)
            .map_err(|_| Lost)?;
        rx.await.map_err(|_| Lost)
    }
}

fn work(jobs: &Mutex<Receiver<Job>>) {
    // On Linux the nice value is per thread: only this one is lowered.
    // A system that refuses it runs the checks at the usual priority.
    let _ = rustix::process::setpriority_process(None, NICER);
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn checks_run_on_their_own_lower_priority_threads_and_survive_a_panic() {
        let checks = Checks::start(2);
        let (name, nice) = checks
            .run(|| {
                (
                    std::thread::current().name().map(str::to_string),
                    rustix::process::getpriority_process(None).unwrap_or(0),
                )
            })
            .await
            .unwrap();
        assert!(name.unwrap().starts_with("darkroom-check-"));
        let ours = rustix::process::getpriority_process(None).unwrap_or(0);
        assert!(
            nice > ours || nice == 19,
            "check thread at {nice}, server at {ours}"
        );
        assert!(matches!(
            checks.run(|| panic!("a bug in a check")).await,
            Err(Lost)
        ));
        // Both threads are still there.
        for _ in 0..4 {
            assert_eq!(checks.run(|| 7).await.unwrap(), 7);
        }
    }
}
