//! Writing HEIF's new `meta` box: the kept items, their properties and
//! references, and their new locations.

use std::collections::{BTreeMap, BTreeSet};

use super::super::bmff::{self, children, write_box, write_full, write_uint, Buf};
use super::{extras, Extent, Item, Location, Meta, DECODING_PROPERTIES, FORMAT, NOTE_COLOUR};
use crate::report::{Category, StripReport};
use crate::StripError;

/// The rewritten meta box, with item data starting at `data_start` in the
/// output (mdat) and `new_idat` as its idat.
pub(super) fn meta(
    meta: &Meta,
    file_map: &BTreeMap<Extent, u64>,
    idat_map: &BTreeMap<Extent, u64>,
    new_idat: &[u8],
    data_start: u64,
    large: bool,
    report: &mut StripReport,
) -> Result<Vec<u8>, StripError> {
    let kept: BTreeSet<u32> = meta.items.iter().filter(|i| i.keep).map(|i| i.id).collect();
    let mut body = Vec::new();
    write_full(&mut body, 0, 0);
    for c in &meta.children {
        match &c.kind {
            b"hdlr" => {
                let mut h = Vec::new();
                h.extend_from_slice(&c.body[..12.min(c.body.len())]);
                h.extend_from_slice(&[0; 12]);
                h.push(0);
                write_box(&mut body, b"hdlr", &h);
                if c.body.len() > 25 {
                    report.removed("handler name", (c.body.len() - 25) as u64);
                }
            }
            b"pitm" => body.extend_from_slice(c.whole),
            b"dinf" => {
                let mut url = Vec::new();
                write_full(&mut url, 0, 1);
                let mut dref = Vec::new();
                write_full(&mut dref, 0, 0);
                dref.extend_from_slice(&1u32.to_be_bytes());
                write_box(&mut dref, b"url ", &url);
                let mut dinf = Vec::new();
                write_box(&mut dinf, b"dref", &dref);
                write_box(&mut body, b"dinf", &dinf);
            }
            b"iinf" => {
                let mut i = Vec::new();
                let items: Vec<&Item> = meta.items.iter().filter(|i| i.keep).collect();
                write_full(&mut i, meta.iinf_version, 0);
                if meta.iinf_version == 0 {
                    i.extend_from_slice(&(items.len() as u16).to_be_bytes());
                } else {
                    i.extend_from_slice(&(items.len() as u32).to_be_bytes());
                }
                for item in items {
                    i.extend_from_slice(&item.infe);
                }
                write_box(&mut body, b"iinf", &i);
            }
            b"iref" => {
                if let Some(r) = rewrite_iref(c.body, &kept)? {
                    write_box(&mut body, b"iref", &r);
                }
            }
            b"iprp" => {
                let r = rewrite_iprp(c.body, &kept, report)?;
                write_box(&mut body, b"iprp", &r);
            }
            b"iloc" => {
                let r = write_iloc(meta, &kept, file_map, idat_map, data_start, large);
                write_box(&mut body, b"iloc", &r);
            }
            b"idat" => {
                if !new_idat.is_empty() {
                    write_box(&mut body, b"idat", new_idat);
                }
            }
            b"grpl" => {
                if let Some(r) = rewrite_grpl(c.body, &kept)? {
                    write_box(&mut body, b"grpl", &r);
                }
            }
            kind => report.removed(
                format!("meta box {}", bmff::name(kind)),
                c.whole.len() as u64,
            ),
        }
    }
    let mut out = Vec::new();
    write_box(&mut out, b"meta", &body);
    Ok(out)
}

fn write_iloc(
    meta: &Meta,
    kept: &BTreeSet<u32>,
    file_map: &BTreeMap<Extent, u64>,
    idat_map: &BTreeMap<Extent, u64>,
    data_start: u64,
    large: bool,
) -> Vec<u8> {
    let entries: Vec<(&u32, &Location)> = meta
        .locations
        .iter()
        .filter(|(id, _)| kept.contains(id))
        .collect();
    let wide_ids = entries.iter().any(|(id, _)| **id > u32::from(u16::MAX));
    let uses_idat = entries.iter().any(|(_, l)| l.method == 1);
    let version: u8 = if wide_ids {
        2
    } else if uses_idat {
        1
    } else {
        0
    };
    let long_extent = entries
        .iter()
        .flat_map(|(_, l)| &l.extents)
        .any(|e| e.len > u64::from(u32::MAX));
    let offset_size: u8 = if large { 8 } else { 4 };
    let length_size: u8 = if long_extent { 8 } else { 4 };
    let mut b = Vec::new();
    write_full(&mut b, version, 0);
    b.extend_from_slice(
        &((u16::from(offset_size) << 12) | (u16::from(length_size) << 8)).to_be_bytes(),
    );
    if version < 2 {
        b.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    } else {
        b.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    }
    for (id, loc) in entries {
        if version < 2 {
            b.extend_from_slice(&(*id as u16).to_be_bytes());
        } else {
            b.extend_from_slice(&id.to_be_bytes());
        }
        if version >= 1 {
            b.extend_from_slice(&u16::from(loc.method).to_be_bytes());
        }
        b.extend_from_slice(&0u16.to_be_bytes());
        b.extend_from_slice(&(loc.extents.len() as u16).to_be_bytes());
        for e in &loc.extents {
            let at = if loc.method == 0 {
                data_start + file_map[e]
            } else {
                idat_map[e]
            };
            write_uint(&mut b, offset_size, at);
            write_uint(&mut b, length_size, e.len);
        }
    }
    b
}

fn rewrite_iref(body: &[u8], kept: &BTreeSet<u32>) -> Result<Option<Vec<u8>>, StripError> {
    let (version, flags, refs) = extras::parse_iref(body)?;
    let mut out = Vec::new();
    write_full(&mut out, version, flags);
    let mut any = false;
    for r in refs {
        let from = r.from;
        let to: Vec<u32> = r.to.into_iter().filter(|id| kept.contains(id)).collect();
        if !kept.contains(&from) || to.is_empty() {
            continue;
        }
        let mut rbody = Vec::new();
        let size = if version == 0 { 2 } else { 4 };
        write_uint(&mut rbody, size, u64::from(from));
        rbody.extend_from_slice(&(to.len() as u16).to_be_bytes());
        for id in to {
            write_uint(&mut rbody, size, u64::from(id));
        }
        write_box(&mut out, &r.kind, &rbody);
        any = true;
    }
    Ok(any.then_some(out))
}

fn rewrite_iprp(
    body: &[u8],
    kept: &BTreeSet<u32>,
    report: &mut StripReport,
) -> Result<Vec<u8>, StripError> {
    let parts = children(body, FORMAT)?;
    let ipco = parts
        .iter()
        .find(|c| &c.kind == b"ipco")
        .ok_or_else(|| StripError::corrupt(FORMAT, "its iprp box has no ipco"))?;
    let props = children(ipco.body, FORMAT)?;
    let mut ipmas = Vec::new();
    for part in parts.iter().filter(|p| &p.kind == b"ipma") {
        ipmas.push(extras::parse_ipma(part.body)?);
    }
    // Properties only dropped items use go with them (an auxiliary image's
    // type names the phone's maker).
    let mut used = vec![false; props.len() + 1];
    for ipma in &ipmas {
        for (_, assoc) in ipma.entries.iter().filter(|(id, _)| kept.contains(id)) {
            for (_, index) in assoc {
                if let Some(u) = used.get_mut(usize::from(*index)) {
                    *u = true;
                }
            }
        }
    }
    // Old 1-based index -> new one, for the properties kept.
    let mut new_index = vec![0u16; props.len() + 1];
    // Dropped properties an image may still be shown without, even when
    // marked essential: colour profiles.
    let mut harmless = vec![false; props.len() + 1];
    let mut ipco_out = Vec::new();
    let mut next = 1u16;
    for (k, p) in props.iter().enumerate() {
        let icc = &p.kind == b"colr" && matches!(p.body.get(..4), Some(b"prof" | b"rICC"));
        if icc {
            harmless[k + 1] = true;
            report.removed("colour profile", p.whole.len() as u64);
            report.found(Category::ColourProfile, "ICC profile");
            report.note(NOTE_COLOUR);
        } else if !used[k + 1] {
            report.removed("property of a removed item", p.whole.len() as u64);
        } else if DECODING_PROPERTIES.contains(&&p.kind) {
            new_index[k + 1] = next;
            next += 1;
            ipco_out.extend_from_slice(p.whole);
        } else {
            report.removed(
                format!("item property {}", bmff::name(&p.kind)),
                p.whole.len() as u64,
            );
            if &p.kind == b"udes" {
                report.found(Category::Text, "user description");
            }
        }
    }
    let mut out = Vec::new();
    write_box(&mut out, b"ipco", &ipco_out);
    let mut ipmas = ipmas.into_iter();
    for part in &parts {
        match &part.kind {
            b"ipco" => {}
            b"ipma" => {
                let ipma = ipmas.next().expect("one per ipma box");
                let r = rewrite_ipma(ipma, kept, &new_index, &harmless)?;
                write_box(&mut out, b"ipma", &r);
            }
            kind => report.removed(format!("box {}", bmff::name(kind)), part.whole.len() as u64),
        }
    }
    Ok(out)
}

fn rewrite_ipma(
    ipma: extras::Ipma,
    kept: &BTreeSet<u32>,
    new_index: &[u16],
    harmless: &[bool],
) -> Result<Vec<u8>, StripError> {
    let version = ipma.version;
    let mut entries = Vec::new();
    for (id, old) in ipma.entries {
        let mut assoc = Vec::new();
        for (essential, index) in old {
            if index == 0 {
                continue;
            }
            let new = *new_index.get(usize::from(index)).ok_or_else(|| {
                StripError::corrupt(FORMAT, "an item has a property that does not exist")
            })?;
            if new == 0 {
                if essential && kept.contains(&id) && !harmless[usize::from(index)] {
                    return Err(StripError::corrupt(
                        FORMAT,
                        "an image depends on a property Darkroom does not know, so it cannot be cleaned safely",
                    ));
                }
                continue;
            }
            assoc.push((essential, new));
        }
        if kept.contains(&id) {
            entries.push((id, assoc));
        }
    }
    let wide_out = entries.iter().flat_map(|(_, a)| a).any(|(_, i)| *i > 0x7F);
    let mut out = Vec::new();
    write_full(&mut out, version, u32::from(wide_out));
    out.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    for (id, assoc) in entries {
        if version < 1 {
            out.extend_from_slice(&(id as u16).to_be_bytes());
        } else {
            out.extend_from_slice(&id.to_be_bytes());
        }
        out.push(assoc.len() as u8);
        for (essential, index) in assoc {
            if wide_out {
                out.extend_from_slice(&((u16::from(essential) << 15) | index).to_be_bytes());
            } else {
                out.push((u8::from(essential) << 7) | index as u8);
            }
        }
    }
    Ok(out)
}

fn rewrite_grpl(body: &[u8], kept: &BTreeSet<u32>) -> Result<Option<Vec<u8>>, StripError> {
    let mut out = Vec::new();
    for g in children(body, FORMAT)? {
        let mut b = Buf::new(g.body, FORMAT);
        let (v, flags) = b.full("an entity group")?;
        let group = b.u32("an entity group")?;
        let n = b.u32("an entity group")?;
        let mut ids = Vec::new();
        for _ in 0..n {
            let id = b.u32("an entity group")?;
            if kept.contains(&id) {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            continue;
        }
        let mut gb = Vec::new();
        write_full(&mut gb, v, flags);
        gb.extend_from_slice(&group.to_be_bytes());
        gb.extend_from_slice(&(ids.len() as u32).to_be_bytes());
        for id in ids {
            gb.extend_from_slice(&id.to_be_bytes());
        }
        write_box(&mut out, &g.kind, &gb);
    }
    Ok((!out.is_empty()).then_some(out))
}
