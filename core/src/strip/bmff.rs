//! ISO base media file format boxes (ISO/IEC 14496-12), shared by the HEIF
//! family and by MP4/QuickTime: box headers read from a stream, and
//! in-memory box bodies read and written.

use std::io::Read;

use super::source::Source;
use crate::StripError;

/// A box's header: its type, the header's own length, and the body's
/// length (`None`: the box runs to the end of the file).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    pub kind: [u8; 4],
    pub header_len: u64,
    pub body_len: Option<u64>,
}

/// Reads the next top-level box header, or `None` at the end of the input.
pub(crate) fn next_header<R: Read>(src: &mut Source<R>) -> Result<Option<Header>, StripError> {
    if src.fill_buf()?.is_empty() {
        return Ok(None);
    }
    let size = u32::from_be_bytes(src.array()?);
    let kind: [u8; 4] = src.array()?;
    let (header_len, total) = match size {
        0 => {
            return Ok(Some(Header {
                kind,
                header_len: 8,
                body_len: None,
            }))
        }
        1 => (16, u64::from_be_bytes(src.array()?)),
        n => (8, u64::from(n)),
    };
    if total < header_len {
        return Err(src.corrupt(format!("box {} is smaller than its header", name(&kind))));
    }
    Ok(Some(Header {
        kind,
        header_len,
        body_len: Some(total - header_len),
    }))
}

/// The largest `ftyp` box read into memory.
const MAX_FTYP: u64 = 4096;

/// Reads the `ftyp` box a file must start with and returns it, as it will
/// be written again.
pub(crate) fn read_ftyp<R: Read>(src: &mut Source<R>) -> Result<Vec<u8>, StripError> {
    let ftyp = next_header(src)?.ok_or_else(|| src.corrupt("no ftyp box"))?;
    let len = match ftyp.body_len {
        Some(n) if &ftyp.kind == b"ftyp" && (8..=MAX_FTYP).contains(&n) => n,
        _ => return Err(src.corrupt("the file does not start with a valid ftyp box")),
    };
    let body = src.take_or_skip(len, MAX_FTYP, |_| {})?.unwrap_or_default();
    let mut out = Vec::new();
    write_box(&mut out, b"ftyp", &body);
    Ok(out)
}

/// A box type for people and reports: `'meta'`.
pub(crate) fn name(kind: &[u8; 4]) -> String {
    format!("'{}'", super::inspect::printable(kind))
}

/// A cursor over an in-memory box body; every read past its end is a
/// "damaged file" error naming `format` and `what` is being read.
pub(crate) struct Buf<'a> {
    data: &'a [u8],
    pos: usize,
    format: &'static str,
}

impl<'a> Buf<'a> {
    pub(crate) fn new(data: &'a [u8], format: &'static str) -> Self {
        Buf {
            data,
            pos: 0,
            format,
        }
    }

    pub(crate) fn corrupt(&self, detail: impl std::fmt::Display) -> StripError {
        StripError::corrupt(self.format, detail.to_string())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    pub(crate) fn rest(&self) -> &'a [u8] {
        &self.data[self.pos.min(self.data.len())..]
    }

    pub(crate) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], StripError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| self.corrupt(format!("{what} runs past the end of its box")))?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub(crate) fn u8(&mut self, what: &str) -> Result<u8, StripError> {
        Ok(self.take(1, what)?[0])
    }

    pub(crate) fn u16(&mut self, what: &str) -> Result<u16, StripError> {
        let b = self.take(2, what)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    pub(crate) fn u32(&mut self, what: &str) -> Result<u32, StripError> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn fourcc(&mut self, what: &str) -> Result<[u8; 4], StripError> {
        let b = self.take(4, what)?;
        Ok([b[0], b[1], b[2], b[3]])
    }

    /// An unsigned big-endian number of `size` bytes (0, 4 or 8 in the
    /// boxes that use this).
    pub(crate) fn uint(&mut self, size: u8, what: &str) -> Result<u64, StripError> {
        match size {
            0 => Ok(0),
            1 | 2 | 4 | 8 => {
                let b = self.take(usize::from(size), what)?;
                Ok(b.iter().fold(0u64, |n, &x| (n << 8) | u64::from(x)))
            }
            _ => Err(self.corrupt(format!("{what} has an impossible size of {size} bytes"))),
        }
    }

    /// A null-terminated string's bytes, without the terminator; a string
    /// that ends with its box (no terminator) is accepted.
    pub(crate) fn cstr(&mut self, what: &str) -> Result<&'a [u8], StripError> {
        let rest = self.rest();
        match memchr::memchr(0, rest) {
            Some(n) => {
                let s = self.take(n, what)?;
                self.pos += 1;
                Ok(s)
            }
            None => self.take(rest.len(), what),
        }
    }

    /// The version and flags of a full box.
    pub(crate) fn full(&mut self, what: &str) -> Result<(u8, u32), StripError> {
        let v = self.u32(what)?;
        Ok(((v >> 24) as u8, v & 0x00FF_FFFF))
    }
}

/// A child box inside an in-memory body.
pub(crate) struct Child<'a> {
    pub kind: [u8; 4],
    /// Header and body, as in the file.
    pub whole: &'a [u8],
    pub body: &'a [u8],
}

/// Splits an in-memory body into its child boxes.
pub(crate) fn children<'a>(
    body: &'a [u8],
    format: &'static str,
) -> Result<Vec<Child<'a>>, StripError> {
    let mut out = Vec::new();
    let mut b = Buf::new(body, format);
    while !b.is_empty() {
        let offset = b.pos;
        let size = u64::from(b.u32("a box header")?);
        let kind = b.fourcc("a box header")?;
        let (header_len, total) = match size {
            0 => (8, (body.len() - offset) as u64),
            1 => (16, b.uint(8, "a box header")?),
            n => (8, n),
        };
        if total < header_len || total > (body.len() - offset) as u64 {
            return Err(b.corrupt(format!(
                "box {} does not fit in its parent box",
                name(&kind)
            )));
        }
        let end = offset + total as usize;
        out.push(Child {
            kind,
            whole: &body[offset..end],
            body: &body[offset + header_len as usize..end],
        });
        b.pos = end;
    }
    Ok(out)
}

/// Appends a box of type `kind` with `body`.
pub(crate) fn write_box(out: &mut Vec<u8>, kind: &[u8; 4], body: &[u8]) {
    let total = body.len() as u64 + 8;
    if let Ok(small) = u32::try_from(total) {
        out.extend_from_slice(&small.to_be_bytes());
        out.extend_from_slice(kind);
    } else {
        out.extend_from_slice(&1u32.to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(&(total + 8).to_be_bytes());
    }
    out.extend_from_slice(body);
}

/// Appends a full box's version and flags.
pub(crate) fn write_full(out: &mut Vec<u8>, version: u8, flags: u32) {
    out.extend_from_slice(&((u32::from(version) << 24) | (flags & 0x00FF_FFFF)).to_be_bytes());
}

/// Appends `n` as a big-endian number of `size` bytes (0, 4 or 8).
pub(crate) fn write_uint(out: &mut Vec<u8>, size: u8, n: u64) {
    match size {
        0 => {}
        2 => out.extend_from_slice(&(n as u16).to_be_bytes()),
        4 => out.extend_from_slice(&(n as u32).to_be_bytes()),
        _ => out.extend_from_slice(&n.to_be_bytes()),
    }
}
