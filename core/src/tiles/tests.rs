//! The tile root and its disclosures, on the demo photo (320×240, 4:2:0:
//! 5×4 tiles of 4×4 MCUs).

use super::*;
use crate::jpeg;

fn photo() -> Coefficients {
    jpeg::decode(include_bytes!("../../../assets/demo-photo.jpg")).unwrap()
}

fn seed(b: u8) -> Seed {
    Seed::from_bytes([b; 32])
}

#[test]
fn the_grid_is_tiles_of_whole_mcus_about_64_pixels() {
    let c = photo();
    let g = Grid::new(c.width.into(), c.height.into(), c.mcu_pixels());
    assert_eq!((g.tile_w, g.tile_h, g.cols, g.rows), (4, 4, 5, 4));
    assert_eq!(Grid::new(100, 70, (8, 8)).count(), 2 * 2);
    assert_eq!(Grid::new(100, 70, (16, 8)).tile_pixels(), (64, 64));
    assert_eq!(Grid::new(1, 1, (24, 8)).tile_pixels(), (72, 64));
}

#[test]
fn the_root_depends_on_every_coefficient_the_seed_and_the_header() {
    let c = photo();
    let t = root(&c, &seed(1));
    assert_eq!(t, root(&c, &seed(1)));
    assert_ne!(t, root(&c, &seed(2)));
    for (comp, block, k) in [(0, 0, 0), (0, 1199, 63), (1, 150, 7), (2, 299, 1)] {
        let mut edited = c.clone();
        edited.components[comp].blocks[block][k] += 1;
        assert_ne!(t, root(&edited, &seed(1)), "{comp} {block} {k}");
    }
    let mut requantized = c.clone();
    requantized.quant[0].as_mut().unwrap()[0] += 1;
    assert_ne!(t, root(&requantized, &seed(1)));
}

/// Every leaf's salt, as the keys in a disclosure give them.
fn salts_from(d: &Disclosure, visible: &[bool], cols: usize, rows: usize) -> Vec<Option<Key>> {
    let mut out = vec![None; visible.len()];
    let mut keys = d.keys.iter();
    fn expand(s: Span, k: &Key, cols: usize, out: &mut [Option<Key>]) {
        match s.halves() {
            None => out[s.rows.0 * cols + s.cols.0] = Some(*k),
            Some((a, b)) => {
                expand(a, &child(k, false), cols, out);
                expand(b, &child(k, true), cols, out);
            }
        }
    }
    fn walk<'a>(
        s: Span,
        visible: &[bool],
        cols: usize,
        keys: &mut impl Iterator<Item = &'a Key>,
        out: &mut [Option<Key>],
    ) {
        let mut shown = 0;
        for r in s.rows.0..s.rows.1 {
            for c in s.cols.0..s.cols.1 {
                shown += usize::from(visible[r * cols + c]);
            }
        }
        if shown == s.tiles() {
            expand(s, keys.next().unwrap(), cols, out);
        } else if shown > 0 {
            let (a, b) = s.halves().unwrap();
            walk(a, visible, cols, keys, out);
            walk(b, visible, cols, keys, out);
        }
    }
    let whole = Span {
        cols: (0, cols),
        rows: (0, rows),
    };
    walk(whole, visible, cols, &mut keys, &mut out);
    out
}

#[test]
fn spans_split_across_the_longer_side_at_a_power_of_two() {
    let s = Span {
        cols: (0, 5),
        rows: (0, 4),
    };
    let (a, b) = s.halves().unwrap();
    assert_eq!((a.cols, b.cols, a.rows), ((0, 4), (4, 5), (0, 4)));
    let (c, d) = b.halves().unwrap();
    assert_eq!((c.rows, d.rows), ((0, 2), (2, 4)));
    assert!(Span {
        cols: (3, 4),
        rows: (1, 2)
    }
    .halves()
    .is_none());
}

#[test]
fn any_set_of_visible_tiles_rebuilds_the_root_and_reveals_no_other_salt() {
    let c = photo();
    let s = seed(7);
    let t = root(&c, &s);
    let n = 20;
    // Every tile alone, a row, a column, everything, and scattered sets.
    let mut sets: Vec<Vec<bool>> = (0..n).map(|i| (0..n).map(|j| j == i).collect()).collect();
    sets.push((0..n).map(|j| j / 5 == 2).collect());
    sets.push((0..n).map(|j| j % 5 == 3).collect());
    sets.push(vec![true; n]);
    for m in [3usize, 7, 11] {
        sets.push((0..n).map(|j| (j * m) % 13 < 6).collect());
    }
    for visible in sets {
        let d = disclose(&c, &s, &visible);
        assert_eq!(
            rebuild(&c, (c.width, c.height), (0, 0), &visible, &d).unwrap(),
            t
        );
        // The salts the keys give are exactly the visible tiles'.
        let salts = salts_from(&d, &visible, 5, 4);
        for (i, v) in visible.iter().enumerate() {
            assert_eq!(salts[i].is_some(), *v, "tile {i}");
        }
        // Minimal: no key or hash for a subtree that could be merged.
        if visible.iter().all(|&v| v) {
            assert_eq!((d.keys.len(), d.hashes.len()), (1, 0));
        }
    }
}

#[test]
fn a_changed_visible_tile_or_a_changed_disclosure_does_not_rebuild_the_root() {
    let c = photo();
    let s = seed(9);
    let t = root(&c, &s);
    let visible: Vec<bool> = (0..20).map(|j| j % 3 != 0).collect();
    let d = disclose(&c, &s, &visible);
    let size = (c.width, c.height);
    // One coefficient of a visible tile (tile 1: luma blocks 8..16 of
    // row 0).
    let mut edited = c.clone();
    edited.components[0].blocks[9][10] -= 1;
    assert_ne!(rebuild(&edited, size, (0, 0), &visible, &d).unwrap(), t);
    // A hidden tile (tile 0) may hold anything: it is not read.
    let mut hidden = c.clone();
    hidden.components[0].blocks[0] = [0; 64];
    assert_eq!(rebuild(&hidden, size, (0, 0), &visible, &d).unwrap(), t);
    // Another key, another hash, one missing, one extra.
    let mut bad = d.clone();
    bad.keys[0][0] ^= 1;
    assert_ne!(rebuild(&c, size, (0, 0), &visible, &bad).unwrap(), t);
    let mut bad = d.clone();
    bad.hashes[0][31] ^= 1;
    assert_ne!(rebuild(&c, size, (0, 0), &visible, &bad).unwrap(), t);
    let mut bad = d.clone();
    bad.hashes.pop();
    assert!(matches!(
        rebuild(&c, size, (0, 0), &visible, &bad),
        Err(crate::ProofError::Publication(..))
    ));
    let mut bad = d.clone();
    bad.keys.push([0; 16]);
    assert!(matches!(
        rebuild(&c, size, (0, 0), &visible, &bad),
        Err(crate::ProofError::Publication(..))
    ));
    // Claiming a hidden tile visible needs its salt, which is not there.
    let mut more = visible.clone();
    more[0] = true;
    assert!(rebuild(&c, size, (0, 0), &more, &d).map_or(true, |x| x != t));
}
