// EdDSA-Poseidon oracle. Reads one JSON request per line from stdin and
// prints one JSON answer per line:
//   {"op":"sign","lib":"circomlibjs"|"zk-kit","key":HEX32,"msg":DECIMAL}
//     -> {"public":PACKED_HEX,"signature":PACKED_HEX}
//   {"op":"verify","lib":…,"public":PACKED_HEX,"msg":DECIMAL,"signature":PACKED_HEX}
//     -> {"ok":true|false}
import { createInterface } from "node:readline";
import { buildEddsa, buildBabyjub } from "circomlibjs";
import { createRequire } from "node:module";

// The package's ESM export of blake-1 points at a missing file; its CommonJS
// export is the same code.
const zk = createRequire(import.meta.url)("@zk-kit/eddsa-poseidon/blake-1");

const eddsa = await buildEddsa();
const babyJub = await buildBabyjub();
const F = babyJub.F;
const hex = (u8) => Buffer.from(u8).toString("hex");
const bytes = (h) => Uint8Array.from(Buffer.from(h, "hex"));
const leToBig = (u8) => BigInt("0x" + Buffer.from(u8).reverse().toString("hex"));
const bigToLe = (n) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, "0"), "hex").reverse());

function circomlib(req) {
  if (req.op === "sign") {
    const key = Buffer.from(req.key, "hex");
    const sig = eddsa.signPoseidon(key, F.e(BigInt(req.msg)));
    return { public: hex(babyJub.packPoint(eddsa.prv2pub(key))), signature: hex(eddsa.packSignature(sig)) };
  }
  const A = babyJub.unpackPoint(bytes(req.public));
  const sig = eddsa.unpackSignature(bytes(req.signature));
  if (!A || !sig.R8) return { ok: false };
  return { ok: eddsa.verifyPoseidon(F.e(BigInt(req.msg)), sig, A) };
}

function zkkit(req) {
  if (req.op === "sign") {
    const key = Buffer.from(req.key, "hex");
    const sig = zk.signMessage(key, BigInt(req.msg));
    const packedSig = new Uint8Array(64);
    packedSig.set(bigToLe(zk.packPublicKey(sig.R8)), 0);
    packedSig.set(bigToLe(BigInt(sig.S)), 32);
    return { public: hex(bigToLe(zk.packPublicKey(zk.derivePublicKey(key)))), signature: hex(packedSig) };
  }
  const A = zk.unpackPublicKey(leToBig(bytes(req.public)));
  const R8 = zk.unpackPublicKey(leToBig(bytes(req.signature).slice(0, 32)));
  const S = leToBig(bytes(req.signature).slice(32));
  return { ok: zk.verifySignature(BigInt(req.msg), { R8, S }, A) };
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const req = JSON.parse(line);
  let out;
  try {
    out = req.lib === "zk-kit" ? zkkit(req) : circomlib(req);
  } catch (e) {
    out = req.op === "verify" ? { ok: false } : { error: String(e) };
  }
  console.log(JSON.stringify(out));
}
