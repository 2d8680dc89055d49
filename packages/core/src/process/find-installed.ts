import fs from 'node:fs';
import path from 'node:path';

/**
 * node_modules lookup from `from` upwards, as a tool run in that folder would find `name`, and
 * nothing else: require.resolve would also honour NODE_PATH, which `pnpm exec`/`pnpm run` point
 * at patchprobe's own dependencies, and so find a package the project does not have.
 * Returns the real path of the package's package.json.
 */
export function findInstalled(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}
