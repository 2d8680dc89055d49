import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProgress } from '../../src/mutation/run-stryker.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-progress-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const mutant = (id: string, status: string) => ({ id, fileName: '/copy/src/a.ts', mutatorName: 'BlockStatement', replacement: '{}', location: { start: { line: 1, column: 0 }, end: { line: 1, column: 2 } }, status });

describe(readProgress.name, () => {
  it('reads the plan and every whole mutant line; the line a kill cut is skipped', () => {
    const file = path.join(dir, 'cut.jsonl');
    const plan = { generated: 9, planned: 9, sampled: false, runners: 2 };
    const lines = [{ plan }, { mutant: mutant('0', 'Killed') }, { mutant: mutant('1', 'Survived') }].map((l) => JSON.stringify(l));
    fs.writeFileSync(file, `${lines.join('\n')}\n${JSON.stringify({ mutant: mutant('2', 'Killed') }).slice(0, 40)}`);
    expect(readProgress(file)).toEqual({ plan, mutants: [mutant('0', 'Killed'), mutant('1', 'Survived')] });
  });

  it('has nothing without the plan line (killed before StrykerJS started) or without the file', () => {
    const file = path.join(dir, 'no-plan.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ mutant: mutant('0', 'Killed') })}\n`);
    expect(readProgress(file)).toBeUndefined();
    expect(readProgress(path.join(dir, 'absent.jsonl'))).toBeUndefined();
  });
});
