#!/bin/sh
# Makes the site's raster images from their SVG sources, once; the results are committed, so a
# build needs none of this. Needs rsvg-convert (Debian: librsvg2-bin) and the DejaVu fonts.
#   public/og.png        1200×630 Open Graph and Twitter card, from assets/og.svg
#   app/favicon.ico      32×32, from app/icon.svg (an ICO holding one PNG, as browsers accept)
set -eu
cd "$(dirname "$0")/.."
rsvg-convert --width 1200 --height 630 assets/og.svg --output public/og.png
rsvg-convert --width 32 --height 32 app/icon.svg --output /tmp/smo1-favicon-32.png
node -e '
const fs = require("node:fs");
const png = fs.readFileSync("/tmp/smo1-favicon-32.png");
const header = Buffer.alloc(6 + 16);
header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(1, 4); // icon, one image
header.writeUInt8(32, 6); header.writeUInt8(32, 7); header.writeUInt8(0, 8); header.writeUInt8(0, 9);
header.writeUInt16LE(1, 10); header.writeUInt16LE(32, 12); // planes, bits per pixel
header.writeUInt32LE(png.length, 14); header.writeUInt32LE(22, 18); // size, offset
fs.writeFileSync("app/favicon.ico", Buffer.concat([header, png]));
'
rm -f /tmp/smo1-favicon-32.png
