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

/// Every leaf's salt, as the seeds in a disclosure give them.
fn salts_from(d: &Disclosure, visible: &[bool]) -> Vec<Option<[u8; 32]>> {
    let mut out = vec![None; visible.len()];
    let mut seeds = d.seeds.iter();
    fn expand(lo: usize, hi: usize, s: &[u8; 32], out: &mut [Option<[u8; 32]>]) {
        if hi - lo == 1 {
            out[lo] = Some(*s);
            return;
        }
        let k = split(hi - lo);
        expand(lo, lo + k, &child(s, false), out);
        expand(lo + k, hi, &child(s, true), out);
    }
    fn walk<'a>(
        lo: usize,
        hi: usize,
        visible: &[bool],
        seeds: &mut impl Iterator<Item = &'a [u8; 32]>,
        out: &mut [Option<[u8; 32]>],
    ) {
        let shown = visible[lo..hi].iter().filter(|&&v| v).count();
        if shown == hi - lo {
            expand(lo, hi, seeds.next().unwrap(), out);
        } else if shown > 0 {
            let k = split(hi - lo);
            walk(lo, lo + k, visible, seeds, out);
            walk(lo + k, hi, visible, seeds, out);
        }
    }
    walk(0, visible.len(), visible, &mut seeds, &mut out);
    out
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
        let d = disclose(&c, &s, visible.clone());
        assert_eq!(
            rebuild(&c, (c.width, c.height), (0, 0), visible.clone(), &d).unwrap(),
            t
        );
        // The salts the seeds give are exactly the visible tiles'.
        let salts = salts_from(&d, &visible);
        for (i, v) in visible.iter().enumerate() {
            assert_eq!(salts[i].is_some(), *v, "tile {i}");
        }
        // Minimal: no seed or hash for a subtree that could be merged.
        if visible.iter().all(|&v| v) {
            assert_eq!((d.seeds.len(), d.hashes.len()), (1, 0));
        }
    }
}

#[test]
fn a_changed_visible_tile_or_a_changed_disclosure_does_not_rebuild_the_root() {
    let c = photo();
    let s = seed(9);
    let t = root(&c, &s);
    let visible: Vec<bool> = (0..20).map(|j| j % 3 != 0).collect();
    let d = disclose(&c, &s, visible.clone());
    let size = (c.width, c.height);
    // One coefficient of a visible tile (tile 1: luma blocks 8..16 of
    // row 0).
    let mut edited = c.clone();
    edited.components[0].blocks[9][10] -= 1;
    assert_ne!(
        rebuild(&edited, size, (0, 0), visible.clone(), &d).unwrap(),
        t
    );
    // A hidden tile (tile 0) may hold anything: it is not read.
    let mut hidden = c.clone();
    hidden.components[0].blocks[0] = [0; 64];
    assert_eq!(
        rebuild(&hidden, size, (0, 0), visible.clone(), &d).unwrap(),
        t
    );
    // Another seed, another hash, one missing, one extra.
    let mut bad = d.clone();
    bad.seeds[0][0] ^= 1;
    assert_ne!(rebuild(&c, size, (0, 0), visible.clone(), &bad).unwrap(), t);
    let mut bad = d.clone();
    bad.hashes[0][31] ^= 1;
    assert_ne!(rebuild(&c, size, (0, 0), visible.clone(), &bad).unwrap(), t);
    let mut bad = d.clone();
    bad.hashes.pop();
    assert!(rebuild(&c, size, (0, 0), visible.clone(), &bad).is_err());
    let mut bad = d.clone();
    bad.seeds.push([0; 32]);
    assert!(rebuild(&c, size, (0, 0), visible.clone(), &bad).is_err());
    // Claiming a hidden tile visible needs its salt, which is not there.
    let mut more = visible.clone();
    more[0] = true;
    assert!(rebuild(&c, size, (0, 0), more, &d).map_or(true, |x| x != t));
}
