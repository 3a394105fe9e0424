//! The README and the crate docs say what the code does: counts and lists
//! that would otherwise drift are checked against the code.

use std::fs;
use std::path::Path;

use darkroom_core::MediaKind;

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// "each of the seven cargo-fuzz targets": the number is the targets'.
#[test]
fn the_readme_counts_the_fuzz_targets() {
    let targets = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "rs")
        })
        .count();
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let readme = read("README.md");
    let said = format!("each of the {} cargo-fuzz targets", words[targets]);
    assert!(readme.contains(&said), "README.md should say {said:?}");
}

/// Every kind of file the stripper tells apart is named where the README
/// says what is cleaned and what is refused, and in the crate docs.
#[test]
fn the_readme_and_crate_docs_name_every_format() {
    let readme = read("README.md");
    let start = readme
        .find("What is removed")
        .expect("the README's format list");
    let end = start + readme[start..].find("--send-as-is").unwrap();
    let list = &readme[start..end];
    let lib = read("core/src/lib.rs");
    let strip_doc = &lib[lib.find("[`strip`]").unwrap()..lib.find("[`report`]").unwrap()];
    for kind in MediaKind::ALL {
        if kind == MediaKind::Other {
            continue;
        }
        // "HEIC/HEIF" → "HEIC", "MP4/MOV video or audio" → "MP4".
        let word = kind.name().split(['/', ' ']).next().unwrap();
        assert!(list.contains(word), "README.md's format list lacks {word}");
        assert!(strip_doc.contains(word), "core's crate doc lacks {word}");
    }
}
