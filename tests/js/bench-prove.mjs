// Times snarkjs proving and verifying in one node process (no start-up in
// the figures): witness generation plus Groth16 proof, as `fullProve` does.
//   node bench-prove.mjs CIRCUIT.wasm CIRCUIT.zkey INPUT.json VKEY.json RUNS
// Prints one JSON line: {"prove_ms": [...], "verify_ms": [...], "ok": bool}
import { readFileSync } from "node:fs";
import * as snarkjs from "snarkjs";

const [wasm, zkey, inputPath, vkeyPath, runsArg] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputPath, "utf8"));
const vkey = JSON.parse(readFileSync(vkeyPath, "utf8"));
const runs = Number(runsArg || 5);
const prove_ms = [];
const verify_ms = [];
let ok = true;
// One warm-up run loads the wasm and the curve's workers.
let { proof, publicSignals } = await snarkjs.groth16.fullProve(input, wasm, zkey);
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  ({ proof, publicSignals } = await snarkjs.groth16.fullProve(input, wasm, zkey));
  prove_ms.push(performance.now() - t);
  t = performance.now();
  ok = ok && (await snarkjs.groth16.verify(vkey, publicSignals, proof));
  verify_ms.push(performance.now() - t);
}
console.log(JSON.stringify({ prove_ms, verify_ms, ok }));
process.exit(0);
