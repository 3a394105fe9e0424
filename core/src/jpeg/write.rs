//! Whole JPEG files from coefficients: cropped at MCU boundaries, with
//! regions blanked, and written as one sequential scan with optimal
//! Huffman tables, losslessly (every coefficient kept as it was).

use super::huffman::{self, Counter, HuffmanTable};
use super::{invalid, Coefficients, Component, JpegError, Scan};

/// A rectangle of MCUs: `x`, `y` the first column and row, `w`, `h` how
/// many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// First MCU column.
    pub x: usize,
    /// First MCU row.
    pub y: usize,
    /// MCU columns.
    pub w: usize,
    /// MCU rows.
    pub h: usize,
}

impl Coefficients {
    /// An MCU's width and height in pixels.
    pub fn mcu_pixels(&self) -> (usize, usize) {
        (8 * usize::from(self.h_max), 8 * usize::from(self.v_max))
    }

    /// MCUs across and down.
    pub fn mcu_grid(&self) -> (usize, usize) {
        self.mcus()
    }

    /// The blocks of component `i` inside `region`, clipped to the blocks
    /// that hold image data (`data`) or to whole MCUs (padding included),
    /// as (first column, first row, end column, end row).
    pub fn blocks_in(&self, i: usize, region: Region, data: bool) -> (usize, usize, usize, usize) {
        let comp = &self.components[i];
        let (h, v) = (usize::from(comp.h), usize::from(comp.v));
        let (wide, high) = if data {
            (comp.blocks_wide, comp.blocks_high)
        } else {
            (comp.stride, comp.rows)
        };
        let x0 = (region.x * h).min(wide);
        let y0 = (region.y * v).min(high);
        let x1 = ((region.x + region.w) * h).min(wide);
        let y1 = ((region.y + region.h) * v).min(high);
        (x0, y0, x1, y1)
    }

    /// Sets every coefficient in `region` to zero, padding included: the
    /// region decodes as flat mid-grey and keeps nothing of what was there.
    pub fn blank(&mut self, region: Region) {
        for i in 0..self.components.len() {
            let (x0, y0, x1, y1) = self.blocks_in(i, region, false);
            let comp = &mut self.components[i];
            for y in y0..y1 {
                for b in &mut comp.blocks[y * comp.stride + x0..y * comp.stride + x1] {
                    *b = [0; 64];
                }
            }
        }
    }

    /// The part of the image from MCU (`region.x`, `region.y`), `region.w`
    /// by `region.h` MCUs, clipped to the image: the same coefficients,
    /// and the same tables and sampling.
    pub fn crop(&self, region: Region) -> Result<Coefficients, JpegError> {
        let (mx, my) = self.mcus();
        if region.w == 0 || region.h == 0 || region.x >= mx || region.y >= my {
            return Err(invalid("a crop outside the image"));
        }
        let (pw, ph) = self.mcu_pixels();
        let width = (usize::from(self.width) - region.x * pw).min(region.w * pw);
        let height = (usize::from(self.height) - region.y * ph).min(region.h * ph);
        let mut out = Coefficients {
            width: width as u16,
            height: height as u16,
            components: Vec::new(),
            quant: self.quant,
            restart_interval: 0,
            scans: Vec::new(),
            dc_tables: Default::default(),
            ac_tables: Default::default(),
            progressive: false,
            h_max: self.h_max,
            v_max: self.v_max,
        };
        let (nx, ny) = out.mcus();
        let (hm, vm) = (usize::from(self.h_max), usize::from(self.v_max));
        for comp in &self.components {
            let (h, v) = (usize::from(comp.h), usize::from(comp.v));
            let (stride, rows) = (nx * h, ny * v);
            let (ox, oy) = (region.x * h, region.y * v);
            let mut blocks = Vec::with_capacity(stride * rows);
            for y in 0..rows {
                let at = (oy + y) * comp.stride + ox;
                blocks.extend_from_slice(&comp.blocks[at..at + stride]);
            }
            out.components.push(Component {
                id: comp.id,
                h: comp.h,
                v: comp.v,
                tq: comp.tq,
                blocks_wide: (width * h).div_ceil(hm).div_ceil(8),
                blocks_high: (height * v).div_ceil(vm).div_ceil(8),
                stride,
                rows,
                blocks,
            });
        }
        Ok(out)
    }
}

/// The scans a written file has: one interleaved scan when the MCU is
/// small enough for one (at most 10 blocks), else one per component.
/// Component 0 uses tables 0, the others tables 1.
fn plan(c: &Coefficients) -> Vec<Scan> {
    let table = |i: usize| u8::from(i > 0);
    let blocks: usize = c
        .components
        .iter()
        .map(|x| usize::from(x.h) * usize::from(x.v))
        .sum();
    let scan = |components: Vec<(usize, u8, u8)>| Scan {
        components,
        spectral: (0, 63),
        ah: 0,
        al: 0,
    };
    if c.components.len() > 1 && blocks <= 10 {
        vec![scan(
            (0..c.components.len())
                .map(|i| (i, table(i), table(i)))
                .collect(),
        )]
    } else {
        (0..c.components.len())
            .map(|i| scan(vec![(i, table(i), table(i))]))
            .collect()
    }
}

/// A whole baseline JPEG (extended sequential when a quantization table
/// needs 16 bits) holding exactly `c`'s coefficients: JFIF header for one
/// or three components, its quantization tables, optimal Huffman tables
/// and no restart markers. Metadata, if the original had any, is not
/// carried over.
pub fn write(c: &Coefficients) -> Result<Vec<u8>, JpegError> {
    if c.components.len() == 2 || c.components.len() == 4 {
        return Err(JpegError::Unsupported(
            "writing images of two or four components",
        ));
    }
    let scans = plan(c);
    // Count each table's symbols over the blocks it will code.
    let mut dc_counts = [[0u64; 256]; 2];
    let mut ac_counts = [[0u64; 256]; 2];
    let mut mcu = Vec::new();
    for scan in &scans {
        let mut pred = vec![0i32; scan.components.len()];
        for m in 0..super::mcu_count(c, scan) {
            super::mcu_blocks(c, scan, m, &mut mcu);
            for &(k, i, at) in &mcu {
                let t = usize::from(scan.components[k].1);
                let (dc, ac) = (&mut dc_counts[t], &mut ac_counts[t]);
                let mut counter = Counter { dc, ac };
                huffman::encode_block(&mut counter, &mut pred[k], &c.components[i].blocks[at])?;
            }
        }
    }
    let used = if c.components.len() > 1 { 2 } else { 1 };
    let mut dc_tables: [Option<HuffmanTable>; 4] = Default::default();
    let mut ac_tables: [Option<HuffmanTable>; 4] = Default::default();
    for t in 0..used {
        dc_tables[t] = Some(huffman::optimal_table(&dc_counts[t]));
        ac_tables[t] = Some(huffman::optimal_table(&ac_counts[t]));
    }

    let mut out = vec![0xFF, 0xD8];
    segment(
        &mut out,
        0xE0,
        &[b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    );
    let mut wide = false;
    let mut dqt = Vec::new();
    for (id, table) in c.quant.iter().enumerate() {
        let Some(table) = table else { continue };
        if !c.components.iter().any(|x| usize::from(x.tq) == id) {
            continue;
        }
        if table.iter().any(|&q| q > 255) {
            wide = true;
            dqt.push(0x10 | id as u8);
            table
                .iter()
                .for_each(|q| dqt.extend_from_slice(&q.to_be_bytes()));
        } else {
            dqt.push(id as u8);
            dqt.extend(table.iter().map(|&q| q as u8));
        }
    }
    segment(&mut out, 0xDB, &dqt);
    let mut sof = vec![8];
    sof.extend_from_slice(&c.height.to_be_bytes());
    sof.extend_from_slice(&c.width.to_be_bytes());
    sof.push(c.components.len() as u8);
    for comp in &c.components {
        sof.extend_from_slice(&[comp.id, comp.h << 4 | comp.v, comp.tq]);
    }
    segment(&mut out, if wide { 0xC1 } else { 0xC0 }, &sof);
    let mut dht = Vec::new();
    for (class, tables) in [(0u8, &dc_tables), (1, &ac_tables)] {
        for (id, table) in tables.iter().enumerate() {
            if let Some(t) = table {
                dht.push(class << 4 | id as u8);
                dht.extend_from_slice(&t.counts);
                dht.extend_from_slice(&t.values);
            }
        }
    }
    segment(&mut out, 0xC4, &dht);
    for scan in &scans {
        let mut sos = vec![scan.components.len() as u8];
        for &(i, td, ta) in &scan.components {
            sos.extend_from_slice(&[c.components[i].id, td << 4 | ta]);
        }
        sos.extend_from_slice(&[0, 63, 0]);
        segment(&mut out, 0xDA, &sos);
        out.extend_from_slice(&super::encode_with(c, scan, &dc_tables, &ac_tables, 0)?);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    Ok(out)
}

fn segment(out: &mut Vec<u8>, marker: u8, body: &[u8]) {
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(body);
}

/// A baseline JPEG of `width` × `height` and one or three full-resolution
/// `components` whose every block is zero (flat mid-grey), written
/// directly, two bits a block, without holding its coefficients: a
/// megabyte that decodes into gigabytes, the worst case a verifier must
/// bound before decoding (tests and benchmarks make theirs with it). JFIF
/// header, so it is plain ([`super::layout`]).
pub fn flat(width: u16, height: u16, components: u8) -> Vec<u8> {
    let components = if components == 3 { 3u8 } else { 1 };
    let mut out = vec![0xFF, 0xD8];
    segment(&mut out, 0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    segment(&mut out, 0xDB, &[&[0u8][..], &[1u8; 64]].concat());
    let mut sof = vec![8];
    sof.extend_from_slice(&height.to_be_bytes());
    sof.extend_from_slice(&width.to_be_bytes());
    sof.push(components);
    let mut sos = vec![components];
    for id in 1..=components {
        sof.extend_from_slice(&[id, 0x11, 0]);
        sos.extend_from_slice(&[id, 0x00]);
    }
    sos.extend_from_slice(&[0, 63, 0]);
    segment(&mut out, 0xC0, &sof);
    // A DC and an AC table of one one-bit code each, for symbol 0 (a zero
    // difference, end of block).
    let one_code = [&[1u8][..], &[0; 15], &[0]].concat();
    segment(
        &mut out,
        0xC4,
        &[&[0x00][..], &one_code, &[0x10], &one_code].concat(),
    );
    segment(&mut out, 0xDA, &sos);
    let blocks =
        usize::from(components) * usize::from(width).div_ceil(8) * usize::from(height).div_ceil(8);
    // Two zero bits a block; the last byte's padding bits are ones.
    out.resize(out.len() + blocks / 4, 0);
    if blocks % 4 != 0 {
        out.push(0xFF >> (2 * (blocks % 4)));
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}
