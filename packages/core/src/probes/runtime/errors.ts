// The probe's own failures, as opposed to the probed functions' (probe runtime, see outcome.ts).

/** An exception inside the probe itself (target errors are outcomes, never exceptions). */
export class ProbeInternalError extends Error {
  override name = 'ProbeInternalError';
}
export const internal = (error: unknown): never => {
  throw new ProbeInternalError(message(error));
};

/** The first line of an error's message. */
export function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
