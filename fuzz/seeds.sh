#!/usr/bin/env bash
# Rebuilds the seed corpora (fuzz/corpus/) with the darkroom CLI and the
# tools the stripping corpus uses. Seeds are committed; run this only to
# refresh them. Every envelope is sealed to the fixture fuzz-identity.txt.
#
#   fuzz/seeds.sh [path/to/darkroom]
set -euo pipefail
cd "$(dirname "$0")/.."
darkroom=${1:-target/debug/darkroom}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=fuzz/corpus
recipient=$(age-keygen -y fuzz/fuzz-identity.txt)

mkdir -p "$corpus"/{strip,attestation,envelope,bundle,export,upload,jpeg}

# Stripping: small images with every kind of metadata, and a non-image.
tests/corpus/generate.sh "$work/img" 24x16 >/dev/null
cp "$work"/img/*.{jpg,png,webp,heic,avif} "$work"/img/video-{faststart-full.mp4,iphone-full.mov} \
  "$work"/img/audio-full.{mp3,flac,wav,ogg,opus} "$work"/img/tiff-{lzw,fax}-full.tif \
  "$work"/img/doc-{memo,photo,linearized}.pdf "$work"/img/doc-memo.{docx,odt} \
  "$work"/img/doc-budget.xlsx "$corpus/strip/"
printf 'plain text, not an image\n' > "$corpus/strip/text.txt"

# JPEG coefficients: small images in each sampling, with restart markers,
# and progressive (libjpeg-turbo's cjpeg and jpegtran).
convert -seed 1 -size 40x30 plasma:fractal "$work/small.ppm"
cjpeg -quality 80 -sample 2x2 -outfile "$corpus/jpeg/420.jpg" "$work/small.ppm"
cjpeg -quality 80 -sample 1x1 -restart 1 -outfile "$corpus/jpeg/444-restart.jpg" "$work/small.ppm"
cjpeg -quality 80 -grayscale -outfile "$corpus/jpeg/grey.jpg" "$work/small.ppm"
jpegtran -progressive -outfile "$corpus/jpeg/progressive.jpg" "$corpus/jpeg/420.jpg"

# A signed capture: the JPEG, its sidecar JSON, and the binary attestation
# (the APP11 payload after its 17-byte identifier).
"$darkroom" capture keygen -o "$work/device.key" > "$work/device.pub"
"$darkroom" capture sign "$work/img/jpeg-baseline.jpg" --key "$work/device.key" \
  --time 1700000000 --lat 48.85 --lon 2.35 -o "$corpus/attestation/signed.jpg"
"$darkroom" capture sign "$work/img/jpeg-baseline.jpg" --key "$work/device.key" \
  --time 1700000000 --sidecar -o "$work/sidecar.jpg"
cp "$work/sidecar.capture.json" "$corpus/attestation/sidecar.json"
python3 - "$corpus/attestation/signed.jpg" "$corpus/attestation/binary.bin" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
i = 2
while i + 4 <= len(data) and data[i] == 0xFF:
    marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], 'big')
    body = data[i + 4:i + 2 + length]
    if marker == 0xEB and body.startswith(b'darkroom-capture\0'):
        open(sys.argv[2], 'wb').write(body[17:])
        break
    i += 2 + length
else:
    sys.exit('no attestation segment')
PY

# Proof keys and a registry holding the device.
"$darkroom" setup --dev -o "$work/keys" >/dev/null
grep -o '[0-9a-f]\{64\}' "$work/device.pub" | head -1 > "$work/devices.txt"
"$darkroom" registry build "$work/devices.txt" -o "$work/registry.json" >/dev/null
root=$("$darkroom" registry root "$work/registry.json")

# Envelopes: a photo with its proof, a note with a message, a PNG.
printf 'a short note\n' > "$work/note.txt"
"$darkroom" seal "$work/note.txt" --to "$recipient" --message "seed message" -o "$corpus/envelope/note.age"
"$darkroom" seal "$work/img/png-full.png" --to "$recipient" -o "$corpus/envelope/png.age"
"$darkroom" seal "$corpus/attestation/signed.jpg" --to "$recipient" --prove \
  --registry "$work/registry.json" --keys "$work/keys" --region 48,2,49,3 \
  -o "$corpus/envelope/photo.age"
mv "$corpus/envelope/photo.age.proof.json" "$corpus/bundle/sealed.json"

# Bundles: from `prove`, in JSON and in binary.
for form in json bin; do
  "$darkroom" prove "$corpus/attestation/signed.jpg" --registry "$work/registry.json" \
    --keys "$work/keys" --time-window day -o "$corpus/bundle/proof.$form" \
    --opening-out "$work/opening.$form"
done

# Upload bodies: the API's multipart form, as a browser or `submit` sends it.
python3 - "$corpus" <<'PY'
import sys
corpus = sys.argv[1]
boundary = b'darkroom-fuzz'
def form(parts):
    out = b''
    for name, filename, data in parts:
        out += b'--' + boundary + b'\r\nContent-Disposition: form-data; name="' + name + b'"'
        if filename:
            out += b'; filename="' + filename + b'"'
        out += b'\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b'\r\n'
    return out + b'--' + boundary + b'--\r\n'
read = lambda p: open(f'{corpus}/{p}', 'rb').read()
seeds = {
    'note': [(b'envelope', b'envelope.age', read('envelope/note.age'))],
    'proven': [(b'envelope', b'envelope.age', read('envelope/photo.age')),
               (b'bundle', b'bundle.json', read('bundle/sealed.json'))],
    'codename': [(b'envelope', b'envelope.age', read('envelope/png.age')),
                 (b'codename', None, b'{"new":{"lookup":"00","verifier":"00","recipient":"age1"}}')],
}
for name, parts in seeds.items():
    open(f'{corpus}/upload/{name}.form', 'wb').write(form(parts))
PY

# Export archives: a real server's export of two submissions, and a tar
# with a member outside the format.
cat > "$work/darkroom.toml" <<TOML
newsroom = "Seed Desk"
listen = "127.0.0.1:0"
data = "$work/data"
recipients = ["$recipient"]
registry_roots = ["$root"]
verifying_key = "$work/keys/verifying.key"
insecure_dev_keys = true
TOML
"$darkroom" serve --config "$work/darkroom.toml" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  url=$(sed -n 's/^Darkroom is listening on //p' "$work/serve.log")
  [ -n "$url" ] && break
  sleep 0.1
done
"$darkroom" submit "$work/note.txt" --server "$url" --message "seed message" >/dev/null
"$darkroom" submit "$corpus/attestation/signed.jpg" --server "$url" --prove \
  --registry "$work/registry.json" --keys "$work/keys" >/dev/null
kill "$server"; wait "$server" || true
"$darkroom" admin export --data "$work/data" -o "$corpus/export/two.tar" >/dev/null
python3 - "$corpus/export/escape.tar" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w', format=tarfile.USTAR_FORMAT) as t:
    for name, data in [('darkroom-export/export.json', b'{"format":"darkroom-export","version":1,"submissions":[]}'),
                       ('darkroom-export/../../etc/passwd', b'x'),
                       ('darkroom-export/SHA256SUMS', b'')]:
        info = tarfile.TarInfo(name); info.size = len(data); info.mtime = 0
        t.addfile(info, io.BytesIO(data))
PY
echo "seed corpora written to $corpus"
