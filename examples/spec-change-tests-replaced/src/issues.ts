/** What a failed check reports: which check, what it wanted, what it got, and a message for people. */
export interface Issue {
  kind: 'validation';
  type: string;
  expected: string;
  received: string;
  message: string;
}

/** The issue of a string shorter than `min`; `message` replaces the default one. */
export function minLengthIssue(input: string, min: number, message?: string): Issue {
  const received = `${input.length}`;
  return {
    kind: 'validation',
    type: 'min_length',
    expected: `>=${min}`,
    received,
    message: message ?? `Invalid length: Expected >=${min} but received ${received}`,
  };
}

/** The issue of a string longer than `max`; `message` replaces the default one. */
export function maxLengthIssue(input: string, max: number, message?: string): Issue {
  const received = `${input.length}`;
  return {
    kind: 'validation',
    type: 'max_length',
    expected: `<=${max}`,
    received,
    message: message ?? `Invalid length: Expected <=${max} but received ${received}`,
  };
}
