//! Huffman coding of JPEG blocks (ITU T.81 Annex C and F.1.2, F.2.2): the
//! tables, a bit reader that undoes byte stuffing and stops at markers, a
//! bit writer that does it, and one block's DC difference and AC runs.

use super::{invalid, JpegError};

/// A Huffman table as a DHT segment defines it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HuffmanTable {
    /// How many codes of each length, 1 to 16 bits.
    pub counts: [u8; 16],
    /// The symbols, in code order.
    pub values: Vec<u8>,
}

/// Reads a DHT segment's tables into `dc` and `ac`.
pub(super) fn define(
    mut seg: &[u8],
    dc: &mut [Option<HuffmanTable>; 4],
    ac: &mut [Option<HuffmanTable>; 4],
) -> Result<(), JpegError> {
    while !seg.is_empty() {
        if seg.len() < 17 {
            return Err(invalid("short Huffman table"));
        }
        let (class, id) = (seg[0] >> 4, usize::from(seg[0] & 15));
        if class > 1 || id > 3 {
            return Err(invalid("a Huffman table out of range"));
        }
        let mut counts = [0u8; 16];
        counts.copy_from_slice(&seg[1..17]);
        let n: usize = counts.iter().map(|&c| usize::from(c)).sum();
        if n > 256 {
            return Err(invalid("a Huffman table with too many codes"));
        }
        let values = seg
            .get(17..17 + n)
            .ok_or(invalid("short Huffman table"))?
            .to_vec();
        let table = HuffmanTable { counts, values };
        // Codes that do not fit their lengths are refused here, once.
        codes(&table)?;
        if class == 0 {
            dc[id] = Some(table);
        } else {
            ac[id] = Some(table);
        }
        seg = &seg[17 + n..];
    }
    Ok(())
}

/// Each symbol's (code, length), in the table's order (Annex C).
fn codes(t: &HuffmanTable) -> Result<Vec<(u16, u8)>, JpegError> {
    let mut out = Vec::with_capacity(t.values.len());
    let mut code: u32 = 0;
    for len in 1..=16u8 {
        for _ in 0..t.counts[usize::from(len - 1)] {
            if code >= 1 << len {
                return Err(invalid("a Huffman table whose codes do not fit"));
            }
            out.push((code as u16, len));
            code += 1;
        }
        code <<= 1;
    }
    Ok(out)
}

/// Decoding by code length (F.2.2.3).
pub(super) struct Decoder {
    max: [i32; 17],
    min: [i32; 17],
    first: [usize; 17],
    values: Vec<u8>,
}

impl Decoder {
    pub(super) fn new(t: &HuffmanTable) -> Result<Decoder, JpegError> {
        let codes = codes(t)?;
        let mut d = Decoder {
            max: [-1; 17],
            min: [0; 17],
            first: [0; 17],
            values: t.values.clone(),
        };
        let mut k = 0;
        for len in 1..=16usize {
            let n = usize::from(t.counts[len - 1]);
            if n > 0 {
                d.first[len] = k;
                d.min[len] = i32::from(codes[k].0);
                d.max[len] = i32::from(codes[k + n - 1].0);
                k += n;
            }
        }
        Ok(d)
    }

    fn decode(&self, bits: &mut BitReader<'_>) -> Result<u8, JpegError> {
        let mut code = 0i32;
        for len in 1..=16 {
            code = code << 1 | bits.bit()? as i32;
            if code <= self.max[len] {
                return Ok(self.values[self.first[len] + (code - self.min[len]) as usize]);
            }
        }
        Err(invalid("a Huffman code the table does not have"))
    }
}

/// Encoding: each symbol's (code, length).
pub(super) struct Encoder {
    codes: [(u16, u8); 256],
}

impl Encoder {
    pub(super) fn new(t: &HuffmanTable) -> Result<Encoder, JpegError> {
        let mut table = [(0u16, 0u8); 256];
        for (v, c) in t.values.iter().zip(codes(t)?) {
            table[usize::from(*v)] = c;
        }
        Ok(Encoder { codes: table })
    }

    fn put(&self, w: &mut BitWriter, symbol: u8) -> Result<(), JpegError> {
        let (code, len) = self.codes[usize::from(symbol)];
        if len == 0 {
            return Err(invalid("a symbol the Huffman table cannot code"));
        }
        w.bits(u32::from(code), len);
        Ok(())
    }
}

/// Bits of entropy-coded data, most significant first, with stuffed zero
/// bytes removed; it stops at a marker and never reads past one.
pub(super) struct BitReader<'a> {
    data: &'a [u8],
    pos: usize,
    acc: u64,
    count: u32,
    at_marker: bool,
}

impl<'a> BitReader<'a> {
    pub(super) fn new(data: &'a [u8]) -> BitReader<'a> {
        BitReader {
            data,
            pos: 0,
            acc: 0,
            count: 0,
            at_marker: false,
        }
    }

    fn fill(&mut self) {
        while self.count <= 56 && !self.at_marker {
            let byte = match self.data.get(self.pos) {
                None => {
                    self.at_marker = true;
                    break;
                }
                Some(0xFF) => match self.data.get(self.pos + 1) {
                    Some(0x00) => {
                        self.pos += 2;
                        0xFF
                    }
                    _ => {
                        self.at_marker = true;
                        break;
                    }
                },
                Some(&b) => {
                    self.pos += 1;
                    b
                }
            };
            self.acc |= u64::from(byte) << (56 - self.count);
            self.count += 8;
        }
    }

    fn bit(&mut self) -> Result<u32, JpegError> {
        self.take(1)
    }

    /// The next `n` bits (at most 16).
    fn take(&mut self, n: u32) -> Result<u32, JpegError> {
        if n == 0 {
            return Ok(0);
        }
        if self.count < n {
            self.fill();
            if self.count < n {
                return Err(invalid("the scan is cut short"));
            }
        }
        let v = (self.acc >> (64 - n)) as u32;
        self.acc <<= n;
        self.count -= n;
        Ok(v)
    }

    /// Drops the padding before a restart marker, which must be `marker`.
    pub(super) fn restart(&mut self, marker: u8) -> Result<(), JpegError> {
        // Whatever is buffered is padding: reading stops at markers.
        self.fill();
        if self.count >= 8 {
            return Err(invalid("data where a restart marker belongs"));
        }
        self.acc = 0;
        self.count = 0;
        if self.data.get(self.pos) != Some(&0xFF) || self.data.get(self.pos + 1) != Some(&marker) {
            return Err(invalid("a restart marker is missing or out of order"));
        }
        self.pos += 2;
        self.at_marker = false;
        Ok(())
    }

    /// Where the scan's data ends: the next marker's offset.
    pub(super) fn finish(mut self) -> Result<usize, JpegError> {
        self.fill();
        if self.count >= 8 {
            return Err(invalid("data after the last block of a scan"));
        }
        if !self.at_marker || self.pos >= self.data.len() {
            return Err(invalid("the scan is not followed by a marker"));
        }
        Ok(self.pos)
    }
}

/// Bits out, with 0xFF bytes stuffed.
#[derive(Default)]
pub(super) struct BitWriter {
    out: Vec<u8>,
    acc: u32,
    count: u32,
}

impl BitWriter {
    fn bits(&mut self, value: u32, len: u8) {
        for i in (0..u32::from(len)).rev() {
            self.acc = self.acc << 1 | (value >> i & 1);
            self.count += 1;
            if self.count == 8 {
                self.byte();
            }
        }
    }

    fn byte(&mut self) {
        let b = self.acc as u8;
        self.out.push(b);
        if b == 0xFF {
            self.out.push(0);
        }
        self.acc = 0;
        self.count = 0;
    }

    /// Pads the last byte with ones.
    fn pad(&mut self) {
        if self.count > 0 {
            let n = 8 - self.count;
            self.bits((1 << n) - 1, n as u8);
        }
    }

    pub(super) fn restart(&mut self, marker: u8) {
        self.pad();
        self.out.extend_from_slice(&[0xFF, marker]);
    }

    pub(super) fn finish(mut self) -> Vec<u8> {
        self.pad();
        self.out
    }
}

/// The magnitude category of `v` (bits needed for |v|).
fn category(v: i32) -> u8 {
    (32 - v.unsigned_abs().leading_zeros()) as u8
}

/// F.2.2.1: `s` bits read as a signed value.
fn extend(bits: u32, s: u32) -> i32 {
    if s == 0 {
        0
    } else if bits < 1 << (s - 1) {
        bits as i32 - (1 << s) + 1
    } else {
        bits as i32
    }
}

/// Decodes one block: the DC difference (added to `pred`) and the AC runs.
pub(super) fn decode_block(
    bits: &mut BitReader<'_>,
    dc: &Decoder,
    ac: &Decoder,
    pred: &mut i32,
    block: &mut [i16; 64],
) -> Result<(), JpegError> {
    let s = u32::from(dc.decode(bits)?);
    if s > 11 {
        return Err(invalid("a DC difference out of range"));
    }
    *pred += extend(bits.take(s)?, s);
    block[0] = i16::try_from(*pred).map_err(|_| invalid("a DC value out of range"))?;
    let mut k = 1;
    while k < 64 {
        let rs = ac.decode(bits)?;
        let (r, s) = (usize::from(rs >> 4), u32::from(rs & 15));
        if s == 0 {
            if r == 15 {
                k += 16;
                continue;
            }
            break;
        }
        k += r;
        if k > 63 || s > 10 {
            return Err(invalid("an AC coefficient out of range"));
        }
        block[k] = extend(bits.take(s)?, s) as i16;
        k += 1;
    }
    if k > 64 {
        return Err(invalid("a run of zeros past the block's end"));
    }
    Ok(())
}

/// Encodes one block, as [`decode_block`] reads it.
/// Where one block's symbols go: a Huffman coder or a symbol count.
pub(super) trait Sink {
    /// A DC symbol (the difference's category).
    fn dc(&mut self, symbol: u8) -> Result<(), JpegError>;
    /// An AC symbol (run and category, EOB or ZRL).
    fn ac(&mut self, symbol: u8) -> Result<(), JpegError>;
    /// The `len` low bits of `value`, after a symbol.
    fn extra(&mut self, value: u32, len: u8);
}

/// Codes symbols into a bit writer with a DC and an AC table.
pub(super) struct Coder<'a> {
    pub(super) w: &'a mut BitWriter,
    pub(super) dc: &'a Encoder,
    pub(super) ac: &'a Encoder,
}

impl Sink for Coder<'_> {
    fn dc(&mut self, symbol: u8) -> Result<(), JpegError> {
        self.dc.put(self.w, symbol)
    }
    fn ac(&mut self, symbol: u8) -> Result<(), JpegError> {
        self.ac.put(self.w, symbol)
    }
    fn extra(&mut self, value: u32, len: u8) {
        self.w.bits(value, len)
    }
}

/// Counts how often each symbol occurs, for [`optimal_table`].
pub(super) struct Counter<'a> {
    pub(super) dc: &'a mut [u64; 256],
    pub(super) ac: &'a mut [u64; 256],
}

impl Sink for Counter<'_> {
    fn dc(&mut self, symbol: u8) -> Result<(), JpegError> {
        self.dc[usize::from(symbol)] += 1;
        Ok(())
    }
    fn ac(&mut self, symbol: u8) -> Result<(), JpegError> {
        self.ac[usize::from(symbol)] += 1;
        Ok(())
    }
    fn extra(&mut self, _: u32, _: u8) {}
}

/// Codes one block (F.1.2.1, F.1.2.2): the DC difference from `pred`
/// and the AC runs.
pub(super) fn encode_block(
    out: &mut impl Sink,
    pred: &mut i32,
    block: &[i16; 64],
) -> Result<(), JpegError> {
    let diff = i32::from(block[0]) - *pred;
    *pred = i32::from(block[0]);
    let s = category(diff);
    if s > 11 {
        return Err(invalid("a DC difference out of range"));
    }
    out.dc(s)?;
    if s > 0 {
        let bits = if diff < 0 { diff - 1 } else { diff };
        out.extra(bits as u32 & ((1 << s) - 1), s);
    }
    let mut run = 0u8;
    for &v in &block[1..] {
        if v == 0 {
            run += 1;
            continue;
        }
        while run > 15 {
            out.ac(0xF0)?;
            run -= 16;
        }
        let v = i32::from(v);
        let s = category(v);
        if s > 10 {
            return Err(invalid("an AC coefficient out of range"));
        }
        out.ac(run << 4 | s)?;
        let bits = if v < 0 { v - 1 } else { v };
        out.extra(bits as u32 & ((1 << s) - 1), s);
        run = 0;
    }
    if run > 0 {
        out.ac(0x00)?;
    }
    Ok(())
}

/// The optimal Huffman table for these symbol counts, limited to 16-bit
/// codes, with no code of all ones (Annex K.2, K.3), as libjpeg's
/// `jpeg_gen_optimal_table` builds it: ties go to the higher symbol, so
/// the same counts give libjpeg's very table.
pub(super) fn optimal_table(counts: &[u64; 256]) -> HuffmanTable {
    // Symbol 256 is reserved so that no real symbol gets the all-ones code.
    let mut freq = [0u64; 257];
    freq[..256].copy_from_slice(counts);
    freq[256] = 1;
    let mut size = [0usize; 257];
    let mut others = [usize::MAX; 257];
    loop {
        // The least frequent symbol, then the next, the higher on a tie.
        let least = |skip: usize| {
            let mut best: Option<usize> = None;
            for i in 0..257 {
                if freq[i] > 0 && i != skip && best.is_none_or(|b| freq[i] <= freq[b]) {
                    best = Some(i);
                }
            }
            best
        };
        let Some(mut c1) = least(usize::MAX) else {
            break;
        };
        let Some(mut c2) = least(c1) else { break };
        freq[c1] += freq[c2];
        freq[c2] = 0;
        size[c1] += 1;
        while others[c1] != usize::MAX {
            c1 = others[c1];
            size[c1] += 1;
        }
        others[c1] = c2;
        size[c2] += 1;
        while others[c2] != usize::MAX {
            c2 = others[c2];
            size[c2] += 1;
        }
    }
    let longest = size.iter().copied().max().unwrap_or(0).max(16);
    let mut bits = vec![0u32; longest + 1];
    for &s in size.iter().filter(|&&s| s > 0) {
        bits[s] += 1;
    }
    // K.3: move codes longer than 16 bits up the tree.
    for i in (17..=longest).rev() {
        while bits[i] > 0 {
            let mut j = i - 2;
            while bits[j] == 0 {
                j -= 1;
            }
            bits[i] -= 2;
            bits[i - 1] += 1;
            bits[j + 1] += 2;
            bits[j] -= 1;
        }
    }
    // Drop the reserved symbol's code: the longest one.
    if let Some(i) = (1..=16).rev().find(|&i| bits[i] > 0) {
        bits[i] -= 1;
    }
    let mut table = HuffmanTable {
        counts: [0; 16],
        values: Vec::new(),
    };
    for (count, &n) in table.counts.iter_mut().zip(&bits[1..=16]) {
        *count = n as u8;
    }
    for len in 1..=longest {
        for (symbol, _) in size[..256].iter().enumerate().filter(|(_, &s)| s == len) {
            table.values.push(symbol as u8);
        }
    }
    table
}

/// A progressive DC scan's part of one block: the first (with `dc`) or a
/// refinement (one bit).
pub(super) fn decode_dc_progressive(
    bits: &mut BitReader<'_>,
    dc: Option<&Decoder>,
    pred: &mut i32,
    al: u8,
    block: &mut [i16; 64],
) -> Result<(), JpegError> {
    match dc {
        Some(dc) => {
            let s = u32::from(dc.decode(bits)?);
            if s > 11 {
                return Err(invalid("a DC difference out of range"));
            }
            *pred += extend(bits.take(s)?, s);
            block[0] =
                i16::try_from(*pred << al).map_err(|_| invalid("a DC value out of range"))?;
        }
        None => {
            if bits.bit()? == 1 {
                block[0] |= 1 << al;
            }
        }
    }
    Ok(())
}

/// A progressive AC scan's first pass over one block's band.
pub(super) fn decode_ac_first(
    bits: &mut BitReader<'_>,
    ac: &Decoder,
    eobrun: &mut u32,
    (ss, se): (usize, usize),
    al: u8,
    block: &mut [i16; 64],
) -> Result<(), JpegError> {
    if *eobrun > 0 {
        *eobrun -= 1;
        return Ok(());
    }
    let mut k = ss;
    while k <= se {
        let rs = ac.decode(bits)?;
        let (r, s) = (u32::from(rs >> 4), u32::from(rs & 15));
        if s == 0 {
            if r == 15 {
                k += 16;
                continue;
            }
            *eobrun = (1 << r) - 1 + bits.take(r)?;
            break;
        }
        k += r as usize;
        if k > se || s > 10 {
            return Err(invalid("an AC coefficient out of its band"));
        }
        block[k] = i16::try_from(extend(bits.take(s)?, s) << al)
            .map_err(|_| invalid("an AC value out of range"))?;
        k += 1;
    }
    Ok(())
}

/// A progressive AC refinement over one block's band (T.81 G.1.2.3).
pub(super) fn decode_ac_refine(
    bits: &mut BitReader<'_>,
    ac: &Decoder,
    eobrun: &mut u32,
    (ss, se): (usize, usize),
    al: u8,
    block: &mut [i16; 64],
) -> Result<(), JpegError> {
    let p1: i16 = 1 << al;
    let m1: i16 = -1 << al;
    let refine = |bits: &mut BitReader<'_>, coef: &mut i16| -> Result<(), JpegError> {
        if bits.bit()? == 1 && *coef & p1 == 0 {
            *coef += if *coef >= 0 { p1 } else { m1 };
        }
        Ok(())
    };
    let mut k = ss;
    if *eobrun == 0 {
        while k <= se {
            let rs = ac.decode(bits)?;
            let (mut r, s) = (i32::from(rs >> 4), rs & 15);
            let mut value = 0i16;
            if s != 0 {
                if s != 1 {
                    return Err(invalid("a refinement coefficient larger than one bit"));
                }
                value = if bits.bit()? == 1 { p1 } else { m1 };
            } else if r != 15 {
                *eobrun = (1 << r) + bits.take(r as u32)?;
                break;
            }
            // Past r coefficients still zero, refining the others on the way.
            while k <= se {
                if block[k] != 0 {
                    refine(bits, &mut block[k])?;
                } else {
                    if r == 0 {
                        break;
                    }
                    r -= 1;
                }
                k += 1;
            }
            if value != 0 {
                if k > se {
                    return Err(invalid("a refinement coefficient out of its band"));
                }
                block[k] = value;
            }
            k += 1;
        }
    }
    if *eobrun > 0 {
        while k <= se {
            if block[k] != 0 {
                refine(bits, &mut block[k])?;
            }
            k += 1;
        }
        *eobrun -= 1;
    }
    Ok(())
}
