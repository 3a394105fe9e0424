//! Publications: a redacted and cropped photo, and what proves it an
//! untouched part of a signed capture.
//!
//! The newsroom, offline, holds the source's photo, the opening of the
//! proof's commitment and the capture's tile seed (both from the sealed
//! envelope). [`publish`] crops the photo at tile boundaries, blanks the
//! redacted tiles (every coefficient zero: flat grey), writes the rest
//! losslessly, and discloses the visible tiles' salts and the hidden
//! tiles' hashes ([`crate::tiles`]). [`Publication::check_image`] rebuilds
//! `T` from a published image, and checks it against the proof's
//! commitment; the proof itself is checked like any other
//! ([`crate::provenance::check`]).

use std::str::FromStr;

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::bundle::Bundle;
use crate::digest::{ContentDigest, Opening};
use crate::jpeg::{self, Region};
use crate::tiles::{self, Disclosure, Grid, Seed};
use crate::ProofError;

/// The `format` of a publication bundle.
pub const FORMAT: &str = "darkroom-publication";
/// The publication bundle's version.
pub const VERSION: u32 = 1;
/// The most hidden areas a publication may list.
pub const MAX_HIDDEN: usize = 4096;
/// The largest image, in pixels, checked or published: 8192 × 8192 (a
/// 50-megapixel phone photo fits). Its coefficients take at most 6 bytes
/// a pixel (4:4:4), so one check holds at most about 400 MB.
pub const MAX_PIXELS: usize = 1 << 26;

/// Refuses an image larger than [`MAX_PIXELS`], from its frame header
/// alone, before any memory is taken for its coefficients.
pub fn check_size(jpeg: &[u8], what: &str) -> Result<jpeg::Layout, ProofError> {
    let layout = jpeg::layout(jpeg).map_err(|e| err(format!("cannot read the {what}: {e}")))?;
    let f = layout.frame;
    if f.pixels() > MAX_PIXELS {
        return Err(err(format!(
            "the {what} is {}×{} pixels, more than the {} megapixels checked here",
            f.width,
            f.height,
            MAX_PIXELS >> 20
        )));
    }
    Ok(layout)
}

/// A JPEG's coefficients, decoded only once [`check_size`] has bounded it:
/// for an image from anyone (a reader's, a verify page's upload).
pub fn decode_bounded(jpeg: &[u8], what: &str) -> Result<jpeg::Coefficients, ProofError> {
    check_size(jpeg, what)?;
    jpeg::decode(jpeg).map_err(|e| err(format!("cannot read the {what}: {e}")))
}

fn err(detail: impl Into<String>) -> ProofError {
    ProofError::Publication(detail.into())
}

/// What `newsroom open` keeps beside a photo sealed with a version 2
/// attestation, and `darkroom publish` needs: the opening of the proof's
/// commitment and the tile seed. Secret until published: with the photo,
/// it links the proof to the submission.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kept {
    /// [`KEPT_FORMAT`].
    pub format: String,
    /// `C`.
    pub commitment: crate::digest::Commitment,
    /// `r`.
    pub opening: Opening,
    /// The seed and tile root.
    pub tiles: crate::envelope::SealedTiles,
}

/// The `format` of a [`Kept`] file.
pub const KEPT_FORMAT: &str = "darkroom-opening";

impl Kept {
    /// What to keep for an opened envelope, if its photo can be published.
    pub fn of(opened: &crate::envelope::Opened) -> Option<Kept> {
        let m = &opened.manifest;
        Some(Kept {
            format: KEPT_FORMAT.into(),
            commitment: opened.commitment,
            opening: m.opening.clone(),
            tiles: m.tiles.clone()?,
        })
    }

    /// The JSON form.
    pub fn to_json(&self) -> zeroize::Zeroizing<String> {
        let mut out =
            zeroize::Zeroizing::new(serde_json::to_string_pretty(self).unwrap_or_default());
        out.push('\n');
        out
    }

    /// Parses the JSON form.
    pub fn from_json(text: &str) -> Result<Kept, ProofError> {
        let k: Kept = serde_json::from_str(text).map_err(|e| {
            err(format!(
                "this is not an opening file that `newsroom open` wrote: {e}"
            ))
        })?;
        if k.format != KEPT_FORMAT {
            return Err(err(
                "this is not an opening file that `newsroom open` wrote",
            ));
        }
        Ok(k)
    }
}

/// A rectangle in pixels: `X,Y,W,H`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    /// Left edge.
    pub x: usize,
    /// Top edge.
    pub y: usize,
    /// Width.
    pub w: usize,
    /// Height.
    pub h: usize,
}

impl FromStr for Rect {
    type Err = ProofError;
    fn from_str(s: &str) -> Result<Rect, ProofError> {
        let bad = || {
            err(format!(
                "{s:?} is not a rectangle: give X,Y,WIDTH,HEIGHT in pixels"
            ))
        };
        let v: Vec<usize> = s
            .split(',')
            .map(|p| p.trim().parse().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        match v[..] {
            [x, y, w, h] if w > 0 && h > 0 => Ok(Rect { x, y, w, h }),
            _ => Err(bad()),
        }
    }
}

impl std::fmt::Display for Rect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{},{},{}", self.x, self.y, self.w, self.h)
    }
}

/// A rectangle of tiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tiles {
    /// First column.
    pub col: usize,
    /// First row.
    pub row: usize,
    /// Columns.
    pub cols: usize,
    /// Rows.
    pub rows: usize,
}

impl Tiles {
    /// The tiles covering `r`, clipped to the grid (`None` if it misses
    /// the image).
    fn covering(grid: &Grid, r: &Rect) -> Option<Tiles> {
        let (tw, th) = grid.tile_pixels();
        let col = r.x / tw;
        let row = r.y / th;
        let end_col = (r.x + r.w).div_ceil(tw).min(grid.cols);
        let end_row = (r.y + r.h).div_ceil(th).min(grid.rows);
        (col < end_col && row < end_row).then(|| Tiles {
            col,
            row,
            cols: end_col - col,
            rows: end_row - row,
        })
    }

    /// In pixels, clipped to an image `size`.
    pub fn pixels(&self, grid: &Grid, size: (usize, usize)) -> Rect {
        let (tw, th) = grid.tile_pixels();
        let (x, y) = (self.col * tw, self.row * th);
        Rect {
            x,
            y,
            w: ((self.col + self.cols) * tw).min(size.0) - x,
            h: ((self.row + self.rows) * th).min(size.1) - y,
        }
    }
}

/// The original's size in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    /// Width.
    pub width: u16,
    /// Height.
    pub height: u16,
}

/// A publication bundle: the proof, the opening of its commitment to `T`,
/// and the disclosure of the published tiles.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The signed capture's size.
    pub original: Size,
    /// The tiles the published image holds.
    pub crop: Tiles,
    /// Tiles inside the crop that the publisher hid (blank in the image).
    pub hidden: Vec<Tiles>,
    /// Keys of the largest wholly visible subtrees, 16 bytes each,
    /// base64.
    pub keys: String,
    /// Hashes of the largest wholly hidden subtrees, 32 bytes each, base64.
    pub hashes: String,
    /// `r`: the opening of the proof's commitment `C = Poseidon(T, r)`.
    pub opening: Opening,
    /// The provenance proof (a proof bundle, JSON).
    pub proof: serde_json::Value,
}

/// What a check of a published image established.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The proof, whose commitment is to this image's `T`.
    pub bundle: Bundle,
    /// Tiles shown.
    pub shown: usize,
    /// Tiles in the capture.
    pub total: usize,
    /// Tiles the publisher hid inside the crop.
    pub hidden: usize,
    /// Where the published image sits in the capture, in pixels.
    pub region: Rect,
    /// The hidden areas, in pixels of the published image.
    pub hidden_areas: Vec<Rect>,
    /// The capture's size.
    pub original: Size,
    /// The verified coefficients: what a page draws ([`Checked::drawing`]),
    /// never the bytes it was given.
    pub image: jpeg::Coefficients,
}

impl Checked {
    /// The image to show a reader: a JPEG written afresh from the verified
    /// coefficients alone ([`jpeg::write`]), so what is drawn is exactly
    /// what was verified, whatever else the checked file held.
    pub fn drawing(&self) -> Result<Vec<u8>, ProofError> {
        jpeg::write(&self.image).map_err(|e| err(format!("cannot draw the image: {e}")))
    }

    /// "N of M tiles shown; …", in words.
    pub fn describe(&self) -> String {
        let Size { width, height } = self.original;
        let r = &self.region;
        let mut out = format!(
            "{} of {} tiles shown; the rest hidden by the publisher. The image is the part of a {width}×{height} capture from ({}, {}), {}×{} pixels",
            self.shown, self.total, r.x, r.y, r.w, r.h
        );
        if self.hidden > 0 {
            out.push_str(&format!(
                ", with {} tile{} inside it blanked",
                self.hidden,
                if self.hidden == 1 { "" } else { "s" }
            ));
        }
        out
    }
}

fn pack<const N: usize>(items: &[[u8; N]]) -> String {
    base64::engine::general_purpose::STANDARD.encode(items.concat())
}

fn unpack<const N: usize>(s: &str, what: &str) -> Result<Vec<[u8; N]>, ProofError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s)
        .map_err(|_| err(format!("its {what} are not base64")))?;
    if bytes.len() % N != 0 {
        return Err(err(format!("its {what} are not {N}-byte values")));
    }
    Ok(bytes
        .chunks_exact(N)
        .map(|c| c.try_into().unwrap_or([0; N]))
        .collect())
}

/// What [`publish`] made.
pub struct Published {
    /// The published JPEG.
    pub jpeg: Vec<u8>,
    /// Its publication bundle.
    pub publication: Publication,
    /// The crop, snapped outward to tiles, in pixels of the original.
    pub crop: Rect,
    /// Each redaction, snapped outward to tiles, in pixels of the original
    /// (those outside the crop left out).
    pub redacted: Vec<Rect>,
    /// The check of the published image, as a verifier will see it.
    pub checked: Checked,
}

/// Publishes part of `original` (a JPEG whose tile root under `seed` is
/// what `proof` commits to with `opening`): cropped to the tiles covering
/// `crop` (the whole image if `None`), with the tiles covering each of
/// `redact` blanked.
pub fn publish(
    original: &[u8],
    seed: &Seed,
    opening: &Opening,
    proof: &Bundle,
    crop: Option<Rect>,
    redact: &[Rect],
) -> Result<Published, ProofError> {
    let c = decode_bounded(original, "photo")?;
    let t = tiles::root(&c, seed);
    if opening.commit(&ContentDigest(t)).0 != proof.public.commitment {
        return Err(err("the proof was not made for this photo with this opening and seed (its commitment differs): use the photo, opening and proof of one submission"));
    }
    let size = (usize::from(c.width), usize::from(c.height));
    let grid = Grid::new(size.0, size.1, c.mcu_pixels());
    let all = Tiles {
        col: 0,
        row: 0,
        cols: grid.cols,
        rows: grid.rows,
    };
    let crop_tiles = match crop {
        None => all,
        Some(r) => Tiles::covering(&grid, &r).ok_or_else(|| {
            err(format!(
                "the crop {r} lies outside the {}×{} photo",
                size.0, size.1
            ))
        })?,
    };
    let mut hidden = Vec::new();
    for r in redact {
        let Some(t) = Tiles::covering(&grid, r) else {
            return Err(err(format!(
                "the redaction {r} lies outside the {}×{} photo",
                size.0, size.1
            )));
        };
        // Only the part inside the crop is published.
        let col = t.col.max(crop_tiles.col);
        let row = t.row.max(crop_tiles.row);
        let end_col = (t.col + t.cols).min(crop_tiles.col + crop_tiles.cols);
        let end_row = (t.row + t.rows).min(crop_tiles.row + crop_tiles.rows);
        if col < end_col && row < end_row {
            hidden.push(Tiles {
                col,
                row,
                cols: end_col - col,
                rows: end_row - row,
            });
        }
    }
    let visible = visible_map(&grid, &crop_tiles, &hidden);
    if !visible.iter().any(|&v| v) {
        return Err(err(
            "nothing would be shown: every tile of the crop is redacted",
        ));
    }
    let region = |t: &Tiles| Region {
        x: (t.col - crop_tiles.col) * grid.tile_w,
        y: (t.row - crop_tiles.row) * grid.tile_h,
        w: t.cols * grid.tile_w,
        h: t.rows * grid.tile_h,
    };
    let mut cropped = c
        .crop(Region {
            x: crop_tiles.col * grid.tile_w,
            y: crop_tiles.row * grid.tile_h,
            w: crop_tiles.cols * grid.tile_w,
            h: crop_tiles.rows * grid.tile_h,
        })
        .map_err(|e| err(e.to_string()))?;
    for t in &hidden {
        cropped.blank(region(t));
    }
    let out = jpeg::write(&cropped).map_err(|e| err(format!("cannot write the image: {e}")))?;
    let Disclosure { keys, hashes } = tiles::disclose(&c, seed, &visible);
    let publication = Publication {
        format: FORMAT.into(),
        version: VERSION,
        original: Size {
            width: c.width,
            height: c.height,
        },
        crop: crop_tiles,
        hidden: hidden.clone(),
        keys: pack(&keys),
        hashes: pack(&hashes),
        opening: opening.clone(),
        proof: serde_json::from_str(&proof.to_json()).map_err(|e| err(e.to_string()))?,
    };
    // Check it as a verifier will, before anything is written.
    let checked = publication.check_image(&out)?;
    Ok(Published {
        jpeg: out,
        crop: crop_tiles.pixels(&grid, size),
        redacted: hidden.iter().map(|t| t.pixels(&grid, size)).collect(),
        publication,
        checked,
    })
}

/// Which tiles of the grid are shown: inside the crop and in no hidden
/// area (row by row). The work is the crop's area and the hidden areas'.
fn visible_map(grid: &Grid, crop: &Tiles, hidden: &[Tiles]) -> Vec<bool> {
    let mut map = vec![false; grid.count()];
    let mut set = |t: &Tiles, v: bool| {
        for row in t.row..(t.row + t.rows).min(grid.rows) {
            for col in t.col..(t.col + t.cols).min(grid.cols) {
                map[row * grid.cols + col] = v;
            }
        }
    };
    set(crop, true);
    for h in hidden {
        set(h, false);
    }
    map
}

impl Publication {
    /// The JSON form.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Parses the JSON form.
    pub fn from_json(text: &str) -> Result<Publication, ProofError> {
        let p: Publication = serde_json::from_str(text)
            .map_err(|e| err(format!("this is not a valid publication bundle: {e}")))?;
        if p.format != FORMAT {
            return Err(err("this is not a Darkroom publication bundle"));
        }
        if p.version != VERSION {
            return Err(err(format!(
                "this publication bundle has version {}, which this version of Darkroom does not know",
                p.version
            )));
        }
        Ok(p)
    }

    /// Whether `text` looks like a publication bundle (and not a plain
    /// proof bundle).
    pub fn sniff(text: &[u8]) -> bool {
        let head = &text[..text.len().min(4096)];
        memchr::memmem::find(head, FORMAT.as_bytes()).is_some()
    }

    /// Checks `jpeg` against this publication: it must be plain (nothing
    /// but its coefficients can reach a decoder's drawing: see
    /// [`jpeg::layout`]), the crop's size, every hidden tile must be
    /// blank, and the visible tiles with the disclosed salts and hashes
    /// must rebuild the `T` the proof commits to. The proof itself is not
    /// checked here.
    ///
    /// The cheap checks come first: the image's size is bounded by the
    /// crop before a coefficient is decoded, and the hidden areas by the
    /// crop's area before any is looked at.
    pub fn check_image(&self, jpeg: &[u8]) -> Result<Checked, ProofError> {
        let bundle = Bundle::from_json(&self.proof.to_string())?;
        let layout = check_size(jpeg, "published image")?;
        if let Err(what) = layout.plain() {
            return Err(err(format!(
                "the image is NOT exactly what was verified: it holds {what}, which can change what a reader sees beyond the verified coefficients; a published image carries nothing else (publish the file `darkroom publish` wrote)"
            )));
        }
        let frame = layout.frame;
        let Size { width, height } = self.original;
        let size = (usize::from(width), usize::from(height));
        let grid = Grid::new(size.0, size.1, frame.mcu);
        let crop = self.crop;
        let inside = |t: &Tiles, within: &Tiles| {
            t.cols > 0
                && t.rows > 0
                && t.col >= within.col
                && t.row >= within.row
                && t.col
                    .checked_add(t.cols)
                    .is_some_and(|e| e <= within.col + within.cols)
                && t.row
                    .checked_add(t.rows)
                    .is_some_and(|e| e <= within.row + within.rows)
        };
        let all = Tiles {
            col: 0,
            row: 0,
            cols: grid.cols,
            rows: grid.rows,
        };
        if !inside(&crop, &all) {
            return Err(err("its crop lies outside the capture"));
        }
        if self.hidden.len() > MAX_HIDDEN {
            return Err(err(format!("it hides more than {MAX_HIDDEN} areas")));
        }
        if !self.hidden.iter().all(|h| inside(h, &crop)) {
            return Err(err("a hidden area lies outside its crop"));
        }
        // Overlapping areas are allowed, but not without bound: the work
        // below grows with their total.
        let hidden_total: usize = self.hidden.iter().map(|h| h.cols * h.rows).sum();
        if hidden_total > 4 * crop.cols * crop.rows {
            return Err(err("its hidden areas overlap over and over"));
        }
        let region = crop.pixels(&grid, size);
        if (usize::from(frame.width), usize::from(frame.height)) != (region.w, region.h) {
            return Err(err(format!(
                "the image is {}×{} pixels, but the publication is of a {}×{} part of the capture: this is not the published image, or it was resized",
                frame.width, frame.height, region.w, region.h
            )));
        }
        let image =
            jpeg::decode(jpeg).map_err(|e| err(format!("cannot read the published image: {e}")))?;
        // A hidden tile must show nothing: all its coefficients zero.
        for h in &self.hidden {
            let r = Region {
                x: (h.col - crop.col) * grid.tile_w,
                y: (h.row - crop.row) * grid.tile_h,
                w: h.cols * grid.tile_w,
                h: h.rows * grid.tile_h,
            };
            for (i, comp) in image.components.iter().enumerate() {
                let (x0, y0, x1, y1) = image.blocks_in(i, r, true);
                for y in y0..y1 {
                    let row = &comp.blocks[y * comp.stride + x0..y * comp.stride + x1];
                    if row.iter().any(|b| b.iter().any(|&v| v != 0)) {
                        return Err(err("the image is NOT an untouched part of the signed capture: an area the publication says is hidden is not blank in the image (the image was altered)"));
                    }
                }
            }
        }
        let visible = visible_map(&grid, &crop, &self.hidden);
        let shown = visible.iter().filter(|&&v| v).count();
        let disclosure = Disclosure {
            keys: unpack(&self.keys, "keys")?,
            hashes: unpack(&self.hashes, "hashes")?,
        };
        let t = tiles::rebuild(
            &image,
            (width, height),
            (crop.col, crop.row),
            &visible,
            &disclosure,
        )?;
        if self.opening.commit(&ContentDigest(t)).0 != bundle.public.commitment {
            return Err(err("the image is NOT an untouched part of the signed capture: its tiles do not rebuild the value the proof commits to (the image or the bundle was altered)"));
        }
        let hidden = crop.cols * crop.rows - shown;
        let hidden_areas = self
            .hidden
            .iter()
            .map(|h| {
                let r = h.pixels(&grid, size);
                Rect {
                    x: r.x - region.x,
                    y: r.y - region.y,
                    ..r
                }
            })
            .collect();
        Ok(Checked {
            bundle,
            shown,
            total: grid.count(),
            hidden,
            region,
            hidden_areas,
            original: self.original,
            image,
        })
    }
}

#[cfg(test)]
mod tests;
