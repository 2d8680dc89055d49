// `@patchprobe/core/base-modules`: the vite plugins that load a second version of a project's
// modules next to the current one. Node builtins only, like the plugins themselves, so a project's
// vite config can import this entry without pulling in the rest of @patchprobe/core.
export { BASE_QUERY, baseQueryPlugin, type BaseQueryOptions, type BaseQueryPlugin } from './base-query-plugin.js';
export { beforeTreePlugin, type BeforeTreeOptions, type BeforeTreePlugin } from './vite-plugin.js';
