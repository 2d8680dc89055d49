// The public API of @patchprobe/mcp: the server, for embedding it in another process or transport.
export { createServer, FAST, type ServerOptions } from './server.js';
export { main } from './main.js';
