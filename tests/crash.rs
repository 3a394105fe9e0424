//! The crash harness: a real `darkroom serve` under 200 concurrent
//! uploading sources is killed with SIGKILL at random moments, at least 20
//! times, and restarted each time. Sources retry until their upload is
//! acknowledged, as the browser client does. Afterwards:
//!
//! - every acknowledged submission is exported, decrypted by `newsroom
//!   open`, and its content matches what its source sent;
//! - every submission listed is whole (it opens and is one that was sent);
//!   nothing half-written is listed;
//! - the temporary space is swept, and no blob is left without its row.
//!
//! It prints its figures (kills, uploads acknowledged and refused, partial
//! uploads swept), which docs/reliability.md records.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::io::Cursor;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use darkroom_core::envelope::{self, SealOptions};
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::server_util::*;
use crate::util::*;

const SOURCES: usize = 200;
const KILLS: usize = 20;

struct Shared {
    url: Mutex<String>,
    stop: AtomicBool,
    next: AtomicUsize,
    /// Envelope number → content SHA-256, for every envelope made.
    sent: Mutex<HashMap<usize, [u8; 32]>>,
    /// Designation → envelope number, for every acknowledgement.
    acknowledged: Mutex<BTreeMap<String, usize>>,
    attempts: AtomicUsize,
    refused: AtomicUsize,
}

/// One source: seals a fresh file, uploads it until acknowledged, again.
fn source(shared: Arc<Shared>, recipient: String) {
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    while !shared.stop.load(Ordering::SeqCst) {
        let i = shared.next.fetch_add(1, Ordering::SeqCst);
        let mut content = format!("crash-harness file {i}\n").into_bytes();
        content.extend((0..rand::thread_rng().gen_range(1..4096)).map(|_| b'x'));
        let mut sealed = Vec::new();
        envelope::seal(
            Cursor::new(&content),
            SealOptions::new(&format!("file-{i}.txt"), vec![recipient.clone()]).sending_as_is(),
            &mut sealed,
        )
        .unwrap();
        shared
            .sent
            .lock()
            .unwrap()
            .insert(i, Sha256::digest(&content).into());
        loop {
            let url = shared.url.lock().unwrap().clone();
            shared.attempts.fetch_add(1, Ordering::SeqCst);
            let form = reqwest::blocking::multipart::Form::new().part(
                "envelope",
                reqwest::blocking::multipart::Part::bytes(sealed.clone()).file_name("e.age"),
            );
            let answer = client
                .post(format!("{url}/api/v1/submissions"))
                .multipart(form)
                .send()
                .and_then(|r| Ok((r.status(), r.text()?)));
            match answer {
                Ok((status, body)) if status.as_u16() == 201 => {
                    let receipt: serde_json::Value = serde_json::from_str(&body).unwrap();
                    assert_eq!(
                        receipt["envelope_sha256"].as_str().unwrap(),
                        hex::encode(Sha256::digest(&sealed)),
                        "the receipt names another envelope"
                    );
                    let designation = receipt["designation"].as_str().unwrap().to_string();
                    let before = shared.acknowledged.lock().unwrap().insert(designation, i);
                    assert!(before.is_none(), "a designation acknowledged twice");
                    break;
                }
                Ok((status, body)) => {
                    // A full queue (503) is an answer a source retries.
                    assert!(
                        status.as_u16() == 503,
                        "a good envelope was refused: {status} {body}"
                    );
                    shared.refused.fetch_add(1, Ordering::SeqCst);
                }
                // Killed mid-request, or not listening yet: retry.
                Err(_) => {}
            }
            std::thread::sleep(Duration::from_millis(rand::thread_rng().gen_range(5..50)));
        }
    }
}

/// (unfinished uploads, unrecorded envelopes) a restart removed, from its
/// output.
fn swept(log: &str) -> (usize, usize) {
    let number_before = |line: &str, what: &str| -> usize {
        line.split(what)
            .next()
            .and_then(|head| head.split_whitespace().last())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    log.lines()
        .filter(|l| l.contains("unfinished upload"))
        .fold((0, 0), |(a, b), l| {
            (
                a + number_before(l, " unfinished upload"),
                b + number_before(l, " unrecorded envelope"),
            )
        })
}

#[test]
fn sigkill_under_200_concurrent_uploads_loses_nothing_acknowledged() {
    let n = newsroom();
    let dir = scratch("crash-harness");
    let data = dir.join("data");
    let cfg = dir.join("darkroom.toml");
    // Room for every source at once: the harness is about crashes, not
    // the queue (the load test measures that).
    std::fs::write(
        &cfg,
        config_toml(
            n,
            &data,
            "[limits]\nupload_concurrency = 256\nqueue_wait_secs = 60\n",
        ),
    )
    .unwrap();
    let start = |run: usize| {
        Server::start(
            &[OsStr::new("--config"), cfg.as_os_str()],
            &dir.join(format!("server-{run}.log")),
        )
    };
    let mut server = start(0);
    let shared = Arc::new(Shared {
        url: Mutex::new(server.url.clone()),
        stop: AtomicBool::new(false),
        next: AtomicUsize::new(0),
        sent: Mutex::new(HashMap::new()),
        acknowledged: Mutex::new(BTreeMap::new()),
        attempts: AtomicUsize::new(0),
        refused: AtomicUsize::new(0),
    });
    let sources: Vec<_> = (0..SOURCES)
        .map(|_| {
            let shared = shared.clone();
            let recipient = n.recipient.clone();
            std::thread::spawn(move || source(shared, recipient))
        })
        .collect();

    // Kill at random moments, until there were enough kills and at least
    // as many acknowledgements as sources.
    let began = Instant::now();
    let mut kills = 0;
    let mut swept_total = (0, 0);
    let mut acknowledged_at_kill = Vec::new();
    while kills < KILLS || shared.acknowledged.lock().unwrap().len() < SOURCES {
        assert!(
            began.elapsed() < Duration::from_secs(600),
            "the harness did not finish: {kills} kills, {} acknowledged",
            shared.acknowledged.lock().unwrap().len()
        );
        std::thread::sleep(Duration::from_millis(rand::thread_rng().gen_range(50..600)));
        server.kill();
        kills += 1;
        // What was acknowledged before this kill must survive it.
        acknowledged_at_kill.push(shared.acknowledged.lock().unwrap().clone());
        server = start(kills);
        let (u, e) = swept(&server.printed());
        swept_total = (swept_total.0 + u, swept_total.1 + e);
        *shared.url.lock().unwrap() = server.url.clone();
    }
    // Stop making new uploads; let those in flight finish, then kill once
    // more with nothing in flight and start a last time.
    shared.stop.store(true, Ordering::SeqCst);
    for s in sources {
        s.join().expect("a source failed");
    }
    server.kill();
    let server = start(kills + 1);
    let (u, e) = swept(&server.printed());
    swept_total = (swept_total.0 + u, swept_total.1 + e);
    let (rows, blobs, tmp) = stored(&data);
    assert_eq!(tmp, 0, "temporary space was not swept");
    assert_eq!(
        rows, blobs,
        "a blob without its row, or a row without its blob"
    );
    drop(server);

    let acknowledged = shared.acknowledged.lock().unwrap().clone();
    let sent = shared.sent.lock().unwrap().clone();
    for earlier in &acknowledged_at_kill {
        for d in earlier.keys() {
            assert!(acknowledged.contains_key(d));
        }
    }

    // Export, decrypt, compare.
    let (out, report) = export_and_open(&dir, &data, &n.identity);
    let listed = report["submissions"].as_array().unwrap();
    assert_eq!(listed.len(), rows);
    let known: std::collections::HashSet<[u8; 32]> = sent.values().copied().collect();
    let mut opened = HashMap::new();
    for s in listed {
        let designation = s["designation"].as_str().unwrap();
        assert_eq!(s["status"], "ok", "{designation} did not open: {s}");
        let file = std::fs::read(out.join(s["file"].as_str().unwrap())).unwrap();
        let sha: [u8; 32] = Sha256::digest(&file).into();
        assert!(
            known.contains(&sha),
            "{designation} is not a file any source sent"
        );
        opened.insert(designation.to_string(), sha);
    }
    for (designation, i) in &acknowledged {
        let sha = opened
            .get(designation)
            .unwrap_or_else(|| panic!("acknowledged {designation} is missing"));
        assert_eq!(sha, &sent[i], "{designation} does not hold what was sent");
    }
    println!(
        "crash harness: {SOURCES} concurrent sources, {kills} SIGKILLs + 1, {} uploads tried, \
         {} acknowledged (all intact), {} stored in all (acknowledgement lost to a kill: {}), \
         {} refused as busy, {} partial uploads and {} unrecorded envelopes swept, {:.1} s",
        shared.attempts.load(Ordering::SeqCst),
        acknowledged.len(),
        rows,
        rows - acknowledged.len(),
        shared.refused.load(Ordering::SeqCst),
        swept_total.0,
        swept_total.1,
        began.elapsed().as_secs_f64()
    );
    assert!(kills >= KILLS);
    assert!(acknowledged.len() >= SOURCES);
}

/// The figure the harness reads from a restart's output.
#[test]
fn swept_counts_the_restart_line() {
    let log = "Darkroom is listening on x\nrecovered from an interrupted run: removed 3 unfinished upload(s) and 1 unrecorded envelope(s)\n";
    assert_eq!(swept(log), (3, 1));
    assert_eq!(swept("nothing to recover\n"), (0, 0));
}
