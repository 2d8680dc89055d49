// The vite plugin of patchprobe's recording run: wraps each probed function of the after tree so
// the arguments the project's tests pass to it are recorded (assets/probe-recorder.mjs). Appended
// assignments rebind the module's own names, so importers see the wrapper through the live export
// binding. The run's outcome is not evidence, only its recorded arguments are.
//
// Loaded by the project's vite config bundler: node builtins only.
import path from 'node:path';

export interface RecordTargetSpec {
  /** Probe target id, "src/slug.ts#slugify". */
  id: string;
  /** Absolute path of the module in the after tree. */
  file: string;
  /** The local name of the function, or of the class for methods. */
  local: string;
  member?: { name: string; static: boolean };
}

export function recordPlugin(targets: readonly RecordTargetSpec[]): { name: string; enforce: 'pre'; transform(code: string, id: string): string | null } {
  const byFile = new Map<string, RecordTargetSpec[]>();
  for (const t of targets) byFile.set(path.normalize(t.file), [...(byFile.get(path.normalize(t.file)) ?? []), t]);
  return {
    name: 'patchprobe:record',
    enforce: 'pre',
    transform(code, id) {
      const specs = byFile.get(path.normalize(id.split('?')[0] ?? id));
      if (!specs) return null;
      let out = code;
      const tail: string[] = [];
      for (const s of specs) {
        const rec = `globalThis.__patchprobe_record?.(${JSON.stringify(s.id)}, `;
        if (!s.member) {
          // `const f = () => …` cannot be rebound: make it `let` (this copy is private to the run).
          out = out.replace(new RegExp(`\\bconst(\\s+${escape(s.local)}\\s*[=:])`), 'let$1');
          tail.push(`${s.local} = ${rec}${s.local}) ?? ${s.local};`);
        } else if (s.member.static) {
          tail.push(`${s.local}.${s.member.name} = ${rec}${s.local}.${s.member.name}) ?? ${s.local}.${s.member.name};`);
        } else {
          tail.push(`${s.local}.prototype.${s.member.name} = ${rec}${s.local}.prototype.${s.member.name}) ?? ${s.local}.prototype.${s.member.name};`);
        }
      }
      return `${out}\n;try { ${tail.join(' ')} } catch {}\n`;
    },
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
