//! The bounded load generator (`darkroom bench --load`) against a real
//! server: it finishes in its time, its table has every figure, and the
//! pages answered while the uploads ran.

use crate::util::*;

fn row<'a>(table: &'a str, measure: &str) -> &'a str {
    table
        .lines()
        .find(|l| l.starts_with(&format!("| {measure}")))
        .unwrap_or_else(|| panic!("no {measure:?} row in\n{table}"))
}

#[test]
fn pages_keep_answering_while_sources_upload() {
    let dir = scratch("load");
    let started = std::time::Instant::now();
    let table = ok(darkroom().current_dir(&dir).args([
        "bench",
        "--load",
        "--sources",
        "24",
        "--seconds",
        "4",
        "--upload-mib",
        "1",
    ]));
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
    assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));
}
