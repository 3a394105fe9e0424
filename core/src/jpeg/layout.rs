//! A JPEG's segments, read without decoding a coefficient: the frame it
//! declares (so an image's size is bounded before memory is taken for it)
//! and whether it is *plain*: whether a decoder can draw anything from it
//! but its coefficients.
//!
//! A publication is verified at the level of quantized coefficients
//! (docs/formats.md §10); a reader sees what a decoder draws. The two are
//! the same only if nothing else in the file changes the drawing. A plain
//! JPEG is what [`super::write`] makes, or a lossless rewrite of it that
//! changes only the entropy coding (`jpegtran -optimize`, `-progressive`,
//! restart markers):
//!
//! - `SOI`, then at most one `APP0` JFIF header, first, of 16 bytes, with
//!   square pixels and no thumbnail; no other `APPn` (no EXIF, whose
//!   orientation rotates or mirrors the drawing; no ICC profile, which
//!   changes its colours; no Adobe marker, which makes decoders read the
//!   components as RGB or CMYK; no XMP), no comment;
//! - one frame (`SOF0`, `SOF1` or `SOF2`) of one component, or of three
//!   with a JFIF header (so every decoder reads them as YCbCr);
//! - each quantization table defined once, before the first scan
//!   (decoders disagree on which of two definitions a scan uses), and
//!   every table the frame uses defined;
//! - Huffman tables and restart intervals before any scan that uses them;
//! - nothing after `EOI`, and no fill bytes between segments.
//!
//! Anything else is named in one phrase ([`Layout::plain`]).

use super::{invalid, JpegError};

/// The frame a JPEG declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    /// Width in pixels.
    pub width: u16,
    /// Height in pixels.
    pub height: u16,
    /// Colour components.
    pub components: u8,
    /// An MCU's size in pixels.
    pub mcu: (usize, usize),
}

impl Frame {
    /// Pixels in the image.
    pub fn pixels(&self) -> usize {
        usize::from(self.width) * usize::from(self.height)
    }
}

/// What a JPEG's segments say: its frame, and the first thing in it that a
/// plain JPEG does not hold.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The frame header.
    pub frame: Frame,
    added: Option<String>,
}

impl Layout {
    /// Nothing but the coefficients can reach a decoder's drawing, or the
    /// first thing that can, in a phrase ("an EXIF segment (…)").
    pub fn plain(&self) -> Result<(), String> {
        match &self.added {
            None => Ok(()),
            Some(what) => Err(what.clone()),
        }
    }
}

/// Reads `jpeg`'s segments, skipping the entropy-coded data.
pub fn layout(jpeg: &[u8]) -> Result<Layout, JpegError> {
    let mut at = 2;
    if jpeg.get(..2) != Some(&[0xFF, 0xD8]) {
        return Err(invalid("no start-of-image marker"));
    }
    let mut added: Option<String> = None;
    let mut add = |what: String| {
        added.get_or_insert(what);
    };
    let mut frame = None;
    let mut jfif = false;
    let mut segments = 0usize;
    let mut scanned = false;
    let mut quant_defined = [false; 4];
    let mut quant_used = [false; 4];
    let mut component_ids = Vec::new();
    loop {
        if jpeg.get(at) != Some(&0xFF) {
            return Err(invalid("a segment does not start with a marker"));
        }
        let mut m = *jpeg.get(at + 1).ok_or(invalid("cut short"))?;
        at += 2;
        if m == 0xFF {
            add("fill bytes between segments".into());
            while m == 0xFF {
                m = *jpeg.get(at).ok_or(invalid("cut short"))?;
                at += 1;
            }
        }
        if m == 0xD9 {
            if at < jpeg.len() {
                add(format!(
                    "{} bytes after the end of the image",
                    jpeg.len() - at
                ));
            }
            break;
        }
        if (0xD0..=0xD7).contains(&m) || m == 0x01 {
            return Err(invalid("an unexpected marker"));
        }
        let len = usize::from(u16::from_be_bytes([
            *jpeg.get(at).ok_or(invalid("cut short"))?,
            *jpeg.get(at + 1).ok_or(invalid("cut short"))?,
        ]));
        let body = jpeg
            .get(at + 2..at + len.max(2))
            .filter(|_| len >= 2)
            .ok_or(invalid("cut short"))?;
        at += len;
        segments += 1;
        match m {
            0xE0 => {
                if body.starts_with(b"JFIF\0") {
                    if segments != 1 || jfif {
                        add("a second JFIF header, or one that is not first".into());
                    } else if body.len() != 14 {
                        add("a JFIF header with more in it (a thumbnail or other data)".into());
                    } else if body[12] != 0 || body[13] != 0 {
                        add("a JFIF thumbnail".into());
                    } else if body[8..10] != body[10..12] || body[8..10] == [0, 0] {
                        add("a JFIF header with pixels that are not square".into());
                    }
                    jfif = true;
                } else if body.starts_with(b"JFXX\0") {
                    add("a JFIF extension (a thumbnail)".into());
                } else {
                    add("an APP0 segment that is not a JFIF header".into());
                }
            }
            0xE1 if body.starts_with(b"Exif\0") => {
                add("EXIF metadata (whose orientation can rotate or mirror what is drawn)".into())
            }
            0xE1 if body.starts_with(b"http://ns.adobe.com/xap/") => add("XMP metadata".into()),
            0xE2 if body.starts_with(b"ICC_PROFILE\0") => {
                add("a colour profile (ICC), which changes the colours drawn".into())
            }
            0xEE if body.starts_with(b"Adobe") => {
                add("an Adobe marker, which makes decoders read the colours another way".into())
            }
            0xE1..=0xEF => add(format!("an APP{} segment", m - 0xE0)),
            0xFE => add("a comment (COM segment)".into()),
            0xDB => {
                let mut t = body;
                while let Some(&pq_tq) = t.first() {
                    let (pq, tq) = (usize::from(pq_tq >> 4), usize::from(pq_tq & 15));
                    if tq > 3 || pq > 1 {
                        return Err(invalid("a quantization table out of range"));
                    }
                    if scanned {
                        add("a quantization table defined after the first scan".into());
                    } else if quant_defined[tq] {
                        add(
                            "a quantization table defined twice (decoders may draw with either)"
                                .into(),
                        );
                    }
                    quant_defined[tq] = true;
                    t = t
                        .get(1 + 64 * (pq + 1)..)
                        .ok_or(invalid("short quantization table"))?;
                }
            }
            0xC0..=0xC2 => {
                if frame.is_some() {
                    return Err(invalid("two frame headers"));
                }
                if body.len() < 6 {
                    return Err(invalid("short frame header"));
                }
                let n = usize::from(body[5]);
                if !(1..=4).contains(&n) || body.len() != 6 + 3 * n {
                    return Err(invalid("a frame header of the wrong size"));
                }
                let (mut hmax, mut vmax) = (1usize, 1usize);
                for k in 0..n {
                    let c = &body[6 + 3 * k..9 + 3 * k];
                    hmax = hmax.max(usize::from(c[1] >> 4));
                    vmax = vmax.max(usize::from(c[1] & 15));
                    quant_used[usize::from(c[2] & 3)] = true;
                    component_ids.push(c[0]);
                }
                frame = Some(Frame {
                    height: u16::from_be_bytes([body[1], body[2]]),
                    width: u16::from_be_bytes([body[3], body[4]]),
                    components: body[5],
                    mcu: (8 * hmax, 8 * vmax),
                });
            }
            0xC4 | 0xDD => {}
            0xDA => {
                let Some(f) = frame else {
                    return Err(invalid("a scan before the frame header"));
                };
                if !scanned {
                    if f.components != 1 && f.components != 3 {
                        add(format!(
                            "a frame of {} components (decoders draw such images by markers outside what is verified)",
                            f.components
                        ));
                    } else if f.components == 3 && !jfif {
                        add("no JFIF header on a colour image (decoders would guess how to read its colours)".into());
                    } else if component_ids == b"RGB" || component_ids == b"rgb" {
                        add("components named R, G and B (read as RGB by some decoders)".into());
                    }
                    if (0..4).any(|t| quant_used[t] && !quant_defined[t]) {
                        return Err(invalid("a component uses an undefined quantization table"));
                    }
                }
                scanned = true;
                at = skip_entropy_coded(jpeg, at)?;
            }
            _ => return Err(invalid("an unexpected marker")),
        }
    }
    let frame = frame.ok_or(invalid("no frame header"))?;
    if !scanned {
        return Err(invalid("no scan"));
    }
    Ok(Layout { frame, added })
}

/// Where the entropy-coded data starting at `at` ends: the next marker
/// that is not a restart (0xFF 0x00 is a stuffed data byte).
fn skip_entropy_coded(jpeg: &[u8], mut at: usize) -> Result<usize, JpegError> {
    loop {
        let i = at
            + memchr::memchr(0xFF, jpeg.get(at..).ok_or(invalid("cut short"))?)
                .ok_or(invalid("the scan is not followed by a marker"))?;
        match jpeg.get(i + 1) {
            None => return Err(invalid("cut short")),
            Some(0x00) | Some(0xD0..=0xD7) => at = i + 2,
            Some(_) => return Ok(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Vec<u8> {
        let original = include_bytes!("../../../assets/demo-photo.jpg");
        let c = super::super::decode(original).unwrap();
        super::super::write(&c).unwrap()
    }

    /// `jpeg` with `segment` (marker and body) put in after the `after`
    /// bytes.
    fn with(jpeg: &[u8], after: usize, marker: u8, body: &[u8]) -> Vec<u8> {
        let mut out = jpeg[..after].to_vec();
        out.extend_from_slice(&[0xFF, marker]);
        out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(&jpeg[after..]);
        out
    }

    fn added(jpeg: &[u8]) -> String {
        layout(jpeg).unwrap().plain().unwrap_err()
    }

    #[test]
    fn what_write_makes_is_plain_and_its_frame_is_read() {
        let jpeg = demo();
        let l = layout(&jpeg).unwrap();
        l.plain().unwrap();
        assert_eq!((l.frame.width, l.frame.height), (320, 240));
        assert_eq!(l.frame.mcu, (16, 16));
        assert_eq!(l.frame.pixels(), 320 * 240);
    }

    #[test]
    fn every_addition_is_named() {
        let jpeg = demo();
        // After SOI and the 18-byte JFIF segment.
        let after_jfif = 2 + 18;
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (with(&jpeg, after_jfif, 0xE1, b"Exif\0\0MM\0*"), "EXIF"),
            (
                with(&jpeg, after_jfif, 0xE2, b"ICC_PROFILE\0\x01\x01"),
                "colour profile",
            ),
            (
                with(&jpeg, after_jfif, 0xEE, b"Adobe\0\x64\0\0\0\0\0"),
                "Adobe",
            ),
            (
                with(
                    &jpeg,
                    after_jfif,
                    0xE1,
                    b"http://ns.adobe.com/xap/1.0/\0<x/>",
                ),
                "XMP",
            ),
            (with(&jpeg, after_jfif, 0xEB, b"JP"), "APP11"),
            (with(&jpeg, after_jfif, 0xFE, b"hello"), "comment"),
            (with(&jpeg, after_jfif, 0xE0, b"JFXX\0\x10"), "extension"),
            (
                [&jpeg[..], b"the unredacted original"].concat(),
                "23 bytes after the end",
            ),
            // A second quantization table 0, before the frame.
            (with(&jpeg, after_jfif, 0xDB, &[0; 65]), "defined twice"),
        ];
        for (bytes, want) in cases {
            let e = added(&bytes);
            assert!(e.contains(want), "{want}: {e}");
        }
        // The JFIF header itself: a thumbnail, or non-square pixels.
        let mut thumb = jpeg.clone();
        thumb[2 + 16] = 1;
        assert!(added(&thumb).contains("thumbnail"));
        let mut stretched = jpeg.clone();
        stretched[2 + 13] = 2;
        assert!(added(&stretched).contains("not square"));
        // No JFIF header at all on a colour image.
        let mut bare = jpeg[..2].to_vec();
        bare.extend_from_slice(&jpeg[after_jfif..]);
        assert!(added(&bare).contains("no JFIF header"));
        // Fill bytes before a marker.
        let mut filled = jpeg[..after_jfif].to_vec();
        filled.push(0xFF);
        filled.extend_from_slice(&jpeg[after_jfif..]);
        assert!(added(&filled).contains("fill bytes"));
    }

    #[test]
    fn flat_images_are_plain_and_decode_to_zero_blocks() {
        for (w, h, n) in [(64, 48, 1), (70, 33, 3), (9, 9, 1)] {
            let jpeg = super::super::flat(w, h, n);
            let l = layout(&jpeg).unwrap();
            l.plain().unwrap();
            assert_eq!(
                (l.frame.width, l.frame.height, l.frame.components),
                (w, h, n)
            );
            let c = super::super::decode(&jpeg).unwrap();
            assert!(c
                .components
                .iter()
                .all(|x| x.blocks.iter().all(|b| *b == [0; 64])));
        }
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        let jpeg = demo();
        for n in 0..jpeg.len().min(400) {
            let _ = layout(&jpeg[..n]);
        }
        assert!(matches!(
            layout(b"not a jpeg"),
            Err(crate::jpeg::JpegError::Invalid(..))
        ));
        assert!(matches!(
            layout(&[0xFF, 0xD8, 0xFF, 0xD9]),
            Err(crate::jpeg::JpegError::Invalid(..))
        ));
    }
}
