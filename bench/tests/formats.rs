//! The per-format strip benchmark (`darkroom-bench formats`) runs on tiny
//! files and prints a row, with a time, for every format.

use std::process::Command;

#[test]
fn the_formats_benchmark_prints_every_row() {
    let out = Command::new(env!("CARGO_BIN_EXE_darkroom-bench"))
        .args(["formats", "--small", "--runs", "1"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for format in [
        "HEIC photo",
        "MP4 video",
        "MP3 audio",
        "FLAC audio",
        "WAV audio",
        "Ogg Vorbis audio",
        "PDF with a photo",
        "Word document",
    ] {
        let row = table
            .lines()
            .find(|l| l.starts_with(&format!("| {format}")))
            .unwrap_or_else(|| panic!("no {format} row in\n{table}"));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        // darkroom's time, then cp's as a multiple of it.
        assert!(
            cells[2].ends_with("ms") || cells[2].contains("ms,"),
            "{row}"
        );
        assert!(cells[3].contains('x'), "{row}");
    }
}
