// How a failure message names the two functions: `slugify`, `the base version`, `the expected function`.
import { sourceOf, type Fn } from './inputs.js';

const BASE_QUERY = /\?(?:.*&)?patchprobe=base(?:&|$)/;

export interface Names {
  /** `slugify`, `the received function` */
  received: string;
  /** How its calls are written: `slugify("a")`, `received("a")` */
  callee: string;
  /** `the base version`, `slugifyOld`, `the expected function` */
  expected: string;
  /** In a contrast: `where the base returns …` */
  expectedShort: string;
}

export function namesOf(recv: Fn, exp: Fn): Names {
  const received = recv.name || 'the received function';
  const callee = recv.name || 'received';
  const info = sourceOf(exp);
  if (info && BASE_QUERY.test(info.file)) return { received, callee, expected: 'the base version', expectedShort: 'the base' };
  if (exp.name && exp.name !== recv.name) return { received, callee, expected: exp.name, expectedShort: exp.name };
  return { received, callee, expected: 'the expected function', expectedShort: 'the expected function' };
}
