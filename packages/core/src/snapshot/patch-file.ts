import fs from 'node:fs/promises';
import { SetupError } from '../errors.js';

const REMEDY = 'pass a unified diff, e.g. `git diff > change.patch`';

/**
 * Refuses a patch file that cannot be a diff before anything runs: missing, a folder, empty,
 * binary data, or text with no diff header. (git apply would say "No valid patches in input", and
 * the user would look for a wrong base.) `shown` is the path as the caller gave it.
 */
export async function checkPatchFile(file: string, shown: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new SetupError('PP_PATCH_NOT_FOUND', `patch file ${shown} does not exist`, { hint: 'pass the path of a unified diff (git diff > change.patch)' });
  if (stat.isDirectory()) throw new SetupError('PP_PATCH_REJECTED', `patch file ${shown} is a folder, not a diff`, { hint: REMEDY });
  const bytes = await fs.readFile(file);
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new SetupError('PP_PATCH_REJECTED', `patch file ${shown} is empty: there is no change to verify`, { hint: `${REMEDY}, or leave out the patch to verify the working tree` });
  if (bytes.includes(0)) throw new SetupError('PP_PATCH_REJECTED', `patch file ${shown} holds binary data, not a diff`, { hint: `${REMEDY} (\`git diff --binary\` for binary files)` });
  if (!/^(diff --git |--- |\+\+\+ |Binary files |GIT binary patch)/m.test(text)) {
    throw new SetupError('PP_PATCH_REJECTED', `patch file ${shown} is not a unified diff (no \`diff --git\` or \`---\`/\`+++\` header)`, { hint: REMEDY });
  }
}
