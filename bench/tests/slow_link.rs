//! The slow-link benchmark (`darkroom-bench slow-link`) runs through a fast
//! link and prints its six rows: the compressed first visit is smaller
//! than the plain one (for the JavaScript client too), the compact proving
//! key the page fetches is under a fifth of the key file, and a second
//! visit revalidates instead of downloading the client and the proving key
//! again; and Firefox, at
//! Standard and at Safer, gets `/submit` ready and sends a 10 MB photo
//! (and, at Standard, a photo with a proof).

use std::process::Command;

/// The bytes of the two columns of the row that starts with `what`.
fn bytes(table: &str, what: &str) -> (u64, u64) {
    let row = table
        .lines()
        .find(|l| l.starts_with(&format!("| {what}")))
        .unwrap_or_else(|| panic!("no row {what}: {table}"));
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    let b = |cell: &str| -> u64 {
        cell.split(" B")
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{row}"))
    };
    (b(cells[2]), b(cells[3]))
}

#[test]
fn the_slow_link_benchmark_compresses_and_revalidates() {
    let out = Command::new(env!("CARGO_BIN_EXE_darkroom-bench"))
        .args(["slow-link", "--kbit", "400000", "--rtt-ms", "2"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (before, now) = bytes(&table, "/submit and its client, first visit");
    assert!(now * 3 < before, "{table}");
    let (before_again, again) = bytes(&table, "/submit and its client, second visit");
    assert_eq!(before_again, before, "{table}");
    // Only the page itself (never kept) crosses again.
    assert!(again < 20_000, "{table}");
    let (js_before, js_now) = bytes(
        &table,
        "/submit and its JavaScript client (Safer), first visit",
    );
    assert!(js_now * 4 < js_before, "{table}");
    let (key, compact) = bytes(&table, "the proving key, first visit");
    assert!(compact * 5 < key, "{table}");
    assert_eq!(
        bytes(&table, "the proving key, second visit").1,
        0,
        "{table}"
    );
    // Firefox's own rows: each journey finished (a row is printed only
    // then), at Standard and at Safer. CI installs Firefox ESR and
    // geckodriver; a machine without them says so.
    if table.contains("Firefox ESR or geckodriver is not installed") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must measure Firefox: {table}"
        );
        eprintln!("SKIPPED the Firefox rows: Firefox ESR or geckodriver is not installed");
        return;
    }
    for row in [
        "Standard: `/submit` ready to take a file, first visit",
        "Standard: `/submit` ready to take a file, second visit",
        "Standard: a 10 MB photo, Send to receipt",
        "Standard: a signed photo with a proof",
        "Safer: `/submit` ready to take a file, first visit",
        "Safer: `/submit` ready to take a file, second visit",
        "Safer: a 10 MB photo, Send to receipt",
    ] {
        assert!(table.contains(&format!("| {row}")), "{row}: {table}");
    }
}
