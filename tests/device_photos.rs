//! HEIC photos from real phones and cameras (downloaded by
//! `scripts/fetch-device-samples`), through `darkroom strip` and checked by
//! exiftool, mat2 and libheif: what the device wrote about itself and the
//! place is gone, and the photo decodes to the same pixels. The page's path
//! is `browser::the_page_cleans_real_phone_photos`.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::strip_peers::{
    exiftool_tags, exiftool_values, heif_signature, identifying, metadata_tags,
};
use crate::util::*;

/// A sample: its file, the maker's name as exiftool reads it, whether it
/// carries a GPS position, and whether libheif decodes it here in seconds.
pub(crate) struct Sample {
    pub file: &'static str,
    pub make: &'static str,
    pub gps: bool,
    pub decode: bool,
}

pub(crate) const SAMPLES: &[Sample] = &[
    Sample {
        file: "pug.heic",
        make: "Apple",
        gps: true,
        decode: true,
    },
    Sample {
        file: "empty_icc.heic",
        make: "Apple",
        gps: true,
        decode: true,
    },
    Sample {
        file: "arrow.heic",
        make: "Apple",
        gps: false,
        decode: true,
    },
    Sample {
        file: "L_exif_xmp_iptc.heic",
        make: "SONY",
        gps: false,
        decode: true,
    },
    Sample {
        file: "cat.hif",
        make: "SONY",
        gps: false,
        decode: true,
    },
    Sample {
        file: "xiaomi.heic",
        make: "Xiaomi",
        gps: true,
        decode: true,
    },
    // Samsung writes the image data before its index.
    Sample {
        file: "aux_YCbCr.heic",
        make: "samsung",
        gps: true,
        decode: true,
    },
    // 200 megapixels: half a minute for libheif to decode, so its pixels are
    // left to the smaller Samsung photo above.
    Sample {
        file: "200MP.heic",
        make: "samsung",
        gps: false,
        decode: false,
    },
];

/// HEVC structure whose values contain a word `identifying` looks for
/// ("Main Still Picture", a handler of type "Picture").
const HEVC_STRUCTURE: &[&str] = &[
    "HandlerType",
    "GeneralProfileIDC",
    "GenProfileCompatibilityFlags",
];

/// exiftool's value of one tag, empty when it has none.
fn tag(exiftool: &Path, file: &Path, name: &str) -> String {
    ok(Command::new(exiftool)
        .args(["-s3", &format!("-{name}")])
        .arg(file))
    .trim()
    .to_string()
}

#[test]
fn photos_from_real_phones_come_out_clean_with_the_same_pixels() {
    let exiftool = require!("exiftool");
    let mat2 = require!("mat2");
    let identify = require!("/usr/bin/identify");
    require!("heif-convert");
    let Some(samples) = device_samples() else {
        return;
    };
    let out = scratch("device-photos");
    for s in SAMPLES {
        let original = samples.join(s.file);
        let name = s.file;
        // The sample really carries what must go.
        assert_eq!(tag(&exiftool, &original, "Make"), s.make, "{name}");
        assert!(!tag(&exiftool, &original, "Model").is_empty(), "{name}");
        assert_eq!(
            !tag(&exiftool, &original, "GPSLatitude").is_empty(),
            s.gps,
            "{name}"
        );

        let stripped = out.join(name);
        let report = ok(darkroom()
            .arg("strip")
            .arg(&original)
            .arg("-o")
            .arg(&stripped));
        assert!(report.contains("removed"), "{name}: {report}");

        let left = metadata_tags(&exiftool_tags(&exiftool, &stripped));
        assert!(left.is_empty(), "{name} still has {left:?}");
        let values = exiftool_values(&exiftool, &stripped);
        let maker = s.make.to_ascii_lowercase();
        for line in values.lines() {
            let l = line.to_ascii_lowercase();
            let structure = HEVC_STRUCTURE
                .iter()
                .any(|t| line.split_whitespace().nth(1) == Some(t));
            assert!(
                (structure || !identifying(line)) && !l.contains(&maker) && !l.contains("urn:com:"),
                "{name}: {line}"
            );
        }
        let shown = ok(Command::new(&mat2).arg("--show").arg(&stripped));
        for line in shown.lines().skip(1) {
            assert!(!identifying(line), "{name}: mat2 lists {line}");
        }

        if s.decode {
            assert_eq!(
                heif_signature(&identify, &stripped),
                heif_signature(&identify, &original),
                "{name}"
            );
        }
        // Idempotent, and the content digest is the original's.
        let again = out.join(format!("again-{name}"));
        ok(darkroom().arg("strip").arg(&stripped).arg("-o").arg(&again));
        assert_eq!(
            fs::read(&again).unwrap(),
            fs::read(&stripped).unwrap(),
            "{name}"
        );
        assert_eq!(
            ok(darkroom().arg("digest").arg(&original)),
            ok(darkroom().arg("digest").arg(&stripped)),
            "{name}"
        );
    }
}

/// What the report says of a Samsung photo (image data first) and an
/// iPhone photo with a depth map: the extra images are named, the notes say
/// what the source loses, and every cut of the Samsung file is refused.
#[test]
fn extra_images_are_named_and_a_cut_samsung_photo_is_refused() {
    let Some(samples) = device_samples() else {
        return;
    };
    let out = scratch("device-photos-report");
    let iphone = ok(darkroom()
        .arg("strip")
        .arg(samples.join("pug.heic"))
        .arg("-o")
        .arg(out.join("pug.heic")));
    for said in ["HDR gain map", "depth map", "Exif item", "XMP item"] {
        assert!(iphone.contains(said), "{said:?} in {iphone}");
    }
    let samsung = samples.join("aux_YCbCr.heic");
    let report = ok(darkroom()
        .arg("strip")
        .arg(&samsung)
        .arg("-o")
        .arg(out.join("s.heic")));
    for said in ["HDR gain map", "thumbnail", "box 'sefd'"] {
        assert!(report.contains(said), "{said:?} in {report}");
    }
    // Cut inside its data, inside its index, and in the trailing boxes.
    let bytes = fs::read(&samsung).unwrap();
    for cut in [100, bytes.len() / 2, 1_153_000, bytes.len() - 1] {
        let cut_file = out.join(format!("cut-{cut}.heic"));
        fs::write(&cut_file, &bytes[..cut]).unwrap();
        let dest = out.join(format!("cut-{cut}-out.heic"));
        fails(
            darkroom().arg("strip").arg(&cut_file).arg("-o").arg(&dest),
            "damaged",
        );
        assert!(!dest.exists(), "cut at {cut} wrote {}", dest.display());
    }
}
