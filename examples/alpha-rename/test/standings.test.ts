import { describe, expect, it } from 'vitest';
import { buildTable, type Match } from '../src/standings.js';

const m = (home: string, homeGoals: number, awayGoals: number, away: string): Match => ({ home, away, homeGoals, awayGoals });

describe('buildTable', () => {
  it('gives three points for a win and one for a draw', () => {
    const table = buildTable([m('Ajax', 2, 0, 'PSV'), m('PSV', 1, 1, 'Twente')]);
    expect(table.map((r) => [r.team, r.points])).toEqual([
      ['Ajax', 3],
      ['Twente', 1],
      ['PSV', 1],
    ]);
  });

  it('counts played, won, drawn, lost and goals both ways', () => {
    const [row] = buildTable([m('Ajax', 3, 1, 'PSV'), m('Twente', 2, 2, 'Ajax'), m('Ajax', 0, 1, 'AZ')]).filter((r) => r.team === 'Ajax');
    expect(row).toMatchObject({ played: 3, won: 1, drawn: 1, lost: 1, goalsFor: 5, goalsAgainst: 4, points: 4 });
  });

  it('breaks ties on goal difference, then goals scored, then name', () => {
    const table = buildTable([m('AZ', 3, 0, 'Utrecht'), m('Ajax', 4, 1, 'PSV'), m('Feyenoord', 1, 0, 'Twente'), m('Heracles', 1, 0, 'Vitesse')]);
    expect(table.slice(0, 4).map((r) => r.team)).toEqual(['Ajax', 'AZ', 'Feyenoord', 'Heracles']);
  });

  it('is empty without matches', () => {
    expect(buildTable([])).toEqual([]);
  });
});
