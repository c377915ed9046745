// Builds dist/itb-webchat.js from src/ (run `make widget`, or `npm run build` here).
// Deterministic: the same lock file and sources give the same bytes.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const outfile = process.argv[2] || "dist/itb-webchat.js";
const banner = `/*! ITB webchat widget. Bundles socket.io-client, engine.io-client, engine.io-parser,
 socket.io-parser (MIT, Copyright (c) 2014-present Guillermo Rauch and Socket.IO contributors)
 and @socket.io/component-emitter (MIT, Copyright (c) 2014 Component contributors). */`;

await build({
  entryPoints: ["src/widget.js"],
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: ["es2020", "chrome90", "firefox90", "safari15"],
  loader: { ".css": "text" },
  legalComments: "none",
  charset: "utf8",
  banner: { js: banner },
  outfile,
  logLevel: "warning",
});

const bytes = readFileSync(outfile);
const gz = gzipSync(bytes, { level: 9 }).length;
console.log(`${outfile}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`);
if (gz > 30 * 1024) {
  console.error("The widget is over its 30 KB gzipped budget.");
  process.exit(1);
}
