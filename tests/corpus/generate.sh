#!/usr/bin/env bash
# Builds the stripping corpus with tools we did not write: ImageMagick,
# libjpeg-turbo, libheif and ffmpeg make the images, videos and audio;
# Ghostscript, qpdf, pandoc and openpyxl the documents; exiftool, webpmux
# and ffmpeg plant the metadata.
# Every run makes the same images (fixed seeds); metadata values are fake.
#
#   tests/corpus/generate.sh OUTDIR [WIDTHxHEIGHT]
set -euo pipefail

out=${1:?usage: generate.sh OUTDIR [WIDTHxHEIGHT]}
size=${2:-320x240}
mkdir -p "$out"
cd "$out"

# Debian's ImageMagick; /usr/local/bin/convert may be something else.
IM=/usr/bin/convert
ICC=/usr/share/color/icc/ghostscript/srgb.icc
exif() { exiftool -q -q -overwrite_original "$@"; }

# Sources: one photo-like image with an alpha twin, and animation frames.
$IM -seed 7 -size "$size" plasma:fractal -blur 0x1 base.ppm
$IM base.ppm -alpha set -channel A -evaluate set 80% +channel base-alpha.png
for i in 1 2 3; do
  $IM -seed "$i" -size 96x64 plasma:fractal "frame$i.png"
done
cp "$ICC" profile.icc

# Metadata a phone or a newsroom's own tools would leave behind.
identifying=(
  -Make=DemoCam -Model="DemoCam X1" -SerialNumber=SN-0000-FAKE
  -BodySerialNumber=BODY-FAKE-1 -LensSerialNumber=LENS-FAKE-2
  -OwnerName="Jane Example" -Artist="Jane Example" -Copyright="Jane Example"
  -DateTimeOriginal="2024:05:06 07:08:09" -CreateDate="2024:05:06 07:08:09"
  -Software="DemoCam Firmware 1.0"
  -GPSLatitude=52.3731 -GPSLatitudeRef=N -GPSLongitude=4.8922 -GPSLongitudeRef=E
  -GPSAltitude=12 -Orientation#=6
  -XMP-dc:Creator="Jane Example" -XMP-xmp:CreatorTool="DemoEdit 2"
  -XMP-exif:GPSLatitude=52.3731 -XMP-exif:GPSLatitudeRef=N
  -IPTC:By-line="Jane Example" -IPTC:City="Amsterdam" -IPTC:Caption-Abstract="fake caption"
  "-icc_profile<=profile.icc"
)

# JPEG: baseline, progressive, with restart markers.
cjpeg -quality 85 base.ppm > jpeg-baseline.jpg
cjpeg -quality 85 -progressive base.ppm > jpeg-progressive.jpg
cjpeg -quality 85 -restart 1 base.ppm > jpeg-restart.jpg
cjpeg -quality 85 -progressive -restart 2 base.ppm > jpeg-progressive-restart.jpg

# JPEG with everything: EXIF, GPS, serials, XMP, IPTC, ICC, a comment, a
# thumbnail, and a trailer after EOI (like a phone's appended preview).
cp jpeg-baseline.jpg jpeg-full.jpg
$IM base.ppm -resize 80x60 thumb.jpg
exif "${identifying[@]}" -Comment="shot by Jane Example" "-ThumbnailImage<=thumb.jpg" jpeg-full.jpg
cat thumb.jpg >> jpeg-full.jpg

cp jpeg-progressive.jpg jpeg-progressive-full.jpg
exif "${identifying[@]}" -Comment="progressive with metadata" jpeg-progressive-full.jpg

cp jpeg-restart.jpg jpeg-restart-full.jpg
exif "${identifying[@]}" jpeg-restart-full.jpg
printf 'TRAILER-AFTER-EOI' >> jpeg-restart-full.jpg

# CMYK, which carries an Adobe APP14 segment decoders need.
$IM base.ppm -colorspace CMYK -quality 85 jpeg-cmyk.jpg
exif -Make=DemoCam -GPSLatitude=1 -GPSLatitudeRef=N jpeg-cmyk.jpg

# PNG: every text chunk type, eXIf, iCCP, tIME and colour chunks.
$IM base.ppm -define png:exclude-chunks=all png-plain.png
cp png-plain.png png-full.png
exif -PNG:Author="Jane Example" -PNG:Comment="tEXt comment" \
  -PNG:Software="DemoEdit 2" -PNG:CreationTime="2024:05:06 07:08:09" png-full.png
# zTXt: a compressed text chunk.
exif -z -PNG:ModifyDate="2024:05:06 07:08:09" -PNG:Description="zTXt description, long enough to be compressed: $(printf 'x%.0s' {1..200})" png-full.png
exif -PNG:PNGWarning= -XMP-dc:Creator="Jane Example" "${identifying[@]:0:6}" \
  -GPSLatitude=52.3731 -GPSLatitudeRef=N "-icc_profile<=profile.icc" png-full.png
$IM png-plain.png -set comment "written by ImageMagick" -define png:include-chunk=tIME,gAMA,cHRM,bKGD,pHYs,tEXt png-colour.png
exif -XMP-dc:Creator="Jane Example" -GPSLatitude=1 -GPSLatitudeRef=N png-colour.png
$IM base-alpha.png -define png:exclude-chunks=all png-alpha.png
exif -PNG:Author="Jane Example" png-alpha.png

# WebP: lossy, lossless (with alpha), animated; metadata planted by webpmux.
printf '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><dc:creator>Jane Example</dc:creator><xmp:CreatorTool>DemoEdit 2</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>' > meta.xmp
exiftool -b -EXIF jpeg-full.jpg > meta.exif
$IM base.ppm base.png
cwebp -quiet -q 80 base.png -o webp-lossy-plain.webp
cwebp -quiet -lossless base-alpha.png -o webp-lossless-plain.webp
img2webp -loop 0 -d 100 frame1.png frame2.png -lossy frame3.png -o webp-animated-plain.webp >/dev/null 2>&1
for kind in lossy lossless animated; do
  webpmux -set icc profile.icc "webp-$kind-plain.webp" -o tmp1.webp >/dev/null 2>&1
  webpmux -set exif meta.exif tmp1.webp -o tmp2.webp >/dev/null 2>&1
  webpmux -set xmp meta.xmp tmp2.webp -o "webp-$kind-full.webp" >/dev/null 2>&1
done

# HEIF: HEVC (HEIC, what iPhones save) and AV1 (AVIF) stills made by
# libheif's heif-enc, which carries the JPEG's EXIF, XMP and ICC profile
# over, the way a phone writes them; one of each also with a thumbnail
# item and the tags a phone adds, written by exiftool.
thumb=$(( ${size%x*} / 4 ))
cjpeg -quality 90 base.ppm > heif-src.jpg
exif "${identifying[@]}" heif-src.jpg
heif-enc -q 60 heif-src.jpg -o heic-full.heic >/dev/null
heif-enc -q 60 --thumb "$thumb" heif-src.jpg -o heic-thumb-full.heic >/dev/null
heif-enc -A -q 60 heif-src.jpg -o avif-full.avif >/dev/null
heif-enc -A -q 60 --thumb "$thumb" heif-src.jpg -o avif-thumb-full.avif >/dev/null
heif-enc -q 60 base.png -o heic-plain.heic >/dev/null
for f in heic-thumb-full.heic avif-thumb-full.avif; do
  exif -Software="17.1" -LensModel="DemoCam X1 back camera 5.7mm f/1.5" \
    -OffsetTimeOriginal=+01:00 -XMP-photoshop:DateCreated=2024:05:06 "$f"
done

# TIFF as scanners write it, by ImageMagick: uncompressed, LZW, tiled
# deflate, JPEG-compressed, and a two-page Group 4 fax; exiftool plants
# EXIF, GPS, XMP, IPTC, an ICC profile and the scanner's tags in each.
$IM base.ppm -compress none tiff-plain-full.tif
$IM base.ppm -compress lzw tiff-lzw-full.tif
$IM base.ppm -compress zip -define tiff:tile-geometry=64x64 tiff-tiled-full.tif
$IM base.ppm -colorspace Gray -compress jpeg tiff-jpeg-full.tif
$IM frame1.png frame2.png -monochrome -compress group4 tiff-fax-full.tif
for f in tiff-*-full.tif; do
  exif "${identifying[@]}" -HostComputer="JANE-PC" -DocumentName="scan 12" "$f"
done

# Video and audio as phones write them, by ffmpeg: an Android-style MP4
# (make, model, location in Keys), the same with its index first
# (faststart), an iPhone-style MOV (Apple's Keys, a timecode track), an M4A
# voice memo; exiftool adds XMP and user data as editing apps do.
vsize=$(( ${size%x*} / 2 * 2 ))x$(( ${size#*x} / 2 * 2 ))
av=(-f lavfi -i "testsrc=size=$vsize:rate=10" -f lavfi -i sine=frequency=440 -t 1
  -c:v libx264 -pix_fmt yuv420p -c:a aac -fflags +bitexact -movflags use_metadata_tags
  -metadata creation_time=2024-05-06T07:08:09Z)
ffmpeg -loglevel error "${av[@]}" -metadata location="+52.3731+004.8922/" \
  -metadata make=DemoCam -metadata model="DemoCam X1" -metadata com.android.version=13 \
  video-android-full.mp4
exif -XMP-dc:Creator="Jane Example" -XMP-exif:GPSLatitude=52.3731 \
  -UserData:Artist="Jane Example" video-android-full.mp4
ffmpeg -loglevel error -i video-android-full.mp4 -map 0 -c copy -map_metadata 0 \
  -movflags +faststart+use_metadata_tags video-faststart-full.mp4
ffmpeg -loglevel error "${av[@]}" -timecode 07:08:09:00 \
  -metadata com.apple.quicktime.location.ISO6709="+52.3731+004.8922+012.000/" \
  -metadata com.apple.quicktime.make=DemoCam -metadata com.apple.quicktime.model="DemoCam X1" \
  -metadata com.apple.quicktime.software=17.1 \
  -metadata com.apple.quicktime.creationdate=2024-05-06T07:08:09+0100 video-iphone-full.mov
exif -XMP-dc:Creator="Jane Example" video-iphone-full.mov
ffmpeg -loglevel error -f lavfi -i sine=frequency=440 -t 1 -c:a aac -fflags +bitexact \
  -metadata artist="Jane Example" -metadata creation_time=2024-05-06T07:08:09Z audio-full.m4a

# Audio as recorders and music tools write it, by ffmpeg: MP3 with ID3v2
# (a cover picture included) and ID3v1, FLAC with Vorbis comments and a
# picture, Ogg Vorbis and Opus with comments, WAV with LIST/INFO and a
# broadcast (bext) chunk.
secs=1
if [ "${size%x*}" -lt 100 ]; then secs=0.1; fi
$IM -seed 3 -size 32x32 plasma:fractal cover.jpg
tags=(-metadata artist="Jane Example" -metadata date=2024-05-06
  -metadata comment="recorded at the office" -metadata title="memo")
tone=(-f lavfi -i sine=frequency=440 -i cover.jpg -t "$secs" -map 0 -map 1 -c:v mjpeg
  -disposition:v attached_pic -fflags +bitexact)
ffmpeg -loglevel error "${tone[@]}" -c:a libmp3lame -b:a 64k -id3v2_version 3 \
  -write_id3v1 1 "${tags[@]}" audio-full.mp3
ffmpeg -loglevel error "${tone[@]}" -c:a flac "${tags[@]}" audio-full.flac
ffmpeg -loglevel error -f lavfi -i sine=frequency=440 -t "$secs" -c:a libvorbis -fflags +bitexact \
  "${tags[@]}" audio-full.ogg
ffmpeg -loglevel error -f lavfi -i sine=frequency=440 -t "$secs" -c:a libopus -fflags +bitexact \
  "${tags[@]}" audio-full.opus
ffmpeg -loglevel error -f lavfi -i sine=frequency=440 -t "$secs" -c:a pcm_s16le -fflags +bitexact \
  -write_bext 1 -metadata originator="Jane Example" -metadata origination_date=2024-05-06 \
  "${tags[@]}" audio-full.wav

# Documents as sources send them. Ghostscript writes a two-page PDF with
# its document info, to which exiftool adds XMP and an author in an
# incremental update (the old revision stays inside, as editors leave it);
# qpdf rewrites it with object streams, linearized; Ghostscript embeds a
# phone photo (EXIF, GPS) in another. pandoc writes Word, OpenDocument and
# PowerPoint files with an author (which pandoc also prints on the first
# page: content, kept), a reviewer's comment and tracked changes, and the
# photo; openpyxl an Excel workbook with an author and a reviewer's comment.
export SOURCE_DATE_EPOCH=1714979289
cat > memo.ps <<'PS'
%!PS
[ /Title (Internal memo) /Author (Jane Example) /Subject (budget) /Keywords (leak)
  /Creator (DemoWriter 3) /DOCINFO pdfmark
/Courier findfont 14 scalefont setfont
72 720 moveto (The minutes of the meeting, page one.) show showpage
/Courier findfont 14 scalefont setfont
72 720 moveto (Second page: the budget is 4 million.) show showpage
PS
gs -q -dSAFER -sDEVICE=pdfwrite -o doc-memo.pdf memo.ps
exif -XMP-dc:Creator="Jane Example" -XMP-xmp:CreatorTool="DemoEdit 2" \
  -PDF:Author="Jane Revised" doc-memo.pdf
qpdf --object-streams=generate --linearize doc-memo.pdf doc-linearized.pdf
$IM -seed 5 -size 64x48 plasma:fractal photo.jpg
exif "${identifying[@]}" photo.jpg
gs -q -dNOSAFER -sDEVICE=pdfwrite -o doc-photo.pdf \
  "$(ls /usr/share/ghostscript/*/lib/viewjpeg.ps | head -1)" -c "(photo.jpg) viewJPEG"
cat > memo.md <<'MD'
---
title: Internal memo
author: Jane Example
subject: budget
keywords: [leak]
---

The minutes of the meeting. [Check with legal]{.comment-start id="0" author="Jim Reviewer" date="2024-05-06T07:08:09Z"}The budget is 4 million.[]{.comment-end id="0"}

[Inserted later.]{.insertion author="Jim Reviewer" date="2024-05-06T07:08:09Z"} [Removed.]{.deletion author="Jim Reviewer" date="2024-05-06T07:08:09Z"}

![A photo](photo.jpg)
MD
for ext in docx odt pptx; do
  pandoc memo.md -o "doc-memo.$ext"
done
/usr/bin/python3 - <<'PY'
import datetime
import openpyxl
from openpyxl.comments import Comment
wb = openpyxl.Workbook()
ws = wb.active
ws["A1"] = "Budget 2024"
ws["B1"] = 4000000
ws["A1"].comment = Comment("Too high", "Jim Reviewer")
wb.properties.creator = "Jane Example"
wb.properties.lastModifiedBy = "Jane Example"
wb.properties.created = datetime.datetime(2024, 5, 6, 7, 8, 9)
wb.save("doc-budget.xlsx")
PY

rm -f memo.ps memo.md photo.jpg cover.jpg heif-src.jpg base.ppm base.png base-alpha.png frame?.png thumb.jpg profile.icc meta.xmp meta.exif tmp?.webp
