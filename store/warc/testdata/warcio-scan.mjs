// warcio-scan.mjs WARCIO_DIR FILE...
//
// Reads every record of each file with warcio, HTTP parsed and payload
// read in full, and prints the number of response records and the
// milliseconds the reading took (node's start-up excluded): the peer
// figure for BenchmarkScan.
import { createReadStream } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [warcioDir, ...files] = process.argv.slice(2);
const { WARCParser } = await import(pathToFileURL(path.join(warcioDir, "dist", "index.js")).href);
const start = performance.now();
let responses = 0;
for (const file of files) {
  for await (const rec of new WARCParser(createReadStream(file))) {
    await rec.readFully(false);
    if (rec.warcType === "response") responses++;
  }
}
console.log(JSON.stringify({ responses, ms: performance.now() - start }));
