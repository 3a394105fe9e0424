// Writes each file the server sends under /static/client/, exactly as it
// is sent, in the two content codings browsers ask for: brotli (quality 11)
// and gzip (level 9), into OUT/compressed/NAME.br and NAME.gz. The server
// embeds them and sends one when a request accepts it; each decodes to
// the bytes the bundle's hashes cover (server/src/client.rs tests it).
//
//   node web/tools/precompress.js OUT
//
// node's own zlib and brotli make the bytes; scripts/build-web pins their
// versions, so that the output is the same on every machine.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const out = process.argv[2];
const js = path.join(__dirname, '..', 'js');
const glue = fs.readFileSync(path.join(out, 'darkroom_web.js'));
const nl = Buffer.from('\n');
// What the server sends by each name (server/src/client.rs, `file`): the
// worker and the verify page's checker are sent after the glue.
const served = {
  'darkroom_web_bg.wasm': fs.readFileSync(path.join(out, 'darkroom_web_bg.wasm')),
  'darkroom_web_js.js': fs.readFileSync(path.join(out, 'darkroom_web_js.js')),
  'darkroom_verify_js.js': fs.readFileSync(path.join(out, 'darkroom_verify_js.js')),
  'common.js': fs.readFileSync(path.join(js, 'common.js')),
  'inbox.js': fs.readFileSync(path.join(js, 'inbox.js')),
  'submit.js': fs.readFileSync(path.join(js, 'submit.js')),
  'verify.js': Buffer.concat([glue, nl, fs.readFileSync(path.join(js, 'verify.js'))]),
  'worker.js': Buffer.concat([glue, nl, fs.readFileSync(path.join(js, 'worker.js'))]),
};
const dir = path.join(out, 'compressed');
fs.mkdirSync(dir, { recursive: true });
for (const [name, bytes] of Object.entries(served)) {
  const br = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: name.endsWith('.js')
        ? zlib.constants.BROTLI_MODE_TEXT
        : zlib.constants.BROTLI_MODE_GENERIC,
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  // node writes no name and a zero time into the gzip header.
  const gz = zlib.gzipSync(bytes, { level: 9 });
  fs.writeFileSync(path.join(dir, name + '.br'), br);
  fs.writeFileSync(path.join(dir, name + '.gz'), gz);
  console.log(`${name}: ${bytes.length} B, brotli ${br.length} B, gzip ${gz.length} B`);
}
