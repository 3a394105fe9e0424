//! A real server under the connection-level attacks a hosting neighbour or
//! a flood of slow clients can make: connections that never finish their
//! headers, more connections than the server holds, and what a response or
//! a crash would tell a seizure (the clock, a core file).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use futures_util::StreamExt;

use crate::server_live::{config, serve};
use crate::server_util::*;
use crate::util::*;

fn raw_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

/// Whether the server closed `s` (within `within`) without answering.
fn closed_unanswered(s: &mut TcpStream, within: Duration) -> bool {
    s.set_read_timeout(Some(within)).unwrap();
    let mut buf = [0u8; 64];
    match s.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => matches!(
            e.kind(),
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe
        ),
    }
}

#[test]
fn slow_headers_are_cut_off_connections_are_capped_and_nothing_tells_the_time() {
    let dir = scratch("field-limits");
    let cfg = config(
        &dir,
        // The header timeout leaves a loaded machine (the whole suite runs
        // at once) time to open the ninth connection before the stalled
        // ones are cut off.
        "[limits]\nheader_timeout_secs = 4\nmax_connections = 8\n",
    );
    let server = serve(&dir, &cfg);
    let addr = server.url.trim_start_matches("http://").to_string();

    // No Date header: the server's clock is nobody's business.
    let page = raw_get(&addr, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let head = page.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert!(!head.contains("\r\ndate:"), "{head}");

    // No core file, whatever happens.
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", server.child.id())).unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    assert_eq!(
        core.split_whitespace().collect::<Vec<_>>()[4..6],
        ["0", "0"],
        "{core}"
    );

    // Eight connections that never finish their headers fill the server…
    let opened = Instant::now();
    let mut stalled: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // …so a ninth is closed unanswered, not queued to pile up.
    let mut ninth = TcpStream::connect(&addr).unwrap();
    ninth
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let refused = closed_unanswered(&mut ninth, Duration::from_secs(3));
    assert!(
        refused,
        "a ninth connection was let in {:?} after eight stalled ones",
        opened.elapsed()
    );
    // The stalled ones are cut off after the header timeout…
    let started = Instant::now();
    for s in &mut stalled {
        assert!(
            closed_unanswered(s, Duration::from_secs(10)),
            "a stalled connection stayed open"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(10));
    // …and the server answers again.
    let page = raw_get(&addr, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
}

/// A multipart upload of `envelope` whose body arrives as `pieces`: (bytes,
/// pause before them).
fn dripped(envelope: &[u8], pieces: impl Fn(&[u8]) -> Vec<(Vec<u8>, Duration)>) -> Request<Body> {
    dripped_to("/api/v1/submissions", envelope, pieces)
}

/// The same, to `path`.
fn dripped_to(
    path: &str,
    envelope: &[u8],
    pieces: impl Fn(&[u8]) -> Vec<(Vec<u8>, Duration)>,
) -> Request<Body> {
    let (ct, body) = multipart(&[("envelope", Some("e.age"), envelope)]);
    let plan = pieces(&body);
    let stream = futures_util::stream::iter(plan).then(|(bytes, pause)| async move {
        tokio::time::sleep(pause).await;
        Ok::<_, std::io::Error>(axum::body::Bytes::from(bytes))
    });
    Request::post(path)
        .header("content-type", ct)
        .body(Body::from_stream(stream))
        .unwrap()
}

#[tokio::test]
async fn dripping_uploads_are_cut_off_and_an_honest_one_gets_through() {
    let n = newsroom();
    let mut file = config_file(n);
    // One upload slot; idle 1 s; at least 64 KiB/s after the first second.
    file.limits.upload_concurrency = 1;
    file.limits.upload_idle_secs = 1;
    file.limits.upload_min_kib_per_sec = 64;
    file.limits.upload_grace_secs = 1;
    let dir = scratch("field-limits-drip");
    let app = app_in(&dir, file);
    let envelope = n.envelope_plain.clone();

    // A valid header, then silence: cut off once idle, nothing stored.
    let started = Instant::now();
    let a = send(
        &app,
        dripped(&envelope, |b| {
            vec![
                (b[..400].to_vec(), Duration::ZERO),
                (b[400..].to_vec(), Duration::from_secs(4)),
            ]
        }),
    )
    .await;
    assert_eq!(a.status, StatusCode::REQUEST_TIMEOUT, "{}", a.text());
    assert!(a.text().contains("stalled"), "{}", a.text());
    assert!(started.elapsed() < Duration::from_secs(3));

    // A byte often enough never to be idle, but far too slow: cut off.
    let a = send(
        &app,
        dripped(&envelope, |b| {
            b.chunks(512)
                .map(|c| (c.to_vec(), Duration::from_millis(200)))
                .collect()
        }),
    )
    .await;
    assert_eq!(a.status, StatusCode::REQUEST_TIMEOUT, "{}", a.text());
    assert!(a.text().contains("too slow"), "{}", a.text());

    // A dripper holds the only slot; an honest upload behind it still gets
    // in, within twice the idle time.
    let dripper = {
        let app = app.clone();
        let envelope = envelope.clone();
        tokio::spawn(async move {
            send(
                &app,
                dripped(&envelope, |b| {
                    vec![
                        (b[..400].to_vec(), Duration::ZERO),
                        (b[400..].to_vec(), Duration::from_secs(30)),
                    ]
                }),
            )
            .await
            .status
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let honest = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[("envelope", Some("e.age"), &envelope)],
        ),
    )
    .await;
    assert_eq!(honest.status, StatusCode::CREATED, "{}", honest.text());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(dripper.await.unwrap(), StatusCode::REQUEST_TIMEOUT);
    // Only the honest upload is stored.
    assert_eq!(app.store.list().unwrap().len(), 1);
}

#[tokio::test]
async fn slow_verify_posts_do_not_close_the_form() {
    let n = newsroom();
    let mut file = config_file(n);
    // One slot each, a one-second queue: sharing a pool would mean a 503.
    file.limits.verify_concurrency = 1;
    file.limits.sealing_concurrency = 1;
    file.limits.queue_wait_secs = 1;
    file.limits.upload_idle_secs = 10;
    let dir = scratch("field-limits-verify");
    let app = app_in(&dir, file);
    // Two verify posts that stop inside their first boundary.
    let slow: Vec<_> = (0..2)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                send(
                    &app,
                    dripped_to("/verify", b"x", |b| {
                        vec![
                            (b[..20].to_vec(), Duration::ZERO),
                            (b[20..].to_vec(), Duration::from_secs(4)),
                        ]
                    }),
                )
                .await
                .status
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let photo = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg"),
    )
    .unwrap();
    let form = send(
        &app,
        post_multipart("/submit", &[("file", Some("photo.jpg"), &photo)]),
    )
    .await;
    assert_eq!(form.status, StatusCode::CREATED, "{}", form.text());
    // The second verify post waited for the first's slot and was turned
    // away as busy; the first went on.
    let mut statuses = Vec::new();
    for t in slow {
        statuses.push(t.await.unwrap());
    }
    assert!(
        statuses.contains(&StatusCode::SERVICE_UNAVAILABLE),
        "{statuses:?}"
    );
}

/// Every time a file or directory of the store carries: access,
/// modification, change and (where the filesystem keeps it) birth.
fn times_under(root: &std::path::Path) -> Vec<(std::path::PathBuf, &'static str, SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(path) = todo.pop() {
        let m = std::fs::symlink_metadata(&path).unwrap();
        out.push((path.clone(), "accessed", m.accessed().unwrap()));
        out.push((path.clone(), "modified", m.modified().unwrap()));
        let changed = UNIX_EPOCH
            + Duration::new(
                u64::try_from(m.ctime()).unwrap(),
                u32::try_from(m.ctime_nsec()).unwrap(),
            );
        out.push((path.clone(), "changed", changed));
        if let Ok(born) = m.created() {
            out.push((path.clone(), "born", born));
        }
        if m.is_dir() {
            for e in std::fs::read_dir(&path).unwrap() {
                todo.push(e.unwrap().path());
            }
        }
    }
    out
}

/// Where `bytes` hold a time inside `window`, as SQLite or a careless
/// program would write one: seconds (big-endian 4 bytes, or decimal text),
/// milliseconds (6 bytes) or nanoseconds (8 bytes).
fn time_in(bytes: &[u8], window: (SystemTime, SystemTime)) -> Option<String> {
    let since = |t: SystemTime| t.duration_since(UNIX_EPOCH).unwrap();
    let (from, to) = (since(window.0), since(window.1));
    let be = |w: &[u8]| w.iter().fold(0u128, |a, b| a << 8 | u128::from(*b));
    for (width, per_sec) in [(4usize, 1u128), (6, 1_000), (8, 1_000_000_000)] {
        let lo = from.as_nanos() * per_sec / 1_000_000_000;
        let hi = to.as_nanos() * per_sec / 1_000_000_000;
        for (at, w) in bytes.windows(width).enumerate() {
            let v = be(w);
            if (lo..=hi).contains(&v) {
                return Some(format!("{width}-byte time {v} at {at}"));
            }
        }
    }
    let text = String::from_utf8_lossy(bytes);
    for s in from.as_secs()..=to.as_secs() {
        if text.contains(&s.to_string()) {
            return Some(format!("decimal time {s}"));
        }
    }
    None
}

#[test]
fn the_disk_keeps_no_arrival_time_finer_than_the_day() {
    let dir = scratch("field-limits-disk");
    let cfg = config(&dir, "");
    let server = serve(&dir, &cfg);
    let data = dir.join("data");
    std::thread::sleep(Duration::from_millis(1100));

    // Three submissions at known moments, a second apart.
    let first = SystemTime::now();
    for _ in 0..3 {
        ok(&mut crate::server_live::submit(&server.url, &photo()));
        std::thread::sleep(Duration::from_millis(1100));
    }
    let blobs = |data: &std::path::Path| {
        let mut b: Vec<(String, Vec<u8>, u64)> = std::fs::read_dir(data.join("blobs"))
            .unwrap()
            .map(|e| {
                use std::os::unix::fs::MetadataExt;
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                (
                    name,
                    std::fs::read(e.path()).unwrap(),
                    e.metadata().unwrap().ino(),
                )
            })
            .collect();
        b.sort();
        b
    };
    let before = blobs(&data);
    assert_eq!(before.len(), 3);
    // Before settling the disk does tell: that is what settling is for.
    let window = (first, SystemTime::now());
    assert!(times_under(&data)
        .iter()
        .any(|(_, _, t)| (window.0..window.1).contains(t)));

    let settling = SystemTime::now();
    let said = ok(darkroom().args(["admin", "settle", "--data"]).arg(&data));
    assert!(said.contains("3 envelope(s)"), "{said}");

    // Same envelopes, each in a fresh inode…
    let after = blobs(&data);
    assert_eq!(after.len(), 3);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, &b.1), (&a.0, &a.1));
        assert_ne!(b.2, a.2, "{} kept its inode", a.0);
    }
    // …and no time of any file or directory falls while they arrived.
    for (path, which, t) in times_under(&data) {
        assert!(
            !(first..settling).contains(&t),
            "{} was {which} at {t:?}, while submissions arrived",
            path.display()
        );
    }
    // Nor does any byte of the database or its log hold such a time.
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(
                time_in(&bytes, (first, settling)),
                None,
                "{}",
                path.display()
            );
        }
    }
    // Settling again with nothing new touches nothing.
    let said = ok(darkroom().args(["admin", "settle", "--data"]).arg(&data));
    assert!(said.contains("nothing to settle"), "{said}");
    // The server still lists and exports all three.
    let archive = dir.join("export.tar");
    let said = ok(darkroom()
        .args(["admin", "export", "--data"])
        .arg(&data)
        .arg("-o")
        .arg(&archive));
    assert!(said.contains('3'), "{said}");
    drop(server);
}

#[tokio::test]
async fn a_wrong_codename_is_refused_before_the_file_is_received() {
    use darkroom_core::codename;
    let n = newsroom();
    let dir = scratch("field-limits-codename-first");
    let app = app_in(&dir, config_file(n));
    let salt = app.codename_salt().unwrap();
    let keys = codename::derive(&codename::generate(), &salt).unwrap();
    let claim = |verifier: &str| {
        serde_json::json!({
            "lookup": keys.lookup_hex(),
            "verifier": verifier,
            "recipient": keys.recipient(darkroom_core::recipient::Kind::Hybrid),
        })
        .to_string()
    };
    let right = claim(&keys.verifier_hex());
    // The account is made by a first submission.
    let a = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[
                ("codename", None, right.as_bytes()),
                ("envelope", Some("e.age"), &n.envelope_plain),
            ],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());

    // Someone with the lookup but not the codename starts an upload whose
    // file never ends: the answer comes at once, nothing is staged.
    let wrong = claim(&"0".repeat(64));
    let (ct, body) = multipart(&[
        ("codename", None, wrong.as_bytes()),
        ("envelope", Some("e.age"), &n.envelope_plain),
    ]);
    let cut = body.len() - 200;
    let stream = futures_util::stream::iter(vec![Ok::<_, std::io::Error>(
        axum::body::Bytes::copy_from_slice(&body[..cut]),
    )])
    .chain(futures_util::stream::pending());
    let started = Instant::now();
    let a = tokio::time::timeout(
        Duration::from_secs(10),
        send(
            &app,
            Request::post("/api/v1/submissions")
                .header("content-type", ct)
                .body(Body::from_stream(stream))
                .unwrap(),
        ),
    )
    .await
    .expect("the server waited for the file before checking the codename");
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.text());
    assert!(a.text().contains("does not match"), "{}", a.text());
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(stored(&dir), (1, 1, 0));

    // A codename after the file is refused, whatever it is: it would be
    // checked only once the file had been received.
    let a = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[
                ("envelope", Some("e.age"), &n.envelope_plain),
                ("codename", None, right.as_bytes()),
            ],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text());
    assert!(a.text().contains("before the `envelope`"), "{}", a.text());
    assert_eq!(stored(&dir), (1, 1, 0));
}

#[tokio::test]
async fn uploads_are_refused_under_the_free_space_floor() {
    let n = newsroom();
    let mut file = config_file(n);
    // A floor no disk meets.
    file.limits.min_free_mib = u64::MAX >> 21;
    let dir = scratch("field-limits-disk-floor");
    let app = app_in(&dir, file);
    let a = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[("envelope", Some("e.age"), &n.envelope_plain)],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{}", a.text());
    assert!(a.text().contains("short of disk space"), "{}", a.text());
    // The form path too.
    let a = send(
        &app,
        post_multipart(
            "/submit",
            &[("file", Some("note.txt"), b"hello".as_slice())],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{}", a.text());
    assert!(a.text().contains("short of disk space"), "{}", a.text());
    assert_eq!(stored(&dir), (0, 0, 0));
    assert!(app.disk_short.load(std::sync::atomic::Ordering::Relaxed));
}

#[tokio::test]
async fn a_full_pool_cuts_off_its_slowest_upload_for_an_honest_one() {
    let n = newsroom();
    let mut file = config_file(n);
    // Two slots, and limits that alone would let a dripper keep its slot
    // for a minute: never idle for 30 s, and within its grace.
    file.limits.upload_concurrency = 2;
    file.limits.upload_idle_secs = 30;
    file.limits.upload_grace_secs = 60;
    file.limits.upload_min_kib_per_sec = 2;
    let dir = scratch("field-limits-make-room");
    let app = app_in(&dir, file);
    let envelope = n.envelope_plain.clone();
    let drip = |app: std::sync::Arc<darkroom_server::App>, envelope: Vec<u8>| {
        tokio::spawn(async move {
            send(
                &app,
                dripped(&envelope, |b| {
                    let mut plan = vec![(b[..400].to_vec(), Duration::ZERO)];
                    plan.extend(
                        b[400..]
                            .chunks(1)
                            .take(20)
                            .map(|c| (c.to_vec(), Duration::from_millis(250))),
                    );
                    plan
                }),
            )
            .await
            .status
        })
    };
    let drippers = [
        drip(app.clone(), envelope.clone()),
        drip(app.clone(), envelope.clone()),
    ];
    // Both slots taken, and both drippers past their first second.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let started = Instant::now();
    let honest = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[("envelope", Some("e.age"), &envelope)],
        ),
    )
    .await;
    assert_eq!(honest.status, StatusCode::CREATED, "{}", honest.text());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the honest upload waited {:?}",
        started.elapsed()
    );
    // One dripper was cut off to make room (the other still drips).
    let mut statuses = Vec::new();
    for d in drippers {
        statuses.push(
            tokio::time::timeout(Duration::from_secs(90), d)
                .await
                .unwrap()
                .unwrap(),
        );
    }
    assert!(
        statuses.contains(&StatusCode::REQUEST_TIMEOUT),
        "{statuses:?}"
    );
    assert_eq!(app.store.list().unwrap().len(), 1);
}

#[tokio::test]
async fn a_full_upload_pool_turns_on_the_proof_of_work() {
    let n = newsroom();
    let mut file = config_file(n);
    file.limits.upload_concurrency = 1;
    file.limits.pow_difficulty = 4;
    file.limits.pow_memory_kib = 64;
    let dir = scratch("field-limits-pow");
    let app = app_in(&dir, file);
    let upload = |pow: Option<String>| {
        let mut r = post_multipart(
            "/api/v1/submissions",
            &[("envelope", Some("e.age"), &n.envelope_plain)],
        );
        if let Some(p) = pow {
            r.headers_mut().insert("darkroom-pow", p.parse().unwrap());
        }
        r
    };
    // Room in the pool: nothing asked.
    let c = send(
        &app,
        Request::get("/api/v1/pow").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(c.json()["required"], false, "{}", c.text());
    assert_eq!(send(&app, upload(None)).await.status, StatusCode::CREATED);

    // A dripper fills the pool; the next upload finds it full.
    let dripper = {
        let app = app.clone();
        let envelope = n.envelope_plain.clone();
        tokio::spawn(async move {
            send(
                &app,
                dripped(&envelope, |b| {
                    vec![
                        (b[..400].to_vec(), Duration::ZERO),
                        (b[400..].to_vec(), Duration::from_secs(3)),
                    ]
                }),
            )
            .await
            .status
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let _ = send(&app, upload(None)).await;
    dripper.await.unwrap();

    let stored = app.store.list().unwrap().len();

    // Now every upload needs a solved challenge, before anything is read.
    let refused = send(&app, upload(None)).await;
    assert_eq!(
        refused.status,
        StatusCode::PRECONDITION_REQUIRED,
        "{}",
        refused.text()
    );
    assert!(
        refused.text().contains("proof of work"),
        "{}",
        refused.text()
    );
    let challenge = refused.json()["pow"].clone();
    assert_eq!(challenge["required"], true);
    let token = challenge["token"].as_str().unwrap().to_string();
    let difficulty = challenge["difficulty"].as_u64().unwrap() as u8;
    assert!(difficulty >= 4);
    let bytes = hex::decode(&token).unwrap();
    let mut puzzle = darkroom_core::pow::Puzzle::new(&bytes, difficulty, 64, 1).unwrap();
    let nonce = puzzle.solve(0);
    // A wrong nonce is refused (and spends the token)…
    let wrong = (0..).find(|&x| !puzzle.check(x)).unwrap();
    let mut other = send(&app, upload(Some(format!("{token}:{wrong}")))).await;
    assert_eq!(other.status, StatusCode::PRECONDITION_REQUIRED);
    assert!(other.text().contains("wrong, expired or already used"));
    // …so the right one for that token is too; a fresh token, solved, is
    // taken, once.
    other = send(&app, upload(Some(format!("{token}:{nonce}")))).await;
    assert_eq!(other.status, StatusCode::PRECONDITION_REQUIRED);
    let fresh = other.json()["pow"]["token"].as_str().unwrap().to_string();
    let bytes = hex::decode(&fresh).unwrap();
    let d = other.json()["pow"]["difficulty"].as_u64().unwrap() as u8;
    let nonce = darkroom_core::pow::Puzzle::new(&bytes, d, 64, 1)
        .unwrap()
        .solve(0);
    let header = format!("{fresh}:{nonce}");
    let a = send(&app, upload(Some(header.clone()))).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let again = send(&app, upload(Some(header))).await;
    assert_eq!(again.status, StatusCode::PRECONDITION_REQUIRED);
    // Of those, only the solved one is stored.
    assert_eq!(app.store.list().unwrap().len(), stored + 1);
}

#[test]
fn darkroom_submit_solves_the_proof_of_work() {
    let dir = scratch("field-limits-pow-cli");
    let cfg = config(
        &dir,
        "[limits]\nupload_pow = \"always\"\npow_difficulty = 6\npow_memory_kib = 256\n",
    );
    let server = serve(&dir, &cfg);
    let said = ok(&mut crate::server_live::submit(&server.url, &photo()));
    assert!(said.contains("proof of work"), "{said}");
    assert!(said.contains("Submitted."), "{said}");
    // Without one, a plain upload is turned away and nothing is stored.
    let client = reqwest::blocking::Client::new();
    let r = client
        .post(format!("{}/api/v1/submissions", server.url))
        .multipart(
            reqwest::blocking::multipart::Form::new().part(
                "envelope",
                reqwest::blocking::multipart::Part::bytes(newsroom().envelope_plain.clone())
                    .file_name("e.age"),
            ),
        )
        .send()
        .unwrap();
    assert_eq!(r.status(), 428);
    assert_eq!(
        std::fs::read_dir(dir.join("data/blobs")).unwrap().count(),
        1
    );
}
