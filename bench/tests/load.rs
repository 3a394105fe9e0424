//! The bounded load generator (`darkroom-bench load`) against a real
//! server: it finishes in its time, its table has every figure, and the
//! pages answered while the uploads ran.

use std::path::Path;
use std::process::Command;

fn row<'a>(table: &'a str, measure: &str) -> &'a str {
    table
        .lines()
        .find(|l| l.starts_with(&format!("| {measure}")))
        .unwrap_or_else(|| panic!("no {measure:?} row in\n{table}"))
}

#[test]
fn pages_keep_answering_while_sources_upload() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("load");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let started = std::time::Instant::now();
    // The darkroom binary beside this one: `cargo test --workspace` builds
    // it for the root package's own tests.
    let out = Command::new(env!("CARGO_BIN_EXE_darkroom-bench"))
        .current_dir(&dir)
        .args([
            "load",
            "--sources",
            "24",
            "--seconds",
            "4",
            "--upload-mib",
            "1",
        ])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{table}");
    assert!(started.elapsed().as_secs() < 120, "the run is bounded");
    assert!(row(&table, "pages not answered with 200").ends_with("| 0 |"));
    let acknowledged: usize = row(&table, "uploads acknowledged")
        .split('|')
        .nth(2)
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(acknowledged >= 24, "{table}");
    for measure in [
        "upload latency p50 / p99",
        "page latency idle p50 / p99",
        "page latency under load p50 / p99",
        "page p50 / p99 under load ÷ idle",
        "server peak RSS",
    ] {
        row(&table, measure);
    }
    // Its working folder is gone.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
