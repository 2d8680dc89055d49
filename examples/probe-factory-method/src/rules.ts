/** A check of one value, made by a rule factory and run by `validate`. */
export interface Rule<T> {
  kind: string;
  message: string;
  check(value: T): boolean;
}

/** Passes when a string has at least `min` characters. */
export function minLength(min: number, message = `at least ${min} characters`): Rule<string> {
  return { kind: 'min_length', message, check: (value) => value.length >= min };
}

/** Passes when a string has at most `max` characters. */
export function maxLength(max: number, message = `at most ${max} characters`): Rule<string> {
  return { kind: 'max_length', message, check: (value) => value.length <= max };
}

/** The messages of the rules a value breaks, in order. */
export function validate<T>(value: T, rules: readonly Rule<T>[]): string[] {
  return rules.filter((rule) => !rule.check(value)).map((rule) => rule.message);
}
