//! The tile root `T` of a JPEG (attestation v2) and the disclosure of a
//! part of it: what lets a newsroom publish a redacted, cropped photo that
//! anyone can check against the capture device's signature.
//!
//! The image is cut into tiles of whole MCUs, about 64 pixels square. Each
//! tile's quantized DCT coefficients are hashed with a salt into a leaf;
//! the leaves form a SHA-256 Merkle tree; `T` hashes the
//! tree's root with a header that fixes the dimensions, sampling,
//! quantization tables and tile size. The salts come from a per-capture
//! secret seed through a binary tree of HKDF expansions shaped like the
//! Merkle tree, so revealing the salts of any set of tiles takes one key
//! per whole subtree, and a hidden tile's salt stays unknown: its leaf
//! hash says nothing about its content.
//!
//! The tree follows the image: each node is a rectangle of tiles, split
//! across its longer side, so a crop or a redaction (a rectangle) is
//! disclosed with about as many keys and hashes as its edge is long.
//!
//! docs/formats.md §10 is the specification, with vectors.

use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::jpeg::{Coefficients, Region};
use crate::ProofError;

/// A tile's nominal size in pixels: the MCUs that fit, at least one.
pub const TILE_PIXELS: usize = 64;
/// What `T` starts with, after its one-byte tag.
pub const DOMAIN: &[u8] = b"darkroom tiles v2";

/// A 32-byte hash.
pub type Hash = [u8; 32];

/// How an image is cut into tiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grid {
    /// A tile's width in MCUs.
    pub tile_w: usize,
    /// A tile's height in MCUs.
    pub tile_h: usize,
    /// Tiles across.
    pub cols: usize,
    /// Tiles down.
    pub rows: usize,
    /// An MCU's size in pixels.
    pub mcu: (usize, usize),
}

impl Grid {
    /// The grid of an image `width` by `height` pixels with MCUs of
    /// `mcu` pixels.
    pub fn new(width: usize, height: usize, mcu: (usize, usize)) -> Grid {
        let tile_w = TILE_PIXELS.div_ceil(mcu.0).max(1);
        let tile_h = TILE_PIXELS.div_ceil(mcu.1).max(1);
        Grid {
            tile_w,
            tile_h,
            cols: width.div_ceil(mcu.0 * tile_w),
            rows: height.div_ceil(mcu.1 * tile_h),
            mcu,
        }
    }

    /// How many tiles.
    pub fn count(&self) -> usize {
        self.cols * self.rows
    }

    /// A tile's size in pixels (edge tiles may hold less of the image).
    pub fn tile_pixels(&self) -> (usize, usize) {
        (self.tile_w * self.mcu.0, self.tile_h * self.mcu.1)
    }

    /// Tile `(col, row)`'s MCUs, shifted by `origin` tiles.
    fn region(&self, col: usize, row: usize, origin: (usize, usize)) -> Region {
        Region {
            x: (col - origin.0) * self.tile_w,
            y: (row - origin.1) * self.tile_h,
            w: self.tile_w,
            h: self.tile_h,
        }
    }
}

/// The secret a capture device draws for each photo; every tile's salt
/// comes from it. It leaves the device only inside the source's sealed
/// envelope.
#[derive(Clone, PartialEq, Eq)]
pub struct Seed(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for Seed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Seed(…)")
    }
}

impl Seed {
    /// A fresh random seed.
    pub fn random() -> Seed {
        use rand::RngCore;
        let mut s = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(&mut s[..]);
        Seed(s)
    }

    /// A seed from its bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Seed {
        Seed(Zeroizing::new(bytes))
    }

    /// Its bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// 64 hex digits.
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(&self.0[..]))
    }

    /// Parses 64 hex digits.
    pub fn from_hex(s: &str) -> Option<Seed> {
        let mut out = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(s.trim(), &mut out[..]).ok()?;
        Some(Seed(out))
    }
}

impl serde::Serialize for Seed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> serde::Deserialize<'de> for Seed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Seed, D::Error> {
        let s = Zeroizing::new(String::deserialize(d)?);
        Seed::from_hex(&s).ok_or_else(|| serde::de::Error::custom("a tile seed is 64 hex digits"))
    }
}

/// A node's key: 16 bytes, from which its children's keys come. A leaf's
/// key is its tile's salt.
pub type Key = [u8; 16];

/// The root node's key, from the capture's seed.
fn root_key(seed: &Seed) -> Zeroizing<Key> {
    let mut out = Zeroizing::new([0u8; 16]);
    if let Ok(h) = Hkdf::<Sha256>::from_prk(seed.as_bytes()) {
        let _ = h.expand(b"darkroom tiles v2 root", &mut out[..]);
    }
    out
}

/// A node's key → its first or second child's (HKDF-SHA-256).
fn child(key: &Key, second: bool) -> Zeroizing<Key> {
    let mut out = Zeroizing::new([0u8; 16]);
    let info: &[u8] = if second {
        b"darkroom tiles v2 second"
    } else {
        b"darkroom tiles v2 first"
    };
    // 16 bytes is a valid output length for SHA-256.
    let _ = Hkdf::<Sha256>::new(None, key).expand(info, &mut out[..]);
    out
}

/// The largest power of two below `n` (n > 1).
fn split(n: usize) -> usize {
    debug_assert!(n > 1);
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// A rectangle of tiles: a node of the tree. The root is the whole grid;
/// a node of more than one tile splits across its longer side (across
/// columns on a tie) after the largest power of two below that length,
/// into a first (left or top) and a second child.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    cols: (usize, usize),
    rows: (usize, usize),
}

impl Span {
    fn halves(self) -> Option<(Span, Span)> {
        let (w, h) = (self.cols.1 - self.cols.0, self.rows.1 - self.rows.0);
        if w * h <= 1 {
            None
        } else if w >= h {
            let m = self.cols.0 + split(w);
            Some((
                Span {
                    cols: (self.cols.0, m),
                    ..self
                },
                Span {
                    cols: (m, self.cols.1),
                    ..self
                },
            ))
        } else {
            let m = self.rows.0 + split(h);
            Some((
                Span {
                    rows: (self.rows.0, m),
                    ..self
                },
                Span {
                    rows: (m, self.rows.1),
                    ..self
                },
            ))
        }
    }

    fn tiles(&self) -> usize {
        (self.cols.1 - self.cols.0) * (self.rows.1 - self.rows.0)
    }
}

fn node(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The header `T` binds: dimensions, each component's sampling and
/// quantization table, and the tile size.
pub fn header(c: &Coefficients, width: u16, height: u16, grid: &Grid) -> Vec<u8> {
    let mut out = Vec::with_capacity(7 + c.components.len() * 130);
    out.extend_from_slice(&width.to_be_bytes());
    out.extend_from_slice(&height.to_be_bytes());
    out.push(c.components.len() as u8);
    for comp in &c.components {
        out.push(comp.h);
        out.push(comp.v);
        let table = c.quant[usize::from(comp.tq)].unwrap_or([0; 64]);
        table
            .iter()
            .for_each(|q| out.extend_from_slice(&q.to_be_bytes()));
    }
    out.push(grid.tile_w as u8);
    out.push(grid.tile_h as u8);
    out
}

/// `T` from the header and the tiles' Merkle root.
pub fn tile_root(header: &[u8], tree: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([2u8]);
    h.update(DOMAIN);
    h.update(header);
    h.update(tree);
    h.finalize().into()
}

/// Tile `index`'s leaf: its salt and the coefficients of the blocks that
/// hold image data in `region` of `c`, component by component, row by
/// row, each block as its length up to the last non-zero coefficient and
/// those coefficients (zigzag order, 16-bit big-endian).
pub fn leaf(index: usize, salt: &Key, c: &Coefficients, region: Region) -> Hash {
    let mut bytes = Vec::with_capacity(4096);
    bytes.push(0u8);
    bytes.extend_from_slice(&(index as u32).to_be_bytes());
    bytes.extend_from_slice(salt);
    for (i, comp) in c.components.iter().enumerate() {
        let (x0, y0, x1, y1) = c.blocks_in(i, region, true);
        for y in y0..y1 {
            for block in &comp.blocks[y * comp.stride + x0..y * comp.stride + x1] {
                let n = block.iter().rposition(|&v| v != 0).map_or(0, |p| p + 1);
                bytes.push(n as u8);
                block[..n]
                    .iter()
                    .for_each(|v| bytes.extend_from_slice(&v.to_be_bytes()));
            }
        }
    }
    Sha256::digest(&bytes).into()
}

/// Which tiles a verifier sees, and where they sit in the image it has.
struct View<'a> {
    grid: Grid,
    /// The coefficients holding the visible tiles.
    image: &'a Coefficients,
    /// The tile of the original at `image`'s top left.
    origin: (usize, usize),
    /// Visible tiles above and left of each grid point, `(cols + 1) ×
    /// (rows + 1)`, to count the visible tiles of a span at once.
    before: Vec<usize>,
}

impl<'a> View<'a> {
    fn new(
        grid: Grid,
        image: &'a Coefficients,
        origin: (usize, usize),
        visible: &[bool],
    ) -> View<'a> {
        let w = grid.cols + 1;
        let mut before = vec![0usize; w * (grid.rows + 1)];
        for r in 0..grid.rows {
            for c in 0..grid.cols {
                before[(r + 1) * w + c + 1] = usize::from(visible[r * grid.cols + c])
                    + before[r * w + c + 1]
                    + before[(r + 1) * w + c]
                    - before[r * w + c];
            }
        }
        View {
            grid,
            image,
            origin,
            before,
        }
    }

    fn whole(&self) -> Span {
        Span {
            cols: (0, self.grid.cols),
            rows: (0, self.grid.rows),
        }
    }

    fn shown(&self, s: Span) -> usize {
        let w = self.grid.cols + 1;
        let at = |c: usize, r: usize| self.before[r * w + c];
        at(s.cols.1, s.rows.1) + at(s.cols.0, s.rows.0)
            - at(s.cols.0, s.rows.1)
            - at(s.cols.1, s.rows.0)
    }

    /// The hash of span `s`, all visible, its key `key`.
    fn subtree(&self, s: Span, key: &Key) -> Hash {
        match s.halves() {
            None => {
                let (col, row) = (s.cols.0, s.rows.0);
                let region = self.grid.region(col, row, self.origin);
                leaf(row * self.grid.cols + col, key, self.image, region)
            }
            Some((a, b)) => node(
                &self.subtree(a, &child(key, false)),
                &self.subtree(b, &child(key, true)),
            ),
        }
    }
}

/// The root `T` of a whole image's tiles.
pub fn root(c: &Coefficients, seed: &Seed) -> Hash {
    let grid = Grid::new(c.width.into(), c.height.into(), c.mcu_pixels());
    let view = View::new(grid, c, (0, 0), &vec![true; grid.count()]);
    let tree = view.subtree(view.whole(), &root_key(seed));
    tile_root(&header(c, c.width, c.height, &grid), &tree)
}

/// What reveals the visible tiles and nothing of the rest: the keys of the
/// largest subtrees whose tiles are all visible, and the hashes of the
/// largest subtrees whose tiles are all hidden, each list in depth-first
/// order, first child first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Disclosure {
    /// Keys of whole visible subtrees.
    pub keys: Vec<Key>,
    /// Hashes of whole hidden subtrees.
    pub hashes: Vec<Hash>,
}

/// The disclosure for the tiles of `original` marked in `visible` (row by
/// row).
pub fn disclose(original: &Coefficients, seed: &Seed, visible: &[bool]) -> Disclosure {
    let grid = Grid::new(
        original.width.into(),
        original.height.into(),
        original.mcu_pixels(),
    );
    let view = View::new(grid, original, (0, 0), visible);
    let mut out = Disclosure::default();
    fn walk(v: &View<'_>, s: Span, key: &Key, out: &mut Disclosure) -> Hash {
        let shown = v.shown(s);
        if shown == s.tiles() {
            out.keys.push(*key);
            v.subtree(s, key)
        } else if shown == 0 {
            let h = v.subtree(s, key);
            out.hashes.push(h);
            h
        } else {
            let Some((a, b)) = s.halves() else {
                unreachable!("a single tile is all shown or all hidden")
            };
            let first = walk(v, a, &child(key, false), out);
            let second = walk(v, b, &child(key, true), out);
            node(&first, &second)
        }
    }
    walk(&view, view.whole(), &root_key(seed), &mut out);
    out
}

/// Rebuilds `T` from a published image holding the visible tiles of an
/// original `width` by `height` pixels, its top-left tile being `origin`,
/// and the disclosure. Every key and hash must be used, once.
pub fn rebuild(
    image: &Coefficients,
    (width, height): (u16, u16),
    origin: (usize, usize),
    visible: &[bool],
    disclosure: &Disclosure,
) -> Result<Hash, ProofError> {
    let grid = Grid::new(width.into(), height.into(), image.mcu_pixels());
    if visible.len() != grid.count() {
        return Err(ProofError::Publication(
            "the tile map does not fit the image".into(),
        ));
    }
    let view = View::new(grid, image, origin, visible);
    let mut keys = disclosure.keys.iter();
    let mut hashes = disclosure.hashes.iter();
    fn walk<'a>(
        v: &View<'_>,
        s: Span,
        keys: &mut impl Iterator<Item = &'a Key>,
        hashes: &mut impl Iterator<Item = &'a Hash>,
    ) -> Option<Hash> {
        let shown = v.shown(s);
        if shown == s.tiles() {
            Some(v.subtree(s, keys.next()?))
        } else if shown == 0 {
            hashes.next().copied()
        } else {
            let (a, b) = s.halves()?;
            let first = walk(v, a, keys, hashes)?;
            let second = walk(v, b, keys, hashes)?;
            Some(node(&first, &second))
        }
    }
    let short = || ProofError::Publication("the disclosure is cut short".into());
    let tree = walk(&view, view.whole(), &mut keys, &mut hashes).ok_or_else(short)?;
    if keys.next().is_some() || hashes.next().is_some() {
        return Err(ProofError::Publication(
            "the disclosure holds more than the tiles need".into(),
        ));
    }
    Ok(tile_root(&header(image, width, height, &grid), &tree))
}

#[cfg(test)]
mod tests;
