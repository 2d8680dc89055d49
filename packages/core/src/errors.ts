/**
 * Every error patchprobe throws on purpose is a PatchprobeError with a stable `code`.
 * The message is one line saying what is wrong; `hint` says what to do about it.
 * Callers branch on `code`, never on message text.
 */
export type ErrorCode =
  | 'PP_USAGE'
  | 'PP_NOT_GIT_REPO'
  | 'PP_BAD_REVISION'
  | 'PP_PATCH_NOT_FOUND'
  | 'PP_PATCH_REJECTED'
  | 'PP_VITEST_NOT_FOUND'
  | 'PP_VITEST_UNSUPPORTED'
  | 'PP_VITEST_FAILED'
  | 'PP_SUITE_TIMEOUT'
  | 'PP_GIT_FAILED'
  | 'PP_ABORTED'
  | 'PP_INTERNAL';

export class PatchprobeError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }

  /** The single line the CLI prints: what is wrong, then what to do. */
  get oneLine(): string {
    return this.hint ? `${this.message}; ${this.hint}` : this.message;
  }
}

export class UsageError extends PatchprobeError {
  constructor(message: string, hint = 'run `patchprobe verify --help` for usage') {
    super('PP_USAGE', message, { hint });
  }
}

/** Setup problems: the input or the environment is wrong, not patchprobe and not the patch. */
export class SetupError extends PatchprobeError {}

/** The user pressed Ctrl-C (or the caller aborted); everything was cleaned up first. */
export class AbortedError extends PatchprobeError {
  constructor() {
    super('PP_ABORTED', 'interrupted; temporary copies were removed and the repository was not touched');
  }
}

export class InternalError extends PatchprobeError {
  constructor(message: string, cause?: unknown) {
    super('PP_INTERNAL', message, { cause, hint: 'this is a bug in patchprobe: rerun with --debug and report it' });
  }
}

export function isPatchprobeError(e: unknown): e is PatchprobeError {
  return e instanceof PatchprobeError;
}
