//! Operating a drop box: a backup of a live instance, restored into a new
//! data directory, serves the same submissions and journalists, and every
//! export of it opens; a damaged backup restores nothing.

use std::process::Command;

use crate::server::check_archive;
use crate::server_live::{config, log_in, printed_value, serve, submissions_page, submit};
use crate::server_util::*;
use crate::util::*;

#[test]
fn a_backup_of_a_live_server_restores_into_a_new_data_directory() {
    let dir = scratch("operating-backup");
    let cfg = config(&dir, "");
    let server = serve(&dir, &cfg);
    let data = dir.join("data");
    let mut designations = Vec::new();
    for _ in 0..2 {
        let said = ok(&mut submit(&server.url, &photo()));
        designations.push(printed_value(&said, "designation:"));
    }
    let added = ok(darkroom()
        .args(["admin", "add-journalist", "ana", "--data"])
        .arg(&data));
    let password = printed_value(&added, "password:");
    let secret = printed_value(&added, "TOTP secret:");

    // While it serves.
    let backup = dir.join("backup.tar");
    let said = ok(darkroom()
        .args(["admin", "backup", "--data"])
        .arg(&data)
        .arg("-o")
        .arg(&backup));
    assert!(said.contains("backed up 2 submission(s)"), "{said}");
    fails(
        darkroom()
            .args(["admin", "backup", "--data"])
            .arg(&data)
            .arg("-o")
            .arg(&backup),
        "already exists",
    );
    // No entry tells a time.
    let listing = ok(Command::new("tar").arg("-tvf").arg(&backup));
    assert!(
        listing.lines().all(|l| l.contains("1970-01-01")),
        "{listing}"
    );
    drop(server);

    // A damaged backup (one envelope byte flipped), or a target in use:
    // nothing is restored.
    let mut bytes = std::fs::read(&backup).unwrap();
    let at = bytes
        .windows(22)
        .position(|w| w == b"age-encryption.org/v1\n")
        .unwrap();
    bytes[at + 2000] ^= 1;
    let damaged = dir.join("damaged.tar");
    std::fs::write(&damaged, &bytes).unwrap();
    let target = dir.join("restored");
    fails(
        darkroom()
            .args(["admin", "restore"])
            .arg(&damaged)
            .arg("--data")
            .arg(&target),
        "damaged",
    );
    assert!(!target.exists());
    assert_eq!(
        std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".darkroom-restore"))
            .count(),
        0
    );
    fails(
        darkroom()
            .args(["admin", "restore"])
            .arg(&backup)
            .arg("--data")
            .arg(&data),
        "not empty",
    );

    let said = ok(darkroom()
        .args(["admin", "restore"])
        .arg(&backup)
        .arg("--data")
        .arg(&target));
    assert!(said.contains("restored 2 submission(s)"), "{said}");

    // A server on the restored directory: the same journalist logs in and
    // sees both submissions.
    let other = scratch("operating-restored");
    let cfg = other.join("darkroom.toml");
    std::fs::write(&cfg, config_toml(newsroom(), &target, "")).unwrap();
    let server = serve(&other, &cfg);
    let client = log_in(&server.url, "ana", &password, &secret);
    let list = submissions_page(&client, &server.url);
    for d in &designations {
        assert!(list.contains(d.as_str()), "{d} missing:\n{list}");
    }
    drop(server);
    // Its export opens, every envelope checked.
    let archive = other.join("all.tar");
    let said = ok(darkroom()
        .args(["admin", "export", "--data"])
        .arg(&target)
        .arg("-o")
        .arg(&archive));
    assert!(said.contains("exported 2 submission(s)"), "{said}");
    check_archive(&archive, &scratch("operating-restored-export"), 2);
}
