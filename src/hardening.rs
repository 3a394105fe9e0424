//! Process hardening that needs no privileges.

/// Turns off core dumps for this process: the kernel's dumpable flag (which
/// also keeps other processes of the same user from reading its memory
/// through ptrace or /proc) and a core-file size limit of zero.
#[cfg(target_os = "linux")]
pub fn forbid_core_dumps() -> std::io::Result<()> {
    use rustix::process::{set_dumpable_behavior, setrlimit, DumpableBehavior, Resource, Rlimit};
    setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    )?;
    set_dumpable_behavior(DumpableBehavior::NotDumpable)?;
    Ok(())
}

/// Elsewhere: nothing to do here (the operator's system settings apply).
#[cfg(not(target_os = "linux"))]
pub fn forbid_core_dumps() -> std::io::Result<()> {
    Ok(())
}
