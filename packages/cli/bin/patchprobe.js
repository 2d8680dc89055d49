#!/usr/bin/env node
// Kept tiny: all logic (and the only exit-code mapping) lives in dist/main.js.
import("../dist/main.js").then(async (m) => {
  process.exitCode = await m.run(process.argv.slice(2));
});
