import { describe, expect, it } from 'vitest';
import type { Match } from '../src/standings.js';
import { form, goalSummary } from '../src/summary.js';

const m = (home: string, homeGoals: number, awayGoals: number, away: string): Match => ({ home, away, homeGoals, awayGoals });
const SEASON = [m('Ajax', 2, 0, 'PSV'), m('PSV', 1, 1, 'Twente'), m('Twente', 0, 4, 'Ajax'), m('Ajax', 1, 2, 'AZ')];

describe('goalSummary', () => {
  it('adds up goals, averages per match and finds the biggest margin', () => {
    expect(goalSummary(SEASON)).toEqual({ total: 11, average: 2.75, biggestMargin: 4 });
  });

  it('is all zeros without matches', () => {
    expect(goalSummary([])).toEqual({ total: 0, average: 0, biggestMargin: 0 });
  });
});

describe('form', () => {
  it('reads results from the team’s side, home or away', () => {
    expect(form(SEASON, 'Ajax')).toBe('WWL');
    expect(form(SEASON, 'Twente')).toBe('DL');
  });

  it('keeps only the last n results', () => {
    expect(form(SEASON, 'Ajax', 2)).toBe('WL');
  });
});
