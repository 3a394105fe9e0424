//! `darkroom-bench strip-seal`: strip and seal measured against the tools a
//! careful user would otherwise reach for, in one run, as whole processes.
//!
//! Absolute times on shared machines are noisy; the ratios are the figures
//! to read. Peers: `exiftool -all=` and `mat2` (strip), the reference `age`
//! CLI (seal throughput). Memory: peak RSS of sealing and opening a large
//! file, as reported by the child process itself.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// Set in a `darkroom` process's environment to make it report its peak
/// RSS on exit (`peak-rss-kib: N` on standard error).
pub const PEAK_RSS_ENV: &str = "DARKROOM_REPORT_PEAK_RSS";

pub fn run(files: usize, seal_mib: u64, memory_mib: u64) -> Result<std::process::ExitCode> {
    let me = crate::darkroom();
    let dir = tempfile::Builder::new()
        .prefix("darkroom-bench-")
        .tempdir()?;
    let d = dir.path();
    for tool in [
        "/usr/bin/convert",
        "cjpeg",
        "exiftool",
        "mat2",
        "age",
        "age-keygen",
    ] {
        if which(tool).is_none() {
            bail!("the benchmark needs {tool}; install imagemagick, libjpeg-turbo-progs, libimage-exiftool-perl, mat2 and age");
        }
    }

    eprintln!("making {files} 12-megapixel JPEGs with metadata…");
    let photos = make_photos(d, files.max(1))?;
    let mut rows = Vec::new();

    let ours = time_each(&photos, |p| {
        let mut c = Command::new(me);
        c.arg("strip")
            .arg(p)
            .arg("-o")
            .arg(p.with_extension("ours.jpg"));
        c
    })?;
    let exiftool = time_each(&photos, |p| {
        let mut c = Command::new("exiftool");
        c.args(["-q", "-all=", "-o"])
            .arg(p.with_extension("exiftool.jpg"))
            .arg(p);
        c
    })?;
    let mat2 = time_each(&photos, |p| {
        let mut c = Command::new("mat2");
        c.arg(p);
        c
    })?;
    let copy = time_each(&photos, |p| {
        let mut c = Command::new("cp");
        c.arg(p).arg(p.with_extension("copy.jpg"));
        c
    })?;
    rows.push(row("strip 12 MP JPEG, darkroom strip", ours, None));
    rows.push(row(
        "copy the same file, cp (the I/O floor)",
        copy,
        Some(ours),
    ));
    rows.push(row(
        "strip 12 MP JPEG, exiftool -all=",
        exiftool,
        Some(ours),
    ));
    rows.push(row("strip 12 MP JPEG, mat2", mat2, Some(ours)));

    let key = d.join("key.txt");
    run_quiet(Command::new("age-keygen").arg("-o").arg(&key))?;
    let recipient = fs::read_to_string(&key)?
        .lines()
        .find_map(|l| l.strip_prefix("# public key: ").map(str::to_string))
        .context("age-keygen wrote no public key")?;
    let blob = d.join("blob.bin");
    write_random(&blob, seal_mib)?;
    let seal_ours = median(3, || {
        timed(
            Command::new(me)
                .arg("seal")
                .arg(&blob)
                .args(["--send-as-is", "--to", &recipient, "-o"])
                .arg(d.join("blob.darkroom.age")),
        )
    })?;
    let seal_age = median(3, || {
        timed(
            Command::new("age")
                .args(["-r", &recipient, "-o"])
                .arg(d.join("blob.age"))
                .arg(&blob),
        )
    })?;
    // The age crate alone, in this process: how much of the gap to the Go
    // implementation is the crate's own encryption speed.
    let crate_only = median(3, || {
        age_crate_encrypt(&blob, &recipient, &d.join("blob.crate.age"))
    })?;
    // The writer `darkroom seal` uses, alone: chunks sealed on every core.
    let parallel_only = median(3, || {
        parallel_encrypt(&blob, &recipient, &d.join("blob.parallel.age"))
    })?;
    let mb = seal_mib as f64 * 1.048_576;
    println!();
    println!("| what | median | ratio |");
    println!("|---|---|---|");
    for r in &rows {
        println!("{r}");
    }
    println!(
        "| seal {seal_mib} MiB, darkroom seal | {:.0} MB/s | {:.2}x of age |",
        mb / seal_ours.as_secs_f64(),
        seal_age.as_secs_f64() / seal_ours.as_secs_f64()
    );
    println!(
        "| seal {seal_mib} MiB, age -r | {:.0} MB/s | 1.00x |",
        mb / seal_age.as_secs_f64()
    );
    println!(
        "| encrypt {seal_mib} MiB, age crate alone (no strip, no digest) | {:.0} MB/s | {:.2}x of age |",
        mb / crate_only.as_secs_f64(),
        seal_age.as_secs_f64() / crate_only.as_secs_f64()
    );
    println!(
        "| encrypt {seal_mib} MiB, darkroom's parallel age writer alone (no strip, no digest) | {:.0} MB/s | {:.2}x of age |",
        mb / parallel_only.as_secs_f64(),
        seal_age.as_secs_f64() / parallel_only.as_secs_f64()
    );

    if memory_mib > 0 {
        let big = d.join("big.bin");
        write_random(&big, memory_mib)?;
        let env = d.join("big.age");
        let seal_rss = peak_rss(
            Command::new(me)
                .arg("seal")
                .arg(&big)
                .args(["--send-as-is", "--to", &recipient, "-o"])
                .arg(&env),
        )?;
        fs::remove_file(&big)?;
        let open_rss = peak_rss(
            Command::new(me)
                .args(["newsroom", "open"])
                .arg(&env)
                .arg("-i")
                .arg(&key)
                .arg("-o")
                .arg(d.join("opened")),
        )?;
        println!(
            "| seal {memory_mib} MiB, peak RSS | {:.1} MiB | target < 64 MiB |",
            seal_rss as f64 / 1024.0
        );
        println!(
            "| open {memory_mib} MiB, peak RSS | {:.1} MiB | target < 64 MiB |",
            open_rss as f64 / 1024.0
        );
    }
    println!();
    println!("strip: peer time / darkroom time (target: exiftool >= 50x); seal: darkroom throughput / age throughput (target >= 1.2x).");
    Ok(std::process::ExitCode::SUCCESS)
}

struct Row {
    what: &'static str,
    median: Duration,
    base: Option<Duration>,
}

fn row(what: &'static str, median: Duration, base: Option<Duration>) -> Row {
    Row { what, median, base }
}

impl std::fmt::Display for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Peer time over darkroom's: above 1, darkroom is faster.
        let ratio = match self.base {
            Some(b) => format!(
                "{:.2}x darkroom's time",
                self.median.as_secs_f64() / b.as_secs_f64()
            ),
            None => "1.00x".to_string(),
        };
        write!(
            f,
            "| {} | {:.1} ms | {ratio} |",
            self.what,
            self.median.as_secs_f64() * 1e3
        )
    }
}

pub fn which(tool: &str) -> Option<PathBuf> {
    if tool.contains('/') {
        return Path::new(tool).exists().then(|| PathBuf::from(tool));
    }
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(tool))
        .find(|p| p.exists())
}

fn make_photos(dir: &Path, n: usize) -> Result<Vec<PathBuf>> {
    let base = dir.join("base.ppm");
    run_quiet(
        Command::new("/usr/bin/convert")
            .args([
                "-seed",
                "3",
                "-size",
                "1000x750",
                "plasma:fractal",
                "-resize",
                "4000x3000!",
                "+noise",
                "Gaussian",
            ])
            .arg(&base),
    )?;
    let mut photos = Vec::new();
    for i in 0..n {
        let p = dir.join(format!("photo{i}.jpg"));
        let q = (80 + i % 15).to_string();
        let out = Command::new("cjpeg")
            .args(["-quality", &q])
            .arg(&base)
            .output()?;
        if !out.status.success() {
            bail!("cjpeg failed");
        }
        fs::write(&p, out.stdout)?;
        run_quiet(
            Command::new("exiftool")
                .args([
                    "-q",
                    "-overwrite_original",
                    "-Make=DemoCam",
                    "-Model=X1",
                    "-SerialNumber=SN-FAKE",
                    "-GPSLatitude=52.37",
                    "-GPSLatitudeRef=N",
                    "-DateTimeOriginal=2024:05:06 07:08:09",
                    "-XMP-dc:Creator=Jane Example",
                    "-Comment=bench",
                ])
                .arg(&p),
        )?;
        photos.push(p);
    }
    Ok(photos)
}

fn age_crate_encrypt(input: &Path, recipient: &str, output: &Path) -> Result<Duration> {
    let start = Instant::now();
    let r: age::x25519::Recipient = recipient
        .parse()
        .map_err(|e| anyhow::anyhow!("bad recipient: {e}"))?;
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))?;
    let mut w = enc.wrap_output(std::io::BufWriter::with_capacity(
        64 * 1024,
        fs::File::create(output)?,
    ))?;
    std::io::copy(&mut fs::File::open(input)?, &mut w)?;
    w.finish()?.flush()?;
    Ok(start.elapsed())
}

fn parallel_encrypt(input: &Path, recipient: &str, output: &Path) -> Result<Duration> {
    let start = Instant::now();
    let r: age::x25519::Recipient = recipient
        .parse()
        .map_err(|e| anyhow::anyhow!("bad recipient: {e}"))?;
    let mut w = darkroom_core::age_stream::AgeWriter::new(
        &[&r as &dyn age::Recipient],
        std::io::BufWriter::with_capacity(64 * 1024, fs::File::create(output)?),
    )?;
    std::io::copy(&mut fs::File::open(input)?, &mut w)?;
    w.finish()?.flush()?;
    Ok(start.elapsed())
}

fn write_random(path: &Path, mib: u64) -> Result<()> {
    use rand::RngCore;
    let mut f = std::io::BufWriter::new(fs::File::create(path)?);
    let mut buf = vec![0u8; 1 << 20];
    for _ in 0..mib {
        rand::thread_rng().fill_bytes(&mut buf);
        f.write_all(&buf)?;
    }
    f.flush()?;
    Ok(())
}

pub(crate) fn run_quiet(c: &mut Command) -> Result<()> {
    let status = c.stdout(Stdio::null()).stderr(Stdio::null()).status()?;
    if !status.success() {
        bail!("{:?} failed", c.get_program());
    }
    Ok(())
}

pub(crate) fn timed(c: &mut Command) -> Result<Duration> {
    let start = Instant::now();
    run_quiet(c)?;
    Ok(start.elapsed())
}

pub(crate) fn median_of(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median of `n` runs of `f`.
fn median(n: usize, mut f: impl FnMut() -> Result<Duration>) -> Result<Duration> {
    Ok(median_of((0..n).map(|_| f()).collect::<Result<_>>()?))
}

/// The median over files, each run once.
fn time_each(photos: &[PathBuf], mut cmd: impl FnMut(&Path) -> Command) -> Result<Duration> {
    Ok(median_of(
        photos
            .iter()
            .map(|p| timed(&mut cmd(p)))
            .collect::<Result<_>>()?,
    ))
}

/// Runs `c` with [`PEAK_RSS_ENV`] set and returns the peak RSS it reports, in KiB.
pub(crate) fn peak_rss(c: &mut Command) -> Result<u64> {
    let out = c.env(PEAK_RSS_ENV, "1").stdout(Stdio::null()).output()?;
    if !out.status.success() {
        bail!(
            "{:?} failed: {}",
            c.get_program(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kib: ")?.trim().parse().ok())
        .context("the child reported no peak RSS")
}
