//! The CLI's clock. Core never reads one (it is handed `now`); the
//! source's commands read this one, not the server crate's.

/// The current time, Unix seconds (0 if the system clock is before 1970,
/// which every date check then refuses as not yet valid).
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
