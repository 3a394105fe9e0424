// typage (age-encryption on npm), the reference TypeScript age, for the
// hybrid post-quantum recipient tests: one JSON request per input line,
// one JSON answer per output line.
import * as age from "age-encryption";
import { createInterface } from "node:readline";

const b64 = (u8) => Buffer.from(u8).toString("base64");
const bytes = (s) => new Uint8Array(Buffer.from(s, "base64"));

async function answer(req) {
  switch (req.op) {
    case "generate": {
      const identity = await age.generateHybridIdentity();
      return { identity, recipient: await age.identityToRecipient(identity) };
    }
    case "recipient":
      return { recipient: await age.identityToRecipient(req.identity) };
    case "encrypt": {
      const e = new age.Encrypter();
      for (const r of req.recipients) e.addRecipient(r);
      return { file: b64(await e.encrypt(bytes(req.plain))) };
    }
    case "decrypt": {
      const d = new age.Decrypter();
      d.addIdentity(req.identity);
      try {
        return { plain: b64(await d.decrypt(bytes(req.file))) };
      } catch (err) {
        return { error: String(err && err.message ? err.message : err) };
      }
    }
    default:
      throw new Error(`unknown op ${req.op}`);
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === "") continue;
  let out;
  try {
    out = await answer(JSON.parse(line));
  } catch (err) {
    out = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
