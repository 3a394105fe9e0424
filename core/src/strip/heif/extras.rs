//! Images a camera stores beside the photo: thumbnails, depth maps, HDR gain
//! maps and segmentation mattes, and the tiles and renditions made from
//! them. None is needed to show the photo; each can say more than it does
//! (an old crop, the shape of a face, the phone's maker in its type name),
//! so they are dropped. Alpha planes, which are part of the picture, stay.

use std::collections::{BTreeMap, BTreeSet};

use super::super::bmff::{children, Buf, Child};
use super::{Item, FORMAT};
use crate::StripError;

/// Why an image item is dropped.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Extra {
    /// The thumbnail (`thmb`) of another image.
    Thumbnail,
    /// An auxiliary image (`auxl`) other than an alpha plane.
    Auxiliary(Auxiliary),
    /// Derived from a dropped image (a tone-mapped rendition) or only a
    /// piece of one (a tile of its grid).
    Part,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Auxiliary {
    Depth,
    GainMap,
    Matte,
    Other,
}

impl Extra {
    pub(super) fn name(self) -> &'static str {
        match self {
            Extra::Thumbnail => "thumbnail image item",
            Extra::Auxiliary(Auxiliary::Depth) => "depth map",
            Extra::Auxiliary(Auxiliary::GainMap) => "HDR gain map",
            Extra::Auxiliary(Auxiliary::Matte) => "segmentation matte",
            Extra::Auxiliary(Auxiliary::Other) => "auxiliary image",
            Extra::Part => "image item made from a removed one",
        }
    }
}

/// What an auxiliary image's type (`auxC`) says it is; `None` for alpha.
fn classify(aux_type: &[u8]) -> Option<Auxiliary> {
    let t = String::from_utf8_lossy(aux_type).to_ascii_lowercase();
    if matches!(
        t.as_str(),
        "urn:mpeg:mpegb:cicp:systems:auxiliary:alpha" | "urn:mpeg:hevc:2015:auxid:1"
    ) {
        None
    } else if matches!(
        t.as_str(),
        "urn:mpeg:mpegb:cicp:systems:auxiliary:depth" | "urn:mpeg:hevc:2015:auxid:2"
    ) || t.contains("depth")
    {
        Some(Auxiliary::Depth)
    } else if t.contains("gainmap") {
        Some(Auxiliary::GainMap)
    } else if t.contains("matte") {
        Some(Auxiliary::Matte)
    } else {
        Some(Auxiliary::Other)
    }
}

/// One item reference: `kind` from one item to others.
pub(super) struct Reference {
    pub kind: [u8; 4],
    pub from: u32,
    pub to: Vec<u32>,
}

/// An `iref` box's body: its version, flags and references.
pub(super) fn parse_iref(body: &[u8]) -> Result<(u8, u32, Vec<Reference>), StripError> {
    let mut b = Buf::new(body, FORMAT);
    let (version, flags) = b.full("the iref box")?;
    let read_id = |b: &mut Buf| -> Result<u32, StripError> {
        if version == 0 {
            Ok(u32::from(b.u16("an item reference")?))
        } else {
            b.u32("an item reference")
        }
    };
    let mut out = Vec::new();
    for r in children(b.rest(), FORMAT)? {
        let mut rb = Buf::new(r.body, FORMAT);
        let from = read_id(&mut rb)?;
        let n = rb.u16("an item reference")?;
        let mut to = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            to.push(read_id(&mut rb)?);
        }
        out.push(Reference {
            kind: r.kind,
            from,
            to,
        });
    }
    Ok((version, flags, out))
}

fn references(iref: Option<&Child>) -> Result<Vec<Reference>, StripError> {
    match iref {
        Some(iref) => Ok(parse_iref(iref.body)?.2),
        None => Ok(Vec::new()),
    }
}

/// An `ipma` box, read: each item's (essential, 1-based property index).
pub(super) struct Ipma {
    pub version: u8,
    pub entries: Vec<(u32, Vec<(bool, u16)>)>,
}

pub(super) fn parse_ipma(body: &[u8]) -> Result<Ipma, StripError> {
    let mut b = Buf::new(body, FORMAT);
    let (version, flags) = b.full("the ipma box")?;
    let wide = flags & 1 == 1;
    let count = b.u32("the ipma box")?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let id = if version < 1 {
            u32::from(b.u16("an ipma entry")?)
        } else {
            b.u32("an ipma entry")?
        };
        let n = b.u8("an ipma entry")?;
        let mut assoc = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            assoc.push(if wide {
                let v = b.u16("a property association")?;
                (v & 0x8000 != 0, v & 0x7FFF)
            } else {
                let v = b.u8("a property association")?;
                (v & 0x80 != 0, u16::from(v & 0x7F))
            });
        }
        entries.push((id, assoc));
    }
    Ok(Ipma { version, entries })
}

/// Each item's auxiliary type (`auxC`), from `iprp`.
fn aux_types(iprp: Option<&Child>) -> Result<BTreeMap<u32, Vec<u8>>, StripError> {
    let mut out = BTreeMap::new();
    let Some(iprp) = iprp else {
        return Ok(out);
    };
    let parts = children(iprp.body, FORMAT)?;
    let Some(ipco) = parts.iter().find(|c| &c.kind == b"ipco") else {
        return Ok(out);
    };
    let props = children(ipco.body, FORMAT)?;
    for ipma in parts.iter().filter(|c| &c.kind == b"ipma") {
        for (id, assoc) in parse_ipma(ipma.body)?.entries {
            for (_, index) in assoc {
                let Some(p) = usize::from(index).checked_sub(1).and_then(|i| props.get(i)) else {
                    continue;
                };
                if &p.kind == b"auxC" {
                    let mut a = Buf::new(p.body, FORMAT);
                    a.full("an auxC property")?;
                    out.insert(id, a.cstr("an auxiliary type")?.to_vec());
                }
            }
        }
    }
    Ok(out)
}

/// Marks the extra images in `items` as dropped (`keep = false`), never the
/// primary one.
pub(super) fn drop_extras(
    items: &mut [Item],
    primary: Option<u32>,
    iref: Option<&Child>,
    iprp: Option<&Child>,
) -> Result<(), StripError> {
    let refs = references(iref)?;
    let aux = aux_types(iprp)?;
    let mark = |items: &mut [Item], id: u32, why: Extra| -> bool {
        match items.iter_mut().find(|i| i.id == id) {
            Some(item) if item.keep && primary != Some(id) => {
                item.keep = false;
                item.extra = Some(why);
                true
            }
            _ => false,
        }
    };
    for r in &refs {
        match &r.kind {
            b"thmb" => {
                mark(items, r.from, Extra::Thumbnail);
            }
            b"auxl" => {
                let kind = aux
                    .get(&r.from)
                    .map_or(Some(Auxiliary::Other), |t| classify(t));
                if let Some(kind) = kind {
                    mark(items, r.from, Extra::Auxiliary(kind));
                }
            }
            _ => {}
        }
    }
    // Then what is made from dropped images: an image derived from one
    // (a tone-mapped rendition, a grid), and the pieces (tiles) only dropped
    // images use. Until nothing changes: each pass drops at least one item.
    loop {
        let dropped: BTreeSet<u32> = items.iter().filter(|i| !i.keep).map(|i| i.id).collect();
        let kept: BTreeSet<u32> = items.iter().filter(|i| i.keep).map(|i| i.id).collect();
        let mut changed = false;
        for r in refs.iter().filter(|r| &r.kind == b"dimg") {
            if kept.contains(&r.from) && r.to.iter().any(|t| dropped.contains(t)) {
                changed |= mark(items, r.from, Extra::Part);
            }
        }
        let used_by_kept: BTreeSet<u32> = refs
            .iter()
            .filter(|r| &r.kind == b"dimg" && kept.contains(&r.from))
            .flat_map(|r| r.to.iter().copied())
            .collect();
        for r in refs
            .iter()
            .filter(|r| &r.kind == b"dimg" && dropped.contains(&r.from))
        {
            for t in r.to.iter().filter(|t| !used_by_kept.contains(t)) {
                changed |= mark(items, *t, Extra::Part);
            }
        }
        if !changed {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::bmff::{write_box, write_full};
    use super::*;

    fn item(id: u32, kind: &[u8; 4]) -> Item {
        Item {
            id,
            kind: *kind,
            infe: Vec::new(),
            keep: true,
            content_type: Vec::new(),
            named: false,
            extra: None,
        }
    }

    #[test]
    fn extras_go_with_what_is_made_of_them_and_the_photo_stays() {
        // 1: the photo, a grid of 2 and 3. 4: its gain map, a grid of 5 and
        // 3 (a shared tile stays). 6: the tone-mapped rendition of 1 with 4.
        // 7: an alpha plane of 1. 8: a thumbnail grid of 9. 10: a depth map
        // of 1. 11: the other eye of a stereo pair, its own image.
        let mut iref = Vec::new();
        write_full(&mut iref, 0, 0);
        for (kind, from, to) in [
            (b"dimg", 1u16, &[2u16, 3][..]),
            (b"dimg", 4, &[5, 3]),
            (b"dimg", 6, &[1, 4]),
            (b"auxl", 4, &[1]),
            (b"auxl", 7, &[1]),
            (b"thmb", 8, &[1]),
            (b"dimg", 8, &[9]),
            (b"auxl", 10, &[1]),
        ] {
            let mut r = from.to_be_bytes().to_vec();
            r.extend_from_slice(&(to.len() as u16).to_be_bytes());
            for t in to {
                r.extend_from_slice(&t.to_be_bytes());
            }
            write_box(&mut iref, kind, &r);
        }
        let aux = |t: &str| {
            let mut b = Vec::new();
            write_full(&mut b, 0, 0);
            b.extend_from_slice(t.as_bytes());
            b.push(0);
            let mut out = Vec::new();
            write_box(&mut out, b"auxC", &b);
            out
        };
        let mut ipco = Vec::new();
        ipco.extend(aux("urn:com:samsung:photo:2024:aux:hdrgainmap"));
        ipco.extend(aux("urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"));
        ipco.extend(aux("urn:mpeg:hevc:2015:auxid:2"));
        let mut ipma = Vec::new();
        write_full(&mut ipma, 0, 0);
        ipma.extend_from_slice(&3u32.to_be_bytes());
        ipma.extend_from_slice(&[0, 4, 1, 0x81, 0, 7, 1, 0x82, 0, 10, 1, 0x83]);
        let mut iprp = Vec::new();
        write_box(&mut iprp, b"ipco", &ipco);
        write_box(&mut iprp, b"ipma", &ipma);
        let (mut iref_box, mut iprp_box) = (Vec::new(), Vec::new());
        write_box(&mut iref_box, b"iref", &iref);
        write_box(&mut iprp_box, b"iprp", &iprp);
        let iref = &children(&iref_box, FORMAT).unwrap()[0];
        let iprp = &children(&iprp_box, FORMAT).unwrap()[0];

        let mut items: Vec<Item> = [
            (1, b"grid"),
            (2, b"hvc1"),
            (3, b"hvc1"),
            (4, b"grid"),
            (5, b"hvc1"),
            (6, b"tmap"),
            (7, b"hvc1"),
            (8, b"grid"),
            (9, b"hvc1"),
            (10, b"hvc1"),
            (11, b"hvc1"),
        ]
        .into_iter()
        .map(|(id, kind)| item(id, kind))
        .collect();
        drop_extras(&mut items, Some(1), Some(iref), Some(iprp)).unwrap();
        let kept: Vec<u32> = items.iter().filter(|i| i.keep).map(|i| i.id).collect();
        assert_eq!(kept, [1, 2, 3, 7, 11]);
        let why = |id: u32| items.iter().find(|i| i.id == id).unwrap().extra;
        assert_eq!(why(4), Some(Extra::Auxiliary(Auxiliary::GainMap)));
        assert_eq!(why(10), Some(Extra::Auxiliary(Auxiliary::Depth)));
        assert_eq!(why(8), Some(Extra::Thumbnail));
        for part in [5, 6, 9] {
            assert_eq!(why(part), Some(Extra::Part), "item {part}");
        }

        // The primary image is never dropped, whatever points at it.
        let mut items: Vec<Item> = [(1, b"hvc1"), (2, b"hvc1")]
            .into_iter()
            .map(|(id, kind)| item(id, kind))
            .collect();
        let mut iref = Vec::new();
        write_full(&mut iref, 0, 0);
        write_box(&mut iref, b"thmb", &[0, 1, 0, 1, 0, 2]);
        write_box(&mut iref, b"auxl", &[0, 1, 0, 1, 0, 2]);
        let mut iref_box = Vec::new();
        write_box(&mut iref_box, b"iref", &iref);
        let iref = &children(&iref_box, FORMAT).unwrap()[0];
        drop_extras(&mut items, Some(1), Some(iref), None).unwrap();
        assert!(items[0].keep);
    }

    #[test]
    fn auxiliary_types_are_told_apart() {
        for (t, want) in [
            ("urn:mpeg:mpegB:cicp:systems:auxiliary:alpha", None),
            ("urn:mpeg:hevc:2015:auxid:1", None),
            ("urn:mpeg:hevc:2015:auxid:2", Some(Auxiliary::Depth)),
            (
                "urn:com:apple:photo:2020:aux:hdrgainmap",
                Some(Auxiliary::GainMap),
            ),
            (
                "urn:com:samsung:photo:2024:aux:hdrgainmap",
                Some(Auxiliary::GainMap),
            ),
            (
                "urn:com:apple:photo:2018:aux:portraiteffectsmatte",
                Some(Auxiliary::Matte),
            ),
            (
                "urn:com:apple:photo:2019:aux:semanticskinmatte",
                Some(Auxiliary::Matte),
            ),
            ("urn:example:something", Some(Auxiliary::Other)),
        ] {
            assert_eq!(classify(t.as_bytes()), want, "{t}");
        }
    }
}
