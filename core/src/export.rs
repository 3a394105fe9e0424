//! The export archive's index and checksum manifest (docs/formats.md §5):
//! written by the server, read by the offline newsroom tool, which treats
//! everything in them as untrusted.

use std::collections::BTreeMap;
use std::io::{self, Read};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Why an export's index or checksum file is refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The file does not parse.
    #[error("this {file} file is damaged ({detail}); export it again from the app that made it")]
    Corrupt {
        /// `export index` or `SHA256SUMS`.
        file: &'static str,
        /// What was wrong, and where.
        detail: String,
    },
}

/// The folder every entry lives in.
pub const ROOT: &str = "darkroom-export";
/// The index's format name.
pub const FORMAT: &str = "darkroom-export";
/// The index's format version.
pub const VERSION: u8 = 1;
/// The largest index or checksum file read (a million submissions fit).
pub const MAX_INDEX: u64 = 256 << 20;

/// `export.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u8,
    /// The day the export was made, `YYYY-MM-DD`.
    pub created_day: String,
    /// One entry per submission.
    pub submissions: Vec<Entry>,
}

/// One submission in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Its random designation; also its folder.
    pub designation: String,
    /// Its arrival day, `YYYY-MM-DD`.
    pub arrival_day: String,
    /// The envelope's size in bytes.
    pub size: u64,
    /// `attested`, `no proof` or `sealed by server`.
    pub label: String,
    /// The time window its proof disclosed.
    pub window: Option<String>,
    /// The region its proof disclosed.
    pub region: Option<String>,
    /// `DESIGNATION/envelope.age`.
    pub envelope: String,
    /// SHA-256 of the envelope at arrival, hex.
    pub envelope_sha256: String,
    /// `DESIGNATION/proof.json`, if it has one.
    pub proof: Option<String>,
    /// The source account it was sent under, if the source asked for a
    /// codename: how to reply from the offline machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// A source account, as an export names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The account's designation (`quiet-heron`).
    pub designation: String,
    /// The age recipient replies to this source are sealed to.
    pub reply_recipient: String,
}

impl Index {
    /// Parses and checks an index: its format and version, and that every
    /// designation and path is one this format can hold.
    pub fn parse(bytes: &[u8]) -> Result<Index, ExportError> {
        let bad = |detail: String| ExportError::Corrupt {
            file: "export index",
            detail,
        };
        let index: Index = serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?;
        if index.format != FORMAT || index.version != VERSION {
            return Err(bad(format!(
                "format {:?} version {} is not {FORMAT} version {VERSION}",
                index.format, index.version
            )));
        }
        Ok(index)
    }
}

/// Whether `s` can be a designation: 1 to 64 lowercase letters, digits
/// and `-`, not starting with `-`. Designations name folders, so nothing
/// else is accepted from an export.
pub fn valid_designation(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether a member path inside [`ROOT`] is one the format allows:
/// `export.json`, `SHA256SUMS`, or `DESIGNATION/envelope.age` and
/// `DESIGNATION/proof.json`. Anything else (absolute paths, `..`, other
/// names) is refused.
pub fn valid_member(path: &str) -> bool {
    match path.split_once('/') {
        None => path == "export.json" || path == "SHA256SUMS",
        Some((d, file)) => valid_designation(d) && (file == "envelope.age" || file == "proof.json"),
    }
}

/// Parses `SHA256SUMS` (`sha256sum` format: 64 hex digits, two spaces or
/// space and `*`, a path). A path listed twice is refused.
pub fn parse_sums(text: &str) -> Result<BTreeMap<String, [u8; 32]>, ExportError> {
    let bad = |detail: String| ExportError::Corrupt {
        file: "SHA256SUMS",
        detail,
    };
    let mut sums = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let (hash, path) = line
            .split_once("  ")
            .or_else(|| line.split_once(" *"))
            .ok_or_else(|| bad(format!("line {} is not `HASH  PATH`", i + 1)))?;
        let mut digest = [0u8; 32];
        hex::decode_to_slice(hash, &mut digest)
            .map_err(|_| bad(format!("line {} has no SHA-256", i + 1)))?;
        if sums.insert(path.to_string(), digest).is_some() {
            return Err(bad(format!("{path:?} is listed twice")));
        }
    }
    Ok(sums)
}

/// A reader that takes the SHA-256 of everything read through it: how an
/// envelope is checked against `SHA256SUMS` as it is written or read.
pub struct HashingReader<R> {
    inner: R,
    hash: Sha256,
}

impl<R: Read> HashingReader<R> {
    /// Hashes what is read from `inner`.
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hash: Sha256::new(),
        }
    }

    /// The SHA-256 of everything read so far.
    pub fn finish(self) -> [u8; 32] {
        self.hash.finalize().into()
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_paths() {
        for ok in [
            "export.json",
            "SHA256SUMS",
            "amber-fox-1/envelope.age",
            "a/proof.json",
        ] {
            assert!(valid_member(ok), "{ok}");
        }
        for bad in [
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a/b/envelope.age",
            "A/envelope.age",
            "-a/envelope.age",
            "a/other",
            "a/",
            "",
            "./export.json",
        ] {
            assert!(!valid_member(bad), "{bad}");
        }
    }

    #[test]
    fn hashing_reader_hashes_what_passes() {
        let mut r = HashingReader::new(&b"abc"[..]);
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"abc");
        assert_eq!(r.finish(), <[u8; 32]>::from(Sha256::digest(b"abc")));
    }

    #[test]
    fn sums() {
        let h = "ab".repeat(32);
        let s = parse_sums(&format!("{h}  a/envelope.age\n{h} *export.json\n")).unwrap();
        assert_eq!(s.len(), 2);
        assert!(matches!(
            parse_sums(&format!("{h}  x\n{h}  x\n")),
            Err(ExportError::Corrupt { .. })
        ));
        assert!(matches!(
            parse_sums("zz  x\n"),
            Err(ExportError::Corrupt { .. })
        ));
    }
}
