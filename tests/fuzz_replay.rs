//! The fuzz targets' corpora, replayed through the same functions that
//! `cargo fuzz` runs (`scripts/fuzz`): the committed seeds, and every input
//! that once crashed a target, kept beside them as `crash-*`. Then a short
//! smoke pass of each target on the stable toolchain: seeded random
//! mutations of every seed (bytes flipped, cut, repeated, overwritten with
//! edge values), without coverage guidance; `scripts/fuzz` is the real,
//! coverage-guided run.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

use std::path::Path;

/// Mutations tried per seed in the smoke pass.
const MUTATIONS: usize = 150;

fn mutate(seed: &[u8], rng: &mut impl rand::Rng) -> Vec<u8> {
    let mut m = seed.to_vec();
    for _ in 0..rng.gen_range(1..4) {
        let len = m.len().max(1);
        let at = rng.gen_range(0..len);
        match rng.gen_range(0..6) {
            0 if !m.is_empty() => m[at] ^= 1 << rng.gen_range(0..8),
            1 => m.truncate(at),
            2 => {
                let end = (at + rng.gen_range(1..64)).min(m.len());
                let copy = m[at.min(m.len())..end].to_vec();
                m.splice(at.min(m.len())..at.min(m.len()), copy);
            }
            3 => {
                let edge = [0x00u8, 0xFF, 0x7F, 0x80];
                for i in at..(at + 4).min(m.len()) {
                    m[i] = edge[rng.gen_range(0..edge.len())];
                }
            }
            4 => {
                let extra: Vec<u8> = (0..rng.gen_range(1..32)).map(|_| rng.gen()).collect();
                m.splice(at.min(m.len())..at.min(m.len()), extra);
            }
            _ => {
                let end = (at + rng.gen_range(1..256)).min(m.len());
                m.drain(at.min(m.len())..end);
            }
        }
    }
    m
}

fn replay(target: &str, run: fn(&[u8]), at_least: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= at_least,
        "{target}: {} inputs, expected at least {at_least}",
        files.len()
    );
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(0xda7c_2026);
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            panic!("fuzz target {target} fails on {}", file.display());
        }
        for i in 0..MUTATIONS {
            let mutant = mutate(&data, &mut rng);
            if std::panic::catch_unwind(|| run(&mutant)).is_err() {
                let keep = std::env::temp_dir().join(format!("{target}-smoke-{i}"));
                std::fs::write(&keep, &mutant).unwrap();
                panic!(
                    "fuzz target {target} fails on a mutation of {} (kept as {})",
                    file.display(),
                    keep.display()
                );
            }
        }
    }
}

#[test]
fn strip_corpus() {
    replay("strip", targets::strip, 38);
}

#[test]
fn attestation_corpus() {
    replay("attestation", targets::attestation, 3);
}

#[test]
fn envelope_corpus() {
    replay("envelope", targets::envelope, 3);
}

#[test]
fn bundle_corpus() {
    replay("bundle", targets::bundle, 3);
}

#[test]
fn jpeg_corpus() {
    replay("jpeg", targets::jpeg, 4);
}

#[test]
fn export_corpus() {
    replay("export", targets::export, 2);
}

/// The upload target's store, in the tests' scratch space.
fn upload_data() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| targets::upload_data_in(crate::util::scratch("fuzz-upload")));
}

#[test]
fn upload_corpus() {
    upload_data();
    replay("upload", targets::upload, 3);
}

/// The seeds reach the code worth fuzzing: the upload seeds are accepted,
/// the envelopes open with the fixture identity, the export is listed.
#[test]
fn the_seeds_are_deep() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let id = targets::identity();
    for name in ["note.age", "photo.age", "png.age"] {
        let data = std::fs::read(corpus.join("envelope").join(name)).unwrap();
        darkroom_core::envelope::open(&data[..], &[id as &dyn age::Identity], std::io::sink())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let tar = std::fs::File::open(corpus.join("export/two.tar")).unwrap();
    let listing = darkroom_core::archive::list(tar).unwrap();
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert!(listing.members.contains_key("export.json"));
    assert!(listing.members.len() >= 5, "{:?}", listing.members.keys());
    upload_data();
    let form = |name: &str| std::fs::read(corpus.join("upload").join(name)).unwrap();
    assert_eq!(targets::upload_status(&form("note.form")), 201);
    // Made with other keys than the target's, and under a registry it
    // does not trust: refused, with nothing stored.
    assert_eq!(targets::upload_status(&form("proven.form")), 422);
    let escape = std::fs::File::open(corpus.join("export/escape.tar")).unwrap();
    let listing = darkroom_core::archive::list(escape).unwrap();
    assert_eq!(listing.problems.len(), 1, "{:?}", listing.problems);
}
