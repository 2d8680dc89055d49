import type { Match } from './standings.js';

export interface GoalSummary {
  total: number;
  average: number;
  biggestMargin: number;
}

/** Goals scored over a set of matches. */
export function goalSummary(ms: Match[]): GoalSummary {
  let total = 0;
  let big = 0;
  for (const { homeGoals, awayGoals } of ms) {
    total += homeGoals + awayGoals;
    big = Math.max(big, Math.abs(homeGoals - awayGoals));
  }
  const average = ms.length === 0 ? 0 : Math.round((total / ms.length) * 100) / 100;
  return { total, average, biggestMargin: big };
}

/** The last `n` results of a team, newest last, as W/D/L. */
export function form(ms: Match[], team: string, n = 5): string {
  const out: string[] = [];
  for (const m of ms) {
    if (m.home !== team && m.away !== team) continue;
    const [f, a] = m.home === team ? [m.homeGoals, m.awayGoals] : [m.awayGoals, m.homeGoals];
    out.push(f > a ? 'W' : f === a ? 'D' : 'L');
  }
  return out.slice(-n).join('');
}
