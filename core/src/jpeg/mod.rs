//! JPEG at the level of quantized DCT coefficients: the entropy-coded scan
//! decoded into each component's blocks, and encoded back, losslessly.
//! Nothing here decodes pixels or requantizes: what a publication proof
//! covers (docs/DESIGN "Publishable provenance") is exactly these
//! coefficients.
//!
//! Supported: baseline and extended sequential Huffman JPEG (SOF0, SOF1),
//! 8-bit samples, one to four components with any sampling factors
//! (4:4:4, 4:2:2, 4:2:0, greyscale), one interleaved scan or one scan per
//! component, and restart intervals; progressive JPEG (SOF2: spectral
//! selection and successive approximation) is read, and its coefficients
//! can be coded as sequential scans.
//!
//! # Layout
//! - `huffman`: the bit reader and writer, Huffman tables, and the
//!   coefficient coding of one block.
//! - `layout`: the segments alone, read before anything is decoded: the
//!   frame's size, and whether anything but the coefficients can reach a
//!   decoder's drawing.
//! - `write`: a whole JPEG from coefficients.

mod huffman;
mod layout;
mod write;

pub use huffman::HuffmanTable;
use huffman::{BitReader, BitWriter, Decoder, Encoder};
pub use layout::{layout, Frame, Layout};
pub use write::{flat, write, Region};

/// Why a JPEG cannot be read at the coefficient level.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum JpegError {
    /// Not a JPEG, or cut short, or inconsistent.
    #[error("not a valid JPEG: {0}")]
    Invalid(&'static str),
    /// A valid JPEG of a kind not handled here.
    #[error("this kind of JPEG is not supported yet: {0}")]
    Unsupported(&'static str),
}

fn invalid(why: &'static str) -> JpegError {
    JpegError::Invalid(why)
}

/// One colour component and its coefficients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Component {
    /// Its identifier in the frame header.
    pub id: u8,
    /// Horizontal sampling factor.
    pub h: u8,
    /// Vertical sampling factor.
    pub v: u8,
    /// Which quantization table it uses.
    pub tq: u8,
    /// Blocks across and down that hold image data.
    pub blocks_wide: usize,
    /// (Rows of blocks.)
    pub blocks_high: usize,
    /// Blocks across and down as stored: whole MCUs, so at least the above.
    pub stride: usize,
    /// (Rows as stored.)
    pub rows: usize,
    /// Coefficients in zigzag order, `stride * rows` blocks, row by row.
    pub blocks: Vec<[i16; 64]>,
}

/// A scan: the components it codes, with their Huffman table choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scan {
    /// (component index in the frame, DC table, AC table).
    pub components: Vec<(usize, u8, u8)>,
    /// First and last coefficient (zigzag) it codes: 0 and 63 sequentially.
    pub spectral: (u8, u8),
    /// Successive approximation: the bit position before (`ah`, 0 for a
    /// first scan) and after (`al`) this scan.
    pub ah: u8,
    /// (See `ah`.)
    pub al: u8,
}

impl Scan {
    /// Whether it is a whole sequential scan (what [`encode_scan`] codes).
    pub fn sequential(&self) -> bool {
        self.spectral == (0, 63) && self.ah == 0 && self.al == 0
    }
}

/// A JPEG's coefficients and what is needed to code them again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coefficients {
    /// Width in pixels.
    pub width: u16,
    /// Height in pixels.
    pub height: u16,
    /// The components.
    pub components: Vec<Component>,
    /// Quantization tables by id, in zigzag order (`None` if undefined).
    pub quant: [Option<[u16; 64]>; 4],
    /// MCUs between restart markers (0: none).
    pub restart_interval: u16,
    /// The scans, in file order.
    pub scans: Vec<Scan>,
    /// DC Huffman tables by id, as the file defined them.
    pub dc_tables: [Option<HuffmanTable>; 4],
    /// AC Huffman tables by id.
    pub ac_tables: [Option<HuffmanTable>; 4],
    /// Whether the frame is progressive (SOF2).
    pub progressive: bool,
    h_max: u8,
    v_max: u8,
}

impl Coefficients {
    /// MCUs across and down for an interleaved scan.
    fn mcus(&self) -> (usize, usize) {
        let mw = 8 * usize::from(self.h_max);
        let mh = 8 * usize::from(self.v_max);
        (
            usize::from(self.width).div_ceil(mw),
            usize::from(self.height).div_ceil(mh),
        )
    }
}

/// The segments of a JPEG up to and including each scan's entropy-coded
/// data: what [`decode`] reads.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> Result<u8, JpegError> {
        let b = *self.bytes.get(self.at).ok_or(invalid("cut short"))?;
        self.at += 1;
        Ok(b)
    }
    fn u16(&mut self) -> Result<u16, JpegError> {
        Ok(u16::from(self.u8()?) << 8 | u16::from(self.u8()?))
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], JpegError> {
        let end = self.at.checked_add(n).ok_or(invalid("cut short"))?;
        let s = self.bytes.get(self.at..end).ok_or(invalid("cut short"))?;
        self.at = end;
        Ok(s)
    }
    /// The next marker, skipping fill bytes.
    fn marker(&mut self) -> Result<u8, JpegError> {
        if self.u8()? != 0xFF {
            return Err(invalid("a segment does not start with a marker"));
        }
        let mut m = self.u8()?;
        while m == 0xFF {
            m = self.u8()?;
        }
        Ok(m)
    }
}

/// Reads every coefficient of a baseline or extended sequential JPEG.
pub fn decode(jpeg: &[u8]) -> Result<Coefficients, JpegError> {
    let mut r = Reader { bytes: jpeg, at: 0 };
    if r.marker()? != 0xD8 {
        return Err(invalid("no start-of-image marker"));
    }
    let mut c = Coefficients {
        width: 0,
        height: 0,
        components: Vec::new(),
        quant: [None; 4],
        restart_interval: 0,
        scans: Vec::new(),
        dc_tables: Default::default(),
        ac_tables: Default::default(),
        progressive: false,
        h_max: 1,
        v_max: 1,
    };
    let mut framed = false;
    loop {
        let m = r.marker()?;
        match m {
            0xD9 => break,
            0xC0..=0xC2 => {
                if framed {
                    return Err(invalid("two frame headers"));
                }
                let len = usize::from(r.u16()?);
                let seg = r.take(len.checked_sub(2).ok_or(invalid("short segment"))?)?;
                frame(&mut c, seg)?;
                c.progressive = m == 0xC2;
                framed = true;
            }
            0xC6 | 0xCA | 0xCE => {
                return Err(JpegError::Unsupported("arithmetic-coded progressive JPEG"))
            }
            0xC3 | 0xC5 | 0xC7 | 0xC9 | 0xCB | 0xCD | 0xCF => {
                return Err(JpegError::Unsupported(
                    "lossless, hierarchical or arithmetic-coded JPEG",
                ))
            }
            0xC4 => {
                let len = usize::from(r.u16()?);
                let seg = r.take(len.checked_sub(2).ok_or(invalid("short segment"))?)?;
                huffman::define(seg, &mut c.dc_tables, &mut c.ac_tables)?;
            }
            0xDB => {
                let len = usize::from(r.u16()?);
                let seg = r.take(len.checked_sub(2).ok_or(invalid("short segment"))?)?;
                quant(&mut c.quant, seg)?;
            }
            0xDD => {
                if r.u16()? != 4 {
                    return Err(invalid("a restart interval segment of the wrong size"));
                }
                c.restart_interval = r.u16()?;
            }
            0xDA => {
                if !framed {
                    return Err(invalid("a scan before the frame header"));
                }
                let len = usize::from(r.u16()?);
                let seg = r.take(len.checked_sub(2).ok_or(invalid("short segment"))?)?;
                let scan = scan_header(&c, seg)?;
                let used = decode_scan(&mut c, &scan, &jpeg[r.at..])?;
                r.at += used;
                c.scans.push(scan);
            }
            0xE0..=0xEF | 0xFE => {
                let len = usize::from(r.u16()?);
                r.take(len.checked_sub(2).ok_or(invalid("short segment"))?)?;
            }
            _ => return Err(invalid("an unexpected marker")),
        }
    }
    if c.scans.is_empty() {
        return Err(invalid("no scan"));
    }
    // Every component must have been coded by some scan.
    for (i, _) in c.components.iter().enumerate() {
        if !c
            .scans
            .iter()
            .any(|s| s.components.iter().any(|x| x.0 == i))
        {
            return Err(invalid("a component no scan codes"));
        }
    }
    Ok(c)
}

fn frame(c: &mut Coefficients, seg: &[u8]) -> Result<(), JpegError> {
    if seg.len() < 6 {
        return Err(invalid("short frame header"));
    }
    if seg[0] != 8 {
        return Err(JpegError::Unsupported("samples of other than 8 bits"));
    }
    c.height = u16::from(seg[1]) << 8 | u16::from(seg[2]);
    c.width = u16::from(seg[3]) << 8 | u16::from(seg[4]);
    let n = usize::from(seg[5]);
    if c.width == 0 || c.height == 0 {
        return Err(JpegError::Unsupported("a height defined later (DNL)"));
    }
    if !(1..=4).contains(&n) || seg.len() != 6 + 3 * n {
        return Err(invalid("a frame header of the wrong size"));
    }
    for k in 0..n {
        let s = &seg[6 + 3 * k..9 + 3 * k];
        let (h, v) = (s[1] >> 4, s[1] & 15);
        if !(1..=4).contains(&h) || !(1..=4).contains(&v) || s[2] > 3 {
            return Err(invalid("a component's sampling or table is out of range"));
        }
        if c.components.iter().any(|x| x.id == s[0]) {
            return Err(invalid("two components with one id"));
        }
        c.components.push(Component {
            id: s[0],
            h,
            v,
            tq: s[2],
            blocks_wide: 0,
            blocks_high: 0,
            stride: 0,
            rows: 0,
            blocks: Vec::new(),
        });
    }
    c.h_max = c.components.iter().map(|x| x.h).max().unwrap_or(1);
    c.v_max = c.components.iter().map(|x| x.v).max().unwrap_or(1);
    let (mx, my) = c.mcus();
    let (w, h) = (usize::from(c.width), usize::from(c.height));
    let (hm, vm) = (usize::from(c.h_max), usize::from(c.v_max));
    for comp in &mut c.components {
        let (ch, cv) = (usize::from(comp.h), usize::from(comp.v));
        comp.blocks_wide = (w * ch).div_ceil(hm).div_ceil(8);
        comp.blocks_high = (h * cv).div_ceil(vm).div_ceil(8);
        comp.stride = mx * ch;
        comp.rows = my * cv;
        let count = comp
            .stride
            .checked_mul(comp.rows)
            .filter(|n| *n <= 1 << 24)
            .ok_or(JpegError::Unsupported("an image this large"))?;
        comp.blocks = vec![[0i16; 64]; count];
    }
    Ok(())
}

fn quant(tables: &mut [Option<[u16; 64]>; 4], mut seg: &[u8]) -> Result<(), JpegError> {
    while !seg.is_empty() {
        let (pq, tq) = (seg[0] >> 4, seg[0] & 15);
        if tq > 3 || pq > 1 {
            return Err(invalid("a quantization table out of range"));
        }
        let size = if pq == 0 { 64 } else { 128 };
        let body = seg
            .get(1..1 + size)
            .ok_or(invalid("short quantization table"))?;
        let mut t = [0u16; 64];
        for (k, v) in t.iter_mut().enumerate() {
            *v = if pq == 0 {
                u16::from(body[k])
            } else {
                u16::from(body[2 * k]) << 8 | u16::from(body[2 * k + 1])
            };
        }
        tables[usize::from(tq)] = Some(t);
        seg = &seg[1 + size..];
    }
    Ok(())
}

fn scan_header(c: &Coefficients, seg: &[u8]) -> Result<Scan, JpegError> {
    let n = usize::from(*seg.first().ok_or(invalid("short scan header"))?);
    if !(1..=4).contains(&n) || seg.len() != 4 + 2 * n {
        return Err(invalid("a scan header of the wrong size"));
    }
    let mut components = Vec::new();
    for k in 0..n {
        let (id, t) = (seg[1 + 2 * k], seg[2 + 2 * k]);
        let index = c
            .components
            .iter()
            .position(|x| x.id == id)
            .ok_or(invalid("a scan names a component the frame lacks"))?;
        let (td, ta) = (t >> 4, t & 15);
        if td > 3 || ta > 3 {
            return Err(invalid("a Huffman table id out of range"));
        }
        components.push((index, td, ta));
    }
    let tail = &seg[1 + 2 * n..];
    let (ss, se, ah, al) = (tail[0], tail[1], tail[2] >> 4, tail[2] & 15);
    let scan = Scan {
        components,
        spectral: (ss, se),
        ah,
        al,
    };
    if !c.progressive {
        if !scan.sequential() {
            return Err(invalid("a sequential frame with a partial scan"));
        }
    } else if se > 63 || ss > se || (ss == 0) != (se == 0) || al > 13 || (ah != 0 && ah != al + 1) {
        return Err(invalid("a progressive scan's parameters are out of range"));
    } else if ss > 0 && n != 1 {
        return Err(invalid("an AC scan of more than one component"));
    }
    // The tables each kind of scan uses must be defined.
    for &(_, td, ta) in &scan.components {
        let dc_needed = ss == 0 && ah == 0;
        let ac_needed = se > 0;
        if (dc_needed && c.dc_tables[usize::from(td)].is_none())
            || (ac_needed && c.ac_tables[usize::from(ta)].is_none())
        {
            return Err(invalid("a scan uses an undefined Huffman table"));
        }
    }
    let components = &scan.components;
    let blocks: usize = components
        .iter()
        .map(|&(i, _, _)| usize::from(c.components[i].h) * usize::from(c.components[i].v))
        .sum();
    if n > 1 && blocks > 10 {
        return Err(invalid("an MCU of more than ten blocks"));
    }
    Ok(scan)
}

/// The blocks of one MCU of `scan`, in coding order: (place in the scan,
/// component, block index within the component's grid).
fn mcu_blocks(c: &Coefficients, scan: &Scan, mcu: usize, out: &mut Vec<(usize, usize, usize)>) {
    out.clear();
    if scan.components.len() == 1 {
        // Non-interleaved: one block per MCU, over the component's own
        // blocks (not whole MCUs).
        let i = scan.components[0].0;
        let comp = &c.components[i];
        let (x, y) = (mcu % comp.blocks_wide, mcu / comp.blocks_wide);
        out.push((0, i, y * comp.stride + x));
        return;
    }
    let (mx, _) = c.mcus();
    let (ux, uy) = (mcu % mx, mcu / mx);
    for (k, &(i, _, _)) in scan.components.iter().enumerate() {
        let comp = &c.components[i];
        let (h, v) = (usize::from(comp.h), usize::from(comp.v));
        for by in 0..v {
            for bx in 0..h {
                out.push((k, i, (uy * v + by) * comp.stride + ux * h + bx));
            }
        }
    }
}

fn mcu_count(c: &Coefficients, scan: &Scan) -> usize {
    if scan.components.len() == 1 {
        let comp = &c.components[scan.components[0].0];
        comp.blocks_wide * comp.blocks_high
    } else {
        let (mx, my) = c.mcus();
        mx * my
    }
}

/// Decodes a scan's entropy-coded data (starting right after its header);
/// returns how many bytes it took, up to the next marker that is not a
/// restart.
fn decode_scan(c: &mut Coefficients, scan: &Scan, data: &[u8]) -> Result<usize, JpegError> {
    let table = |t: &Option<HuffmanTable>| t.as_ref().map(Decoder::new).transpose();
    let decoders: Vec<(Option<Decoder>, Option<Decoder>)> = scan
        .components
        .iter()
        .map(|&(_, td, ta)| {
            Ok((
                table(&c.dc_tables[usize::from(td)])?,
                table(&c.ac_tables[usize::from(ta)])?,
            ))
        })
        .collect::<Result<_, JpegError>>()?;
    let missing = || invalid("a scan uses an undefined Huffman table");
    let mut bits = BitReader::new(data);
    let mut pred = vec![0i32; scan.components.len()];
    let mut eobrun = 0u32;
    let total = mcu_count(c, scan);
    let interval = usize::from(c.restart_interval);
    let mut blocks = Vec::new();
    let mut expected_rst = 0u8;
    let (ss, se) = (usize::from(scan.spectral.0), usize::from(scan.spectral.1));
    for mcu in 0..total {
        if interval > 0 && mcu > 0 && mcu % interval == 0 {
            bits.restart(0xD0 + expected_rst)?;
            expected_rst = (expected_rst + 1) % 8;
            pred.iter_mut().for_each(|p| *p = 0);
            eobrun = 0;
        }
        mcu_blocks(c, scan, mcu, &mut blocks);
        for &(k, i, at) in &blocks {
            let (dc, ac) = &decoders[k];
            let block = &mut c.components[i].blocks[at];
            if scan.sequential() {
                huffman::decode_block(
                    &mut bits,
                    dc.as_ref().ok_or_else(missing)?,
                    ac.as_ref().ok_or_else(missing)?,
                    &mut pred[k],
                    block,
                )?;
            } else if ss == 0 {
                let dc = if scan.ah == 0 {
                    Some(dc.as_ref().ok_or_else(missing)?)
                } else {
                    None
                };
                huffman::decode_dc_progressive(&mut bits, dc, &mut pred[k], scan.al, block)?;
            } else if scan.ah == 0 {
                let ac = ac.as_ref().ok_or_else(missing)?;
                huffman::decode_ac_first(&mut bits, ac, &mut eobrun, (ss, se), scan.al, block)?;
            } else {
                let ac = ac.as_ref().ok_or_else(missing)?;
                huffman::decode_ac_refine(&mut bits, ac, &mut eobrun, (ss, se), scan.al, block)?;
            }
        }
    }
    bits.finish()
}

/// Encodes `scan`'s entropy-coded data with the tables it names (restart
/// markers included), as a baseline encoder writes it: pad bits are ones,
/// every 0xFF is followed by 0x00.
pub fn encode_scan(c: &Coefficients, scan: &Scan) -> Result<Vec<u8>, JpegError> {
    encode_with(c, scan, &c.dc_tables, &c.ac_tables, c.restart_interval)
}

/// [`encode_scan`] with other tables and restart interval.
fn encode_with(
    c: &Coefficients,
    scan: &Scan,
    dc_tables: &[Option<HuffmanTable>; 4],
    ac_tables: &[Option<HuffmanTable>; 4],
    restart_interval: u16,
) -> Result<Vec<u8>, JpegError> {
    if !scan.sequential() {
        return Err(JpegError::Unsupported("coding a progressive scan"));
    }
    let table = |tables: &[Option<HuffmanTable>; 4], id: u8| {
        Encoder::new(tables[usize::from(id)].as_ref().ok_or(invalid("table"))?)
    };
    let encoders: Vec<(Encoder, Encoder)> = scan
        .components
        .iter()
        .map(|&(_, td, ta)| Ok((table(dc_tables, td)?, table(ac_tables, ta)?)))
        .collect::<Result<_, JpegError>>()?;
    let mut w = BitWriter::default();
    let mut pred = vec![0i32; scan.components.len()];
    let interval = usize::from(restart_interval);
    let mut blocks = Vec::new();
    let mut rst = 0u8;
    for mcu in 0..mcu_count(c, scan) {
        if interval > 0 && mcu > 0 && mcu % interval == 0 {
            w.restart(0xD0 + rst);
            rst = (rst + 1) % 8;
            pred.iter_mut().for_each(|p| *p = 0);
        }
        mcu_blocks(c, scan, mcu, &mut blocks);
        for &(k, i, at) in &blocks {
            let (dc, ac) = &encoders[k];
            let mut coder = huffman::Coder { w: &mut w, dc, ac };
            huffman::encode_block(&mut coder, &mut pred[k], &c.components[i].blocks[at])?;
        }
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests;
