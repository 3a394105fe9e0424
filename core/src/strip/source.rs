//! Byte-level reading with positions, for error messages that say where.

use std::io::{self, BufRead, BufReader, Read, Write};

use crate::StripError;

/// The input of a stripper: buffered, counting, and turning a premature end
/// into a "damaged file" error that names the format and the offset.
pub(crate) struct Source<R> {
    inner: BufReader<R>,
    pos: u64,
    format: &'static str,
}

impl<R: Read> Source<R> {
    pub(crate) fn new(inner: R, format: &'static str) -> Self {
        Source {
            inner: BufReader::with_capacity(64 * 1024, inner),
            pos: 0,
            format,
        }
    }

    /// Bytes consumed so far.
    pub(crate) fn position(&self) -> u64 {
        self.pos
    }

    pub(crate) fn corrupt(&self, detail: impl std::fmt::Display) -> StripError {
        StripError::corrupt(self.format, format!("{detail} at byte {}", self.pos))
    }

    fn truncated(&self) -> StripError {
        StripError::corrupt(
            self.format,
            format!("the file ends early, at byte {}", self.pos),
        )
    }

    pub(crate) fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), StripError> {
        match self.inner.read_exact(buf) {
            Ok(()) => {
                self.pos += buf.len() as u64;
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(self.truncated()),
            Err(e) => Err(e.into()),
        }
    }

    pub(crate) fn u8(&mut self) -> Result<u8, StripError> {
        let mut b = [0u8; 1];
        self.read_exact(&mut b)?;
        Ok(b[0])
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], StripError> {
        let mut b = [0u8; N];
        self.read_exact(&mut b)?;
        Ok(b)
    }

    /// The next buffered bytes, empty at the end of the input.
    pub(crate) fn fill_buf(&mut self) -> Result<&[u8], StripError> {
        Ok(self.inner.fill_buf()?)
    }

    pub(crate) fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.pos += n as u64;
    }

    /// Copies exactly `n` bytes to `w` (or, with `n == u64::MAX`, everything
    /// up to the end), passing each piece to `seen` as well.
    pub(crate) fn copy_with(
        &mut self,
        n: u64,
        w: &mut impl Write,
        mut seen: impl FnMut(&[u8]),
    ) -> Result<u64, StripError> {
        let mut left = n;
        while left > 0 {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                if n == u64::MAX {
                    break;
                }
                return Err(self.truncated());
            }
            let take = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            w.write_all(&buf[..take])?;
            seen(&buf[..take]);
            self.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }

    pub(crate) fn copy(&mut self, n: u64, w: &mut impl Write) -> Result<u64, StripError> {
        self.copy_with(n, w, |_| {})
    }

    /// Reads `n` bytes into memory when `n <= limit`, else skips them
    /// (returning `None`); `seen` gets every byte either way.
    pub(crate) fn take_or_skip(
        &mut self,
        n: u64,
        limit: u64,
        seen: impl FnMut(&[u8]),
    ) -> Result<Option<Vec<u8>>, StripError> {
        if n <= limit {
            let mut v = Vec::with_capacity(n as usize);
            self.copy_with(n, &mut v, seen)?;
            Ok(Some(v))
        } else {
            self.copy_with(n, &mut io::sink(), seen)?;
            Ok(None)
        }
    }

    /// Reads and discards everything left, returning how many bytes and the
    /// first few of them.
    pub(crate) fn drain(&mut self) -> Result<(u64, Vec<u8>), StripError> {
        let mut head = Vec::new();
        let n = self.copy_with(u64::MAX, &mut io::sink(), |b| {
            if head.len() < 64 {
                head.extend_from_slice(&b[..b.len().min(64 - head.len())]);
            }
        })?;
        Ok((n, head))
    }
}

/// Passes everything read through to a writer as well.
pub(crate) struct Tee<R, W> {
    pub(crate) inner: R,
    pub(crate) out: Counter<W>,
}

impl<R: Read, W: Write> Read for Tee<R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out.write_all(&buf[..n])?;
        Ok(n)
    }
}

/// A writer that counts what passes through it.
pub(crate) struct Counter<W> {
    inner: W,
    count: u64,
}

impl<W> Counter<W> {
    pub(crate) fn new(inner: W) -> Self {
        Counter { inner, count: 0 }
    }

    pub(crate) fn count(&self) -> u64 {
        self.count
    }

    pub(crate) fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for Counter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
