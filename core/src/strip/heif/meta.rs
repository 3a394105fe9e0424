//! Reading HEIF's `meta` box: which items there are, where their data
//! lies, and which of them are kept.

use std::collections::{BTreeMap, BTreeSet};

use super::super::bmff::{self, children, write_box, write_full, Buf};
use super::{extras, Extent, Item, Location, Meta, FORMAT, IMAGE_ITEMS};
use crate::StripError;

/// Parses the body of `meta`.
pub(super) fn parse(body: &[u8]) -> Result<Meta<'_>, StripError> {
    let mut b = Buf::new(body, FORMAT);
    let (version, _) = b.full("the meta box")?;
    if version != 0 {
        return Err(b.corrupt(format!("meta box version {version}")));
    }
    let children = children(b.rest(), FORMAT)?;
    let mut meta = Meta {
        children: Vec::new(),
        items: Vec::new(),
        locations: BTreeMap::new(),
        idat: &[],
        iinf_version: 0,
        primary: None,
    };
    let mut seen = BTreeSet::new();
    for c in &children {
        if matches!(
            &c.kind,
            b"hdlr" | b"pitm" | b"iinf" | b"iloc" | b"idat" | b"iprp" | b"iref" | b"dinf"
        ) && !seen.insert(c.kind)
        {
            return Err(b.corrupt(format!("two {} boxes", bmff::name(&c.kind))));
        }
        match &c.kind {
            b"hdlr" => {
                let mut h = Buf::new(c.body, FORMAT);
                h.full("the hdlr box")?;
                h.take(4, "the hdlr box")?;
                if &h.fourcc("the hdlr box")? != b"pict" {
                    return Err(h.corrupt("it is not a picture (its handler is not 'pict')"));
                }
            }
            b"pitm" => {
                let mut p = Buf::new(c.body, FORMAT);
                let (v, _) = p.full("the pitm box")?;
                meta.primary = Some(if v == 0 {
                    u32::from(p.u16("the pitm box")?)
                } else {
                    p.u32("the pitm box")?
                });
            }
            b"iinf" => {
                let (v, items) = parse_iinf(c.body)?;
                meta.iinf_version = v;
                meta.items = items;
            }
            b"iloc" => meta.locations = parse_iloc(c.body)?,
            b"idat" => meta.idat = c.body,
            b"dinf" => check_dinf(c.body)?,
            _ => {}
        }
    }
    if !seen.contains(b"hdlr") || !seen.contains(b"iinf") || !seen.contains(b"iloc") {
        return Err(b.corrupt("its meta box lacks hdlr, iinf or iloc"));
    }
    // Thumbnails, depth maps, gain maps and what is made from them.
    extras::drop_extras(
        &mut meta.items,
        meta.primary,
        children.iter().find(|c| &c.kind == b"iref"),
        children.iter().find(|c| &c.kind == b"iprp"),
    )?;
    if let Some(p) = meta.primary {
        if !meta.items.iter().any(|i| i.id == p && i.keep) {
            return Err(b.corrupt("its primary item is not an image"));
        }
    }
    if !meta.items.iter().any(|i| i.keep) {
        return Err(b.corrupt("it holds no image item"));
    }
    for item in meta.items.iter().filter(|i| i.keep) {
        if !meta.locations.contains_key(&item.id)
            && !matches!(&item.kind, b"grid" | b"iovl" | b"iden")
        {
            // Derived images may be described by properties alone; coded
            // ones need data.
            if !matches!(&item.kind, b"tmap") {
                return Err(b.corrupt("an image item has no location"));
            }
        }
    }
    meta.children = children;
    Ok(meta)
}

fn parse_iinf(body: &[u8]) -> Result<(u8, Vec<Item>), StripError> {
    let mut b = Buf::new(body, FORMAT);
    let (version, _) = b.full("the iinf box")?;
    let count = if version == 0 {
        u32::from(b.u16("the iinf box")?)
    } else {
        b.u32("the iinf box")?
    };
    let entries = children(b.rest(), FORMAT)?;
    if entries.len() as u64 != u64::from(count) {
        return Err(b.corrupt("its iinf box counts its items wrong"));
    }
    let mut items = Vec::with_capacity(entries.len());
    let mut ids = BTreeSet::new();
    for e in entries {
        if &e.kind != b"infe" {
            return Err(b.corrupt(format!("iinf holds a {} box", bmff::name(&e.kind))));
        }
        let mut i = Buf::new(e.body, FORMAT);
        let (v, flags) = i.full("an infe box")?;
        let id = match v {
            2 => u32::from(i.u16("an infe box")?),
            3 => i.u32("an infe box")?,
            _ => return Err(i.corrupt(format!("infe box version {v}"))),
        };
        let protection = i.u16("an infe box")?;
        let kind = i.fourcc("an infe box")?;
        let named = !i.cstr("an item name")?.is_empty();
        let content_type = if &kind == b"mime" {
            i.cstr("an item's content type")?.to_vec()
        } else {
            Vec::new()
        };
        if !ids.insert(id) {
            return Err(i.corrupt("two items have the same id"));
        }
        let keep = IMAGE_ITEMS.contains(&&kind);
        if keep && protection != 0 {
            return Err(i.corrupt("an image item is encrypted"));
        }
        let mut infe_body = Vec::new();
        write_full(&mut infe_body, v, flags);
        if v == 2 {
            infe_body.extend_from_slice(&(id as u16).to_be_bytes());
        } else {
            infe_body.extend_from_slice(&id.to_be_bytes());
        }
        infe_body.extend_from_slice(&0u16.to_be_bytes());
        infe_body.extend_from_slice(&kind);
        infe_body.push(0);
        let mut infe = Vec::new();
        write_box(&mut infe, b"infe", &infe_body);
        items.push(Item {
            id,
            kind,
            infe,
            keep,
            content_type,
            named,
            extra: None,
        });
    }
    Ok((version, items))
}

fn parse_iloc(body: &[u8]) -> Result<BTreeMap<u32, Location>, StripError> {
    let mut b = Buf::new(body, FORMAT);
    let (version, _) = b.full("the iloc box")?;
    if version > 2 {
        return Err(b.corrupt(format!("iloc box version {version}")));
    }
    let sizes = b.u16("the iloc box")?;
    let offset_size = (sizes >> 12) as u8;
    let length_size = ((sizes >> 8) & 0xF) as u8;
    let base_size = ((sizes >> 4) & 0xF) as u8;
    let index_size = if version >= 1 { (sizes & 0xF) as u8 } else { 0 };
    let count = if version < 2 {
        u32::from(b.u16("the iloc box")?)
    } else {
        b.u32("the iloc box")?
    };
    let mut locations = BTreeMap::new();
    for _ in 0..count {
        let id = if version < 2 {
            u32::from(b.u16("an iloc entry")?)
        } else {
            b.u32("an iloc entry")?
        };
        let method = if version >= 1 {
            (b.u16("an iloc entry")? & 0xF) as u8
        } else {
            0
        };
        if method > 1 {
            return Err(b.corrupt("an item's data is stored inside another item"));
        }
        let dref = b.u16("an iloc entry")?;
        if dref > 1 {
            return Err(b.corrupt("an item's data is in another file"));
        }
        let base = b.uint(base_size, "an iloc base offset")?;
        let n = b.u16("an iloc entry")?;
        let mut extents = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            let index = b.uint(index_size, "an iloc extent index")?;
            if index != 0 {
                return Err(b.corrupt("an item uses extent indices"));
            }
            let offset = b.uint(offset_size, "an iloc extent")?;
            let len = b.uint(length_size, "an iloc extent")?;
            if len == 0 {
                return Err(b.corrupt("an item's data has no stated length"));
            }
            let offset = base
                .checked_add(offset)
                .filter(|o| o.checked_add(len).is_some())
                .ok_or_else(|| b.corrupt("an item's data lies beyond any file"))?;
            extents.push(Extent { offset, len });
        }
        if locations.insert(id, Location { method, extents }).is_some() {
            return Err(b.corrupt("two iloc entries for one item"));
        }
    }
    Ok(locations)
}

/// Accepts only data references to this same file.
fn check_dinf(body: &[u8]) -> Result<(), StripError> {
    for c in children(body, FORMAT)? {
        if &c.kind != b"dref" {
            continue;
        }
        let mut d = Buf::new(c.body, FORMAT);
        d.full("the dref box")?;
        d.u32("the dref box")?;
        for e in children(d.rest(), FORMAT)? {
            let mut u = Buf::new(e.body, FORMAT);
            let (_, flags) = u.full("a data reference")?;
            if flags & 1 == 0 {
                return Err(u.corrupt("it refers to data in another file"));
            }
        }
    }
    Ok(())
}
