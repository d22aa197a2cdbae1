// warcio-check.mjs WARCIO_DIR FILE...
//
// Reads WARC files with webrecorder's warcio (an independent reader) and
// prints one JSON line per record: where warcio found it, its WARC
// headers, the HTTP status, and whether the block and payload digests
// and the HTTP Content-Length agree with the bytes warcio read. The Go
// test (warcio_test.go) compares these lines with what it wrote.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [warcioDir, ...files] = process.argv.slice(2);
const { WARCParser } = await import(pathToFileURL(path.join(warcioDir, "dist", "index.js")).href);

const b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function base32(buf) {
  let bits = 0, value = 0, out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += b32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += b32[(value << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}
function sha1(bytes) {
  return "sha1:" + base32(createHash("sha1").update(bytes).digest());
}

for (const file of files) {
  // Pass 1: raw blocks, for the block digest.
  const blocks = [];
  let parser = new WARCParser(createReadStream(file), { parseHttp: false });
  for await (const rec of parser) {
    const raw = await rec.readFully(false);
    blocks.push({ offset: parser.offset, digest: sha1(raw), length: raw.length });
  }
  // Pass 2: HTTP parsed, for status, headers and payload.
  parser = new WARCParser(createReadStream(file));
  let i = 0;
  for await (const rec of parser) {
    const payload = await rec.readFully(false);
    const blk = blocks[i++];
    const out = {
      file: path.basename(file),
      offset: parser.offset,
      type: rec.warcType,
      version: rec.warcHeaders.protocol,
      id: rec.warcHeader("WARC-Record-ID"),
      uri: rec.warcTargetURI ?? "",
      date: rec.warcDate ?? "",
      concurrent: rec.warcHeader("WARC-Concurrent-To") ?? "",
      warcinfo_id: rec.warcHeader("WARC-Warcinfo-ID") ?? "",
      content_length: rec.warcContentLength,
      block_length: blk.length,
      block_digest_ok: blk.offset === parser.offset && rec.warcBlockDigest === blk.digest,
    };
    if (rec.httpHeaders) {
      out.status = Number(rec.httpHeaders.statusCode ?? 0);
      out.http_content_length = Number(rec.httpHeaders.headers.get("Content-Length") ?? -1);
      out.payload_length = payload.length;
      out.payload_sha1 = sha1(payload);
      out.payload_digest_ok = rec.warcPayloadDigest === sha1(payload);
    } else if (rec.warcType === "warcinfo") {
      out.info = new TextDecoder().decode(payload);
    }
    console.log(JSON.stringify(out));
  }
}
