//! Output files appear whole or not at all: they are written to a hidden
//! temporary file beside their destination (mode 0600), synced, and renamed
//! into place only once everything succeeded. On error the temporary file is
//! removed, so no partial output is ever left behind.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

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
            file: BufWriter::with_capacity(256 * 1024, tmp),
        })
    }

    /// Moves the file to `dest`, replacing what was there.
    pub fn commit(self, dest: &Path) -> Result<()> {
        self.finish(dest, false)
    }

    /// Moves the file to `dest`, failing if something is already there.
    pub fn commit_new(self, dest: &Path) -> Result<()> {
        self.finish(dest, true)
    }

    fn finish(self, dest: &Path, exclusive: bool) -> Result<()> {
        let tmp = self.file.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
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
