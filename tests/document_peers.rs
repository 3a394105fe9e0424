//! PDFs and office documents: cleaned by Darkroom, read back by the tools
//! that newsrooms and sources open them with.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::strip_peers::{exiftool_values, is_document, strip_all};
use crate::util::*;

/// Words planted in the corpus's metadata. pandoc also prints the author
/// on a document's first page: a word the original's content shows is
/// content, and stays.
const PLANTED: &[&str] = &[
    "Jane",
    "Reviewer",
    "DemoCam",
    "DemoWriter",
    "DemoEdit",
    "SN-0000",
    "BODY-FAKE",
    "Amsterdam",
];

/// Every byte a reader could get at: a PDF with its streams decompressed by
/// qpdf, or an office document's parts unpacked by Python's zipfile.
fn expanded(file: &Path, scratch_dir: &Path) -> Vec<u8> {
    if file.extension().is_some_and(|e| e == "pdf") {
        let out = scratch_dir.join("expanded.pdf");
        ok(Command::new("qpdf")
            .args([
                "--qdf",
                "--object-streams=disable",
                "--decode-level=generalized",
            ])
            .arg(file)
            .arg(&out));
        fs::read(out).unwrap()
    } else {
        let out = run(Command::new("/usr/bin/python3")
            .args([
                "-c",
                "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist(): sys.stdout.buffer.write(n.encode() + z.read(n))",
            ])
            .arg(file));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }
}

fn planted(bytes: &[u8]) -> Vec<&'static str> {
    PLANTED
        .iter()
        .copied()
        .filter(|w| bytes.windows(w.len()).any(|x| x == w.as_bytes()))
        .collect()
}

/// The document's content as its readers see it.
fn content(file: &Path, dir: &Path) -> String {
    let ext = file.extension().unwrap().to_string_lossy().into_owned();
    match ext.as_str() {
        "pdf" => {
            let text = ok(Command::new("pdftotext").arg(file).arg("-"));
            // Embedded images: their count and decoded pixels.
            let prefix = dir.join(format!("img-{}", file.file_name().unwrap().to_string_lossy()));
            ok(Command::new("pdfimages").arg("-png").arg(file).arg(&prefix));
            let mut pixels: Vec<String> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().starts_with(&*prefix.to_string_lossy()))
                .map(|p| {
                    let sig = ok(Command::new("/usr/bin/identify")
                        .args(["-format", "%#"])
                        .arg(&p));
                    fs::remove_file(p).unwrap();
                    sig
                })
                .collect();
            pixels.sort();
            format!("{text}\n{pixels:?}")
        }
        "docx" | "odt" => ok(Command::new("pandoc")
            .args(["-s", "-t", "plain", "--track-changes=all"])
            .arg(file)),
        "xlsx" => ok(Command::new("/usr/bin/python3")
            .args([
                "-c",
                "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nfor ws in wb:\n  for row in ws.iter_rows():\n    print([(c.value, c.comment.text if c.comment else None) for c in row])",
            ])
            .arg(file)),
        // PowerPoint: the slides' parts, which cleaning leaves byte for byte.
        "pptx" => ok(Command::new("/usr/bin/python3")
            .args([
                "-c",
                "import sys, zipfile, hashlib, re\nz = zipfile.ZipFile(sys.argv[1])\nfor n in sorted(z.namelist()):\n  if n.startswith('ppt/slides/slide'): d = z.read(n); print(n, hashlib.sha256(d).hexdigest(), re.findall(rb'<a:t>([^<]*)</a:t>', d))",
            ])
            .arg(file)),
        other => panic!("not a document: {other}"),
    }
}

#[test]
fn documents_keep_their_content_and_lose_their_metadata() {
    let exiftool = require!("exiftool");
    for t in [
        "qpdf",
        "pdftotext",
        "pdfimages",
        "pandoc",
        "/usr/bin/identify",
    ] {
        require!(t);
    }
    let Some(pairs) = strip_all("peers-documents") else {
        return;
    };
    let dir = scratch("peers-documents-read");
    let mut checked = 0;
    for (original, stripped) in pairs.iter().filter(|(o, _)| is_document(o)) {
        let name = original.file_name().unwrap().to_string_lossy().into_owned();
        // The original had something to remove; nothing of it is left,
        // compressed, in a stream, in an old revision or in a photo inside.
        let text = content(original, &dir);
        assert!(text.len() > 20, "{name}: {text}");
        let shown = planted(text.as_bytes());
        let before: Vec<_> = planted(&expanded(original, &dir))
            .into_iter()
            .filter(|w| !shown.contains(w))
            .collect();
        assert!(!before.is_empty(), "{name}: nothing planted");
        let after: Vec<_> = planted(&expanded(stripped, &dir))
            .into_iter()
            .filter(|w| !shown.contains(w))
            .collect();
        assert!(after.is_empty(), "{name}: {after:?} survived");
        assert_eq!(text, content(stripped, &dir), "{name}: content changed");
        // exiftool finds no metadata; the ZIP container's dates are zero.
        for line in exiftool_values(&exiftool, stripped).lines() {
            assert!(!line.contains("Reviewer"), "{name}: {line}");
            let tag = line
                .split_once(']')
                .and_then(|(_, rest)| rest.split(" : ").next())
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            if tag == "zipmodifydate" {
                assert!(line.ends_with("1980:01:01 00:00:00"), "{name}: {line}");
                continue;
            }
            for word in [
                "author",
                "creator",
                "producer",
                "date",
                "title",
                "modified",
                "application",
                "company",
                "keywords",
                "subject",
                "revision",
                "totaltime",
            ] {
                assert!(!tag.contains(word), "{name}: {line}");
            }
        }
        if name.ends_with(".pdf") {
            let check = ok(Command::new("qpdf").arg("--check").arg(stripped));
            assert!(
                check.contains("No syntax or stream encoding errors"),
                "{name}: {check}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} documents");
}

#[test]
fn documents_darkroom_cannot_open_are_refused_unless_sent_as_is() {
    let qpdf = require!("qpdf");
    let Some(corpus) = corpus() else { return };
    let dir = scratch("peers-documents-refused");
    let encrypted = dir.join("locked.pdf");
    ok(Command::new(qpdf)
        .args(["--encrypt", "user-pass", "owner-pass", "256", "--"])
        .arg(corpus.join("doc-memo.pdf"))
        .arg(&encrypted));
    let archive = dir.join("photos.zip");
    ok(Command::new("/usr/bin/python3")
        .args([
            "-c",
            "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\nz.write(sys.argv[2], 'photo.jpg')\nz.close()",
        ])
        .arg(&archive)
        .arg(corpus.join("jpeg-full.jpg")));
    for (file, says) in [(&encrypted, "encrypted"), (&archive, "other ZIP archives")] {
        let out = dir.join("out");
        let err = fails(darkroom().arg("strip").arg(file).arg("-o").arg(&out), says);
        assert!(
            err.contains("was refused") && err.contains("--send-as-is"),
            "{err}"
        );
        assert!(!out.exists(), "{}: output written", file.display());
        ok(darkroom()
            .arg("strip")
            .arg("--send-as-is")
            .arg(file)
            .arg("-o")
            .arg(&out));
        assert_eq!(fs::read(&out).unwrap(), fs::read(file).unwrap());
        fs::remove_file(&out).unwrap();
    }
}
