// Environment variables the plugin, its setup file and the matcher read. No imports: the plugin and
// the setup file load this on every start of vitest.

/** Set in the processes of patchprobe's recording run (core's probes/execute.ts `recordInputs`). */
export const RECORDING_ENV = 'PATCHPROBE_RECORD_FILE';
