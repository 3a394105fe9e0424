// Makes the JavaScript build of the client: for browsers that run
// JavaScript but not WebAssembly (Tor Browser at "Safer"), the same Rust
// client, compiled to WebAssembly without SIMD or reference types, then
// translated to JavaScript by binaryen's wasm2js.
//
//   node web/tools/js-client.js GLUE ASM OUT
//
// GLUE is wasm-bindgen's glue for that build (--target no-modules), ASM
// wasm2js's output (an ES module), OUT the one classic script written. It
// defines one name, `darkroomJs`: `bindgen`, the glue's `wasm_bindgen`
// (the same functions as the WebAssembly build's), and `module`, the
// translated client, which `bindgen` instantiates in place of a
// WebAssembly module:
//
//   await darkroomJs.bindgen({ module_or_path: darkroomJs.module });
//
// The glue is run as it is, inside a function whose `WebAssembly` is a
// stand-in that knows only that: instantiating darkroomJs with the glue's
// imports. Nothing else of the glue or the translation is changed: only
// wasm2js's module lines (its import and exports) are replaced by a
// function that takes the imports and returns the exports, and memory.grow
// detaches the old memory as WebAssembly's does (below). The script is then
// minified by esbuild (pinned by web/tools/package-lock.json): names made
// short and blank space dropped, which halves what a browser parses and
// takes an eighth off what it downloads.
'use strict';
const fs = require('fs');

const [glueFile, asmFile, outFile] = process.argv.slice(2);
const glue = fs.readFileSync(glueFile, 'utf8');
const asm = fs.readFileSync(asmFile, 'utf8');

function fail(why) {
  console.error(`js-client: ${why}`);
  process.exit(1);
}

// wasm2js writes one import line for the glue's module, the function
// `asmFunc(imports)`, then a call of it and one `export var` per export.
const lines = asm.split('\n');
if (!/^import \* as \S+ from '[^']+';$/.test(lines[0])) {
  fail(`wasm2js's output does not start with its import: ${lines[0].slice(0, 80)}`);
}
const call = lines.findIndex((l) => l.startsWith('var retasmFunc = asmFunc('));
if (call < 0) {
  fail("wasm2js's output has no call of asmFunc");
}
for (const l of lines.slice(call)) {
  if (!(l === '' || l.startsWith('var retasmFunc') || l.startsWith('export var ') || /^\s*("[^"]+": \S+,|}\);)$/.test(l))) {
    fail(`unexpected line after asmFunc: ${l.slice(0, 80)}`);
  }
}
let body = lines
  .slice(1, call)
  .map((l) => l.replace(/^\s+/, ''))
  .join('\n');
// WebAssembly's memory.grow detaches the old buffer, and the glue relies
// on that: it keeps views of the memory and makes new ones only once
// theirs are detached. wasm2js's grow copies into a new buffer and leaves
// the old one whole, so the glue would go on reading and writing a stale
// copy. The copy is made with ArrayBuffer.prototype.transfer instead,
// which detaches the old buffer as WebAssembly does (or, where transfer is
// missing, the old buffer is detached by transferring it away).
const grow = [
  'var newBuffer = new ArrayBuffer(newPages << 16);',
  'var newHEAP8 = new Int8Array(newBuffer);',
  'newHEAP8.set(HEAP8);',
].join('\n');
const detaching = [
  'var newBuffer;',
  'if (buffer.transfer) {',
  'newBuffer = buffer.transfer(newPages << 16);',
  '} else {',
  'newBuffer = new ArrayBuffer(newPages << 16);',
  'new Int8Array(newBuffer).set(HEAP8);',
  'structuredClone(buffer, { transfer: [buffer] });',
  '}',
].join('\n');
if (body.split(grow).length !== 2) {
  fail("wasm2js's memory.grow is not the one this tool knows");
}
body = body.replace(grow, detaching);

// The glue must use WebAssembly only through what the stand-in provides.
const used = new Set(glue.match(/WebAssembly\.[A-Za-z]+/g) || []);
for (const u of used) {
  if (!['WebAssembly.Instance', 'WebAssembly.Module', 'WebAssembly.instantiate', 'WebAssembly.instantiateStreaming'].includes(u)) {
    fail(`the glue uses ${u}, which the JavaScript build does not provide`);
  }
}
if (/BigInt/.test(glue)) {
  fail('the glue passes 64-bit integers, which wasm2js splits in two');
}

const header = `// Darkroom's client as JavaScript, for browsers without WebAssembly. Made
// by scripts/build-web (web/tools/js-client.js) from the same Rust as the
// WebAssembly client: wasm-bindgen's glue, then binaryen's wasm2js, then
// esbuild's minifier.
`;
const script = `"use strict";
var darkroomJs = (function () {
var asm = (function () {
${body}
return asmFunc;
})();
function Module(instantiate) {
this.instantiate = instantiate;
}
function Instance(module, imports) {
this.exports = module.instantiate(imports);
}
var bindgen = (function (WebAssembly) {
${glue}
return wasm_bindgen;
})({
Module: Module,
Instance: Instance,
instantiate: function (module, imports) {
return Promise.resolve(new Instance(module, imports));
},
});
return { bindgen: bindgen, module: new Module(asm) };
})();
`;
// Top-level names are kept (a classic script's are globals): `darkroomJs`
// stays the one name it defines.
const { code } = require('esbuild').transformSync(script, {
  minify: true,
  target: 'es2020',
  legalComments: 'none',
  charset: 'ascii',
});
if (!/^"use strict";var darkroomJs=/.test(code)) {
  fail(`the minified script does not start by defining darkroomJs: ${code.slice(0, 80)}`);
}
fs.writeFileSync(outFile, header + code);
