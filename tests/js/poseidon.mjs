// Reads JSON arrays of decimal inputs, one per line, from stdin and prints
// circomlib Poseidon of each, as 0x-prefixed 64-digit hex, one per line.
import { createInterface } from "node:readline";
import * as P from "poseidon-lite";

const fns = [null, P.poseidon1, P.poseidon2, P.poseidon3, P.poseidon4, P.poseidon5, P.poseidon6,
  P.poseidon7, P.poseidon8, P.poseidon9, P.poseidon10, P.poseidon11, P.poseidon12, P.poseidon13,
  P.poseidon14, P.poseidon15, P.poseidon16];
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const inputs = JSON.parse(line).map(BigInt);
  const out = fns[inputs.length](inputs);
  console.log("0x" + out.toString(16).padStart(64, "0"));
}
