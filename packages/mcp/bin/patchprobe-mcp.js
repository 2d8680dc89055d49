#!/usr/bin/env node
// Kept tiny: the server lives in dist/main.js. stdout is the protocol channel: nothing else writes there.
import("../dist/main.js").then(async (m) => {
  process.exitCode = await m.main(process.argv.slice(2));
  // Child processes and timers are gone by now; a client that closed stdin expects us to leave.
  process.exit();
});
