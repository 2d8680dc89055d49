// The options, declared once in options/: schema.ts (types, ranges, defaults), resolve.ts
// (resolveOptions), flags.ts (the CLI's flags). Kept so that './options.js' imports stay as they are.
export {
  FAIL_ON_DEFAULTS,
  INSPECT_DEFAULTS,
  MAX_SHARDS,
  OPTION_DEFAULTS,
  VERDICTS,
  VerifyOptionsSchema,
  type InspectDefaults,
  type OptionDefaults,
  type OptionKey,
  type ResolvedVerifyOptions,
  type VerifyOptions,
} from './options/schema.js';
export { resolveInspectOptions, resolveOptions } from './options/resolve.js';
export { CLI_FLAGS, flagsOf, type CliFlag, type CommandName, type FlagParse } from './options/flags.js';
