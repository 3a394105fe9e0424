//! The peak memory of this process, reported on exit for the benchmarks
//! (`darkroom-bench`), which set [`ENV`] in the environment of the
//! `darkroom` processes they measure.

/// Set to make this process print `peak-rss-kib: N` on standard error
/// when it exits.
pub const ENV: &str = "DARKROOM_REPORT_PEAK_RSS";

/// Prints this process's peak resident set size, from the kernel's own
/// accounting (Linux), when [`ENV`] is set.
pub fn report() {
    if std::env::var_os(ENV).is_none() {
        return;
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(kib) = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            eprintln!("peak-rss-kib: {kib}");
        }
    }
}
