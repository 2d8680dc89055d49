import type { Finding, FindingKind, Severity } from '../verdict/finding.js';
import { isDeliberateThrow } from './deliberate-throw.js';
import type { Counterexample, ProbeTargetResult } from './plan.js';
import type { ProbeTarget } from './targets.js';

export interface ProbeFindingsInput {
  targets: readonly ProbeTarget[];
  results: readonly ProbeTargetResult[];
  uncovered: ReadonlyArray<{ symbol: string; reason: string }>;
  /** The lines the patch added in a file (after side), to tell a deliberate `throw` from an accident. */
  addedLines: (file: string) => readonly string[];
  /** A test added or edited by the patch that expects the new behaviour of this target, if any. */
  expectingTest: (target: ProbeTarget) => string | undefined;
  /** 1-based line of a declaration in the after tree. */
  lineOf: (symbol: string) => number | undefined;
}

const THROW = /\bthrow\b/;
const BREAKS = new Set(['crash', 'hang', 'timeout', 'degenerate']);

/**
 * The kind a counterexample stands for. An error from a `throw` the patch added is deliberate
 * validation whatever its class (deliberate-throw.ts); a deliberate-looking error (not one the
 * engine writes) is too when the patch added any throw.
 */
function judge(ce: Counterexample, addedText: string): { kind: FindingKind; breaks: boolean } {
  // Through a returned function (a factory's method): the factory's inputs and the method's
  // recorded arguments may never meet in real use, so it shows a change, never a break by itself.
  if (ce.via) return { kind: 'probe-diverged', breaks: false };
  const b = ce.afterBehaviour;
  const thrown = (ce.divergence === 'crash' || ce.divergence === 'throws') && (b.kind === 'threw' || b.kind === 'rejected');
  if (thrown && isDeliberateThrow({ name: b.errorName, message: b.message }, addedText)) return { kind: 'probe-new-validation', breaks: false };
  if (BREAKS.has(ce.divergence)) return { kind: ce.divergence === 'degenerate' ? 'probe-degenerate' : 'probe-crash', breaks: true };
  if (ce.divergence === 'throws') return { kind: THROW.test(addedText) ? 'probe-new-validation' : 'probe-diverged', breaks: false };
  if (ce.divergence === 'returns-undefined') return { kind: 'probe-returns-undefined', breaks: false };
  if (ce.divergence === 'argument-mutated') return { kind: 'probe-argument-mutated', breaks: false };
  return { kind: 'probe-diverged', breaks: false };
}

function breakText(divergence: string): string {
  return divergence === 'degenerate'
    ? 'returns a degenerate value where it returned a proper one'
    : divergence === 'crash'
      ? 'crashes on an input of its declared types that worked before'
      : 'never returns on an input that worked before';
}

function extremeText(extremes: readonly string[]): string {
  return `but only at type extremes (${extremes.join('; ')}): no input within realistic ranges showed it, so it does not count as a regression`;
}

/**
 * Probe results as evidence (issue 4 §5). A divergence says behaviour changed (substantive);
 * an accidental crash, a hang or a degenerate value where the old version returned a proper one
 * says something that worked now breaks (regressive), unless a test the patch wrote expects it.
 */
export function probeFindings(input: ProbeFindingsInput): Finding[] {
  const out: Finding[] = [];
  const byId = new Map(input.targets.map((t) => [t.id, t]));
  for (const r of input.results) {
    const target = byId.get(r.id);
    if (!target) continue;
    const at = { symbol: r.id, file: target.file, ...lineOf(input, r.id) };
    const push = (kind: FindingKind, severity: Severity, message: string): void => {
      out.push({ kind, severity, message, ...at });
    };
    const via = viaText(target);
    const stats = statsText(r);
    switch (r.outcome) {
      case 'equivalent':
        push('probe-equivalent', 'info', `${name(target)}: same results before and after on ${stats}${via}`);
        break;
      case 'nondeterministic': {
        const n = r.nondeterminism;
        const detail = n ? ` (${n.call}: ${n.first}, then ${n.second})` : '';
        push('probe-nondeterministic', 'warning', `${name(target)}: ${r.reason ?? 'gives different results for the same input'}${detail}; its before/after differences are not counted${via}`);
        break;
      }
      case 'inconclusive':
        push('probe-inconclusive', 'warning', `${name(target)} could not be probed: ${r.reason ?? 'unknown reason'}${via}`);
        break;
      case 'diverged': {
        const ce = r.counterexample;
        if (!ce) break;
        const addedText = target.covers.map((s) => input.addedLines(s.slice(0, s.indexOf('#'))).join('\n')).join('\n');
        const main = judge(ce, addedText);
        const seed = (c: Counterexample): string => ` (seed ${r.seed}${c.path ? `, path ${shortPath(c.path)}` : ''})`;
        const pair = (c: Counterexample): string => `\`${c.call.length > 200 ? `${c.call.slice(0, 199)}…` : c.call}\`: before ${c.before}, after ${c.after}`;
        if (main.breaks) {
          const what = breakText(ce.divergence);
          const expecting = input.expectingTest(target);
          if (expecting) push(main.kind, 'warning', `${pair(ce)}: the new version ${what}, but ${expecting} (added or edited by the patch) expects the new behaviour${seed(ce)}${via}`);
          else if (ce.extremes) {
            push(main.kind, 'warning', `${pair(ce)}: the new version ${what}, ${extremeText(ce.extremes)}${seed(ce)}${via}`);
            // Still a change of behaviour (rule 4), only not a regression.
            push('probe-diverged', 'info', `${pair(ce)}${seed(ce)}${via}`);
          } else push(main.kind, 'error', `${pair(ce)}: the new version ${what}${seed(ce)}${via}`);
        } else if (main.kind === 'probe-new-validation') {
          push('probe-new-validation', 'warning', `${pair(ce)}: the patch adds a throw, so inputs like this are now rejected${seed(ce)}${via}`);
        } else if (main.kind === 'probe-returns-undefined') {
          push(main.kind, 'warning', `${pair(ce)}: the new version returns undefined where the old one returned a value${seed(ce)}${via}`);
        } else if (main.kind === 'probe-argument-mutated') {
          push(main.kind, 'warning', `${pair(ce)}: same result, but the versions leave the arguments in a different state (one of them mutates its input)${seed(ce)}${via}`);
        } else if (ce.via) {
          const broke = BREAKS.has(ce.divergence) ? `; the new version ${breakText(ce.divergence)}, but the call pairs the factory's probe inputs with arguments the tests pass elsewhere, so it does not count as a regression` : '';
          push('probe-diverged', 'info', `${pair(ce)}: the function it returns (\`${ce.via}\`), called with arguments the tests pass it, answers differently${broke}${seed(ce)}${via}`);
        } else {
          push('probe-diverged', 'info', `${pair(ce)}${seed(ce)}${via}`);
        }
        // The realistic counterexample decides; a break seen first at a type extreme is still said.
        const ex = r.extremeCounterexample;
        if (ex && !main.breaks && ex.extremes) {
          const extreme = judge(ex, addedText);
          if (extreme.breaks) push(extreme.kind, 'warning', `${pair(ex)}: the new version ${breakText(ex.divergence)}, ${extremeText(ex.extremes)}${seed(ex)}${via}`);
        }
        // Issue 17 §5: a divergence of a shape the patch's own fail-to-pass tests do not show.
        const explained = r.explained;
        const un = explained?.unexplained;
        if (explained && un) {
          const shapes = explained.intentShapes.map((x) => `\`${x}\``).join(', ');
          const why =
            explained.intentCalls === 0
              ? `the patch's fail-to-pass tests never call ${name(target)}, yet it answers differently`
              : `a change the patch's fail-to-pass tests do not show (their ${explained.intentDiverged} diverging ${explained.intentDiverged === 1 ? 'call changes' : 'calls change'} ${shapes}; this one is \`${un.shape}\`)`;
          push('unexplained-divergence', 'warning', `${pair(un)}: ${why}: check it is meant${seed(un)}${via}`);
        }
        break;
      }
    }
  }
  for (const u of input.uncovered) {
    out.push({ kind: 'probe-inconclusive', severity: 'warning', symbol: u.symbol, file: u.symbol.slice(0, u.symbol.indexOf('#')), ...lineOf(input, u.symbol), message: `${u.symbol.slice(u.symbol.indexOf('#') + 1)} changed but cannot be probed: ${u.reason}` });
  }
  return out;
}

function lineOf(input: ProbeFindingsInput, symbol: string): { line?: number } {
  const line = input.lineOf(symbol);
  return line === undefined ? {} : { line };
}

function name(t: ProbeTarget): string {
  return `\`${t.id.slice(t.id.indexOf('#') + 1)}\``;
}

function viaText(t: ProbeTarget): string {
  const helpers = t.covers.filter((s) => s !== t.id && !s.startsWith(`${t.id}.`));
  if (helpers.length === 0) return '';
  return ` — probed because it uses (calls or reads) the changed ${helpers.map((s) => `\`${s.slice(s.indexOf('#') + 1)}\``).join(', ')}`;
}

function statsText(r: ProbeTargetResult): string {
  const inputs = [
    r.inputs.derived ? (r.inputs.complete ? 'inputs generated from its parameter types' : 'inputs partly generated from its parameter types') : '',
    r.inputs.recorded > 0 ? `${r.inputs.recorded} argument list${r.inputs.recorded === 1 ? '' : 's'} recorded from the tests` : '',
  ].filter(Boolean);
  return `${r.runs} input${r.runs === 1 ? '' : 's'}${inputs.length ? ` (${inputs.join(' and ')})` : ''}`;
}

/**
 * A replay path as a message shows it: a long shrink (radashi `isEmpty(1n)`: 500-odd steps) would
 * fill a screen, and the whole path is in the report (probes.functions[].counterexample.path).
 */
export function shortPath(path: string): string {
  if (path.length <= 60) return path;
  return `${path.slice(0, 40)}… (${path.split(':').length} steps; the whole path is in the JSON report)`;
}
