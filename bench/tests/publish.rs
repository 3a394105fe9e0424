//! `darkroom-bench publish` runs: a small photo is signed, proven,
//! published and verified, and the table has its row. (The darkroom
//! binary beside darkroom-bench is the one `cargo test --workspace` builds.)

use std::path::Path;
use std::process::Command;

#[test]
fn a_small_photo_is_published_and_verified_and_measured() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_darkroom-bench"))
        .current_dir(&dir)
        .args(["publish", "--small", "--runs", "1"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{table}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let row = table
        .lines()
        .find(|l| l.starts_with("| 1 MP (640×480)"))
        .unwrap_or_else(|| panic!("no row in\n{table}"));
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    // publish, jpegtran, verify, djpeg times, and the bundle's share (at
    // this size the proof itself is a few percent of a small photo).
    for i in [3, 4, 6, 7] {
        assert!(cells[i].ends_with(" s"), "{row}");
    }
    let share: f64 = cells[10].trim_end_matches('%').parse().unwrap();
    assert!(share > 0.0 && share < 10.0, "{row}");
}
