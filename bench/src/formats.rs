//! `darkroom-bench formats`: stripping each format Darkroom cleans beyond
//! JPEG, against `exiftool -all=` and `mat2` (where it reads the format) and
//! `cp`, in one run, as whole processes; and a video's strip throughput
//! against `ffmpeg -map_metadata -1 -c copy` (the usual way to drop a
//! video's metadata) and `cp`.
//!
//! The files are made here by libheif, ffmpeg and exiftool, with the
//! metadata phones and recorders write.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Result};

use crate::strip_seal::{median_of, run_quiet, timed, which};

/// How big the files are: the default is a photo, a minute of audio and a
/// video of `video_seconds`; `small` makes everything tiny, for the test
/// that keeps this benchmark working.
pub fn run(runs: usize, video_seconds: u32, small: bool) -> Result<std::process::ExitCode> {
    for tool in [
        "/usr/bin/convert",
        "exiftool",
        "mat2",
        "heif-enc",
        "ffmpeg",
        "gs",
        "pandoc",
    ] {
        if which(tool).is_none() {
            bail!("the benchmark needs {tool}; install imagemagick, libimage-exiftool-perl, mat2, libheif-examples, ffmpeg, ghostscript and pandoc");
        }
    }
    let dir = tempfile::Builder::new()
        .prefix("darkroom-bench-formats-")
        .tempdir()?;
    let d = dir.path();
    eprintln!("making the files…");
    let files = make_files(d, video_seconds, small)?;
    let me = crate::darkroom();
    let runs = runs.max(1);

    println!();
    println!("| format (size) | darkroom strip | cp | exiftool -all= | mat2 | ffmpeg -c copy |");
    println!("|---|---|---|---|---|---|");
    for (label, file) in &files {
        let ext = file
            .extension()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let out = |tag: &str| file.with_extension(format!("{tag}.{ext}"));
        let time = |mk: &dyn Fn() -> Command| -> Result<Duration> {
            Ok(median_of(
                (0..runs).map(|_| timed(&mut mk())).collect::<Result<_>>()?,
            ))
        };
        let ours = time(&|| {
            let mut c = Command::new(me);
            c.arg("strip").arg(file).arg("-o").arg(out("ours"));
            c
        })?;
        let cp = time(&|| {
            let mut c = Command::new("cp");
            c.arg(file).arg(out("copy"));
            c
        })?;
        let exiftool = time(&|| {
            let _ = fs::remove_file(out("exiftool"));
            let mut c = Command::new("exiftool");
            c.args(["-q", "-all=", "-o"]).arg(out("exiftool")).arg(file);
            c
        });
        // mat2 writes FILE.cleaned.EXT beside the file, and says when it
        // does not read a format.
        let mat2 = time(&|| {
            let mut c = Command::new("mat2");
            c.arg(file);
            c
        });
        let ffmpeg = if ext == "mp4" || ext == "mov" {
            Some(time(&|| {
                let mut c = Command::new("ffmpeg");
                c.args(["-y", "-loglevel", "error", "-i"])
                    .arg(file)
                    .args(["-map", "0", "-map_metadata", "-1", "-c", "copy"])
                    .arg(out("ffmpeg"));
                c
            })?)
        } else {
            None
        };
        let mib = fs::metadata(file)?.len() as f64 / (1 << 20) as f64;
        let cell = |t: Result<Duration>| match t {
            Ok(t) => format!(
                "{:.0} ms ({:.2}x)",
                t.as_secs_f64() * 1e3,
                t.as_secs_f64() / ours.as_secs_f64()
            ),
            Err(_) => "cannot clean it".to_string(),
        };
        let throughput = if ext == "mp4" || ext == "mov" {
            format!(", {:.0} MB/s", mib * 1.048_576 / ours.as_secs_f64())
        } else {
            String::new()
        };
        println!(
            "| {label} ({mib:.1} MiB) | {:.0} ms{throughput} | {} | {} | {} | {} |",
            ours.as_secs_f64() * 1e3,
            cell(Ok(cp)),
            cell(exiftool),
            cell(mat2),
            ffmpeg.map_or("-".to_string(), |t| cell(Ok(t))),
        );
    }
    println!();
    println!("Each peer's time is also given as a multiple of darkroom's (above 1: darkroom is faster); median of {runs} run(s).");
    Ok(std::process::ExitCode::SUCCESS)
}

fn make_files(d: &Path, video_seconds: u32, small: bool) -> Result<Vec<(&'static str, PathBuf)>> {
    let (size, audio_seconds, video_size) = if small {
        ("64x48", "0.2", "64x48")
    } else {
        ("4032x3024", "60", "1920x1080")
    };
    let seconds = if small { 1 } else { video_seconds.max(1) };
    let tags = [
        "-Make=DemoCam",
        "-Model=DemoCam X1",
        "-GPSLatitude=52.3731",
        "-GPSLatitudeRef=N",
        "-GPSLongitude=4.8922",
        "-GPSLongitudeRef=E",
        "-DateTimeOriginal=2024:05:06 07:08:09",
        "-XMP-dc:Creator=Jane Example",
    ];
    let jpeg = d.join("photo.jpg");
    run_quiet(
        Command::new("/usr/bin/convert")
            .args([
                "-seed",
                "5",
                "-size",
                size,
                "plasma:fractal",
                "-quality",
                "92",
            ])
            .arg(&jpeg),
    )?;
    run_quiet(
        Command::new("exiftool")
            .args(["-q", "-overwrite_original"])
            .args(tags)
            .arg(&jpeg),
    )?;
    let heic = d.join("photo.heic");
    run_quiet(
        Command::new("heif-enc")
            .args(["-q", "70"])
            .arg(&jpeg)
            .arg("-o")
            .arg(&heic),
    )?;

    let video = d.join("video.mp4");
    let location = "location=+52.3731+004.8922/";
    run_quiet(
        Command::new("ffmpeg")
            .args(["-y", "-loglevel", "error", "-f", "lavfi", "-i"])
            .arg(format!("testsrc2=size={video_size}:rate=30"))
            .args(["-f", "lavfi", "-i", "sine=frequency=440", "-t"])
            .arg(seconds.to_string())
            .args([
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-b:v",
                "20M",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-movflags",
                "use_metadata_tags",
                "-metadata",
                location,
                "-metadata",
                "make=DemoCam",
                "-metadata",
                "model=DemoCam X1",
                "-metadata",
                "creation_time=2024-05-06T07:08:09Z",
            ])
            .arg(&video),
    )?;
    let mut out = vec![("HEIC photo", heic), ("MP4 video", video)];
    for (label, ext, codec) in [
        ("MP3 audio", "mp3", "libmp3lame"),
        ("FLAC audio", "flac", "flac"),
        ("WAV audio", "wav", "pcm_s16le"),
        ("Ogg Vorbis audio", "ogg", "libvorbis"),
    ] {
        let f = d.join(format!("audio.{ext}"));
        run_quiet(
            Command::new("ffmpeg")
                .args([
                    "-y",
                    "-loglevel",
                    "error",
                    "-f",
                    "lavfi",
                    "-i",
                    "sine=frequency=440",
                    "-t",
                ])
                .arg(audio_seconds)
                .args(["-c:a", codec, "-metadata", "artist=Jane Example"])
                .args(["-metadata", "date=2024-05-06"])
                .arg(&f),
        )?;
        out.push((label, f));
    }

    // Documents: a PDF holding the photo (Ghostscript keeps its JPEG data
    // and EXIF as they are), with an author; a Word file by pandoc with
    // pages of text, a reviewer's comment and the photo.
    let pdf = d.join("document.pdf");
    let viewjpeg = fs::read_dir("/usr/share/ghostscript")?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("lib/viewjpeg.ps"))
        .find(|p| p.exists())
        .ok_or_else(|| anyhow::anyhow!("Ghostscript's viewjpeg.ps is missing"))?;
    run_quiet(
        Command::new("gs")
            .args(["-q", "-dNOSAFER", "-sDEVICE=pdfwrite", "-o"])
            .arg(&pdf)
            .arg(&viewjpeg)
            .arg("-c")
            .arg(format!("({}) viewJPEG", jpeg.display())),
    )?;
    run_quiet(
        Command::new("exiftool")
            .args(["-q", "-overwrite_original", "-PDF:Author=Jane Example"])
            .arg(&pdf),
    )?;
    out.push(("PDF with a photo", pdf));
    let paragraphs = if small { 3 } else { 400 };
    let mut md = String::from("---\nauthor: Jane Example\n---\n\n");
    for i in 0..paragraphs {
        md.push_str(&format!("Paragraph {i} of the minutes: the budget, the schedule and the names of those present. [Check]{{.comment-start id=\"{i}\" author=\"Jim Reviewer\"}}noted[]{{.comment-end id=\"{i}\"}}\n\n"));
    }
    md.push_str(&format!("![photo]({})\n", jpeg.display()));
    let source = d.join("memo.md");
    fs::write(&source, md)?;
    let docx = d.join("memo.docx");
    run_quiet(Command::new("pandoc").arg(&source).arg("-o").arg(&docx))?;
    out.push(("Word document", docx));
    Ok(out)
}
