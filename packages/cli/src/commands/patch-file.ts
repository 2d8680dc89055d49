import fs from 'node:fs';
import { UsageError } from '@patchprobe/core';

const REMEDY = 'pass a unified diff, e.g. `git diff > change.patch`';

/**
 * Refuses a --patch that cannot be a diff before anything runs: a folder, an empty file, binary
 * data, or text with no diff header. (git apply would say "No valid patches in input", and the
 * user would look for a wrong --base.) A missing file is left to verifyPatch, which says so.
 */
export function checkPatchFile(file: string | undefined): void {
  if (file === undefined) return;
  let text: Buffer;
  try {
    if (fs.statSync(file).isDirectory()) throw new UsageError(`--patch ${file} is a folder, not a diff`, REMEDY);
    text = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return;
  }
  if (text.toString('utf8').trim() === '') throw new UsageError(`--patch ${file} is empty: there is no change to verify`, `${REMEDY}, or leave out --patch to verify the working tree`);
  if (text.includes(0)) throw new UsageError(`--patch ${file} holds binary data, not a diff`, `${REMEDY} (\`git diff --binary\` for binary files)`);
  if (!/^(diff --git |--- |\+\+\+ |Binary files |GIT binary patch)/m.test(text.toString('utf8'))) {
    throw new UsageError(`--patch ${file} is not a unified diff (no \`diff --git\` or \`---\`/\`+++\` header)`, REMEDY);
  }
}
