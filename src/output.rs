//! Output files appear whole or not at all: they are written to a hidden
//! temporary file beside their destination (mode 0600) and renamed into
//! place only once everything succeeded. On error the temporary file is
//! removed, so no partial output is ever left behind.
//!
//! What the newsroom decrypts is also synced to disk before the rename, so a
//! power cut cannot leave an empty file where a submission was. A source's
//! stripped file or envelope is not: it can be made again, and syncing
//! would double the time a large file takes.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tempfile::NamedTempFile;

/// A file being written.
pub struct Pending {
    file: BufWriter<NamedTempFile>,
}

impl Pending {
    /// A temporary file in the folder `dest` will be in.
    pub fn beside(dest: &Path) -> Result<Pending> {
        match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => Pending::new_in(p),
            _ => Pending::new_in(Path::new(".")),
        }
    }

    /// A temporary file in `dir`.
    pub fn new_in(dir: &Path) -> Result<Pending> {
        let tmp = tempfile::Builder::new()
            .prefix(".darkroom-")
            .suffix(".partial")
            .tempfile_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        Ok(Pending {
            // Writes of 64 KiB and more (age's chunks) go straight through;
            // the small ones a stripper makes are gathered.
            file: BufWriter::with_capacity(64 * 1024, tmp),
        })
    }

    /// What has been written so far (for a check before committing).
    pub fn read_back(&mut self) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        use std::io::Read;
        self.file.flush()?;
        let mut out = zeroize::Zeroizing::new(Vec::new());
        self.file.get_ref().reopen()?.read_to_end(&mut out)?;
        Ok(out)
    }

    /// Moves the file to `dest`, replacing what was there.
    pub fn commit(self, dest: &Path) -> Result<()> {
        self.finish(dest, false)
    }

    /// Syncs the file and moves it to `dest`, failing if something is
    /// already there.
    pub fn commit_new(self, dest: &Path) -> Result<()> {
        self.finish(dest, true)
    }

    fn finish(self, dest: &Path, exclusive: bool) -> Result<()> {
        let tmp = self.file.into_inner().map_err(|e| e.into_error())?;
        if exclusive {
            tmp.as_file().sync_all()?;
        }
        let persisted = if exclusive {
            tmp.persist_noclobber(dest)
        } else {
            tmp.persist(dest)
        };
        persisted.map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                anyhow::anyhow!("{} already exists; choose another name", dest.display())
            } else {
                anyhow::Error::new(e.error).context(format!("cannot write {}", dest.display()))
            }
        })?;
        Ok(())
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Opens an input file with a message that names it.
pub fn open_input(path: &Path) -> Result<File> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    if file.metadata()?.is_dir() {
        anyhow::bail!("{} is a folder; give a file", path.display());
    }
    Ok(file)
}

/// `FILE` → `FILE` followed by `suffix` (`.pub`, `.minisig`…): where a
/// file that goes with another is written.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `FILE` → `FILE.manifest.json`, where `newsroom open` records what it
/// opened.
pub fn manifest_path(dest: &Path) -> PathBuf {
    with_suffix(dest, ".manifest.json")
}

/// `photo.jpg` → (`photo`, `.jpg`). A name with no dot, or whose only dot
/// starts it, has no extension.
pub fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => name.split_at(i),
        _ => (name, ""),
    }
}

/// `name`, or `name (2)`, `name (3)`… whichever is free with its manifest.
pub fn unique(dir: &Path, name: &str) -> PathBuf {
    let (stem, ext) = split_extension(name);
    (1..)
        .map(|i| {
            if i == 1 {
                dir.join(name)
            } else {
                dir.join(format!("{stem} ({i}){ext}"))
            }
        })
        .find(|p| !p.exists() && !manifest_path(p).exists())
        .unwrap_or_else(|| dir.join(name))
}

/// Text from a server or a reply, safe to print on a terminal
/// ([`darkroom_core::text::printable`], the one rule every client uses).
pub use darkroom_core::text::printable;

#[cfg(test)]
mod name_tests {
    use super::split_extension;

    #[test]
    fn extensions_are_split_at_the_last_dot_but_not_a_leading_one() {
        assert_eq!(split_extension("photo.jpg"), ("photo", ".jpg"));
        assert_eq!(split_extension("a.tar.gz"), ("a.tar", ".gz"));
        assert_eq!(split_extension("README"), ("README", ""));
        assert_eq!(split_extension(".hidden"), (".hidden", ""));
        assert_eq!(split_extension("trailing."), ("trailing", "."));
    }
}
