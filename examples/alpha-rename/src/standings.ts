export interface Match {
  home: string;
  away: string;
  homeGoals: number;
  awayGoals: number;
}

export interface Row {
  team: string;
  played: number;
  won: number;
  drawn: number;
  lost: number;
  goalsFor: number;
  goalsAgainst: number;
  points: number;
}

function emptyRow(team: string): Row {
  return { team, played: 0, won: 0, drawn: 0, lost: 0, goalsFor: 0, goalsAgainst: 0, points: 0 };
}

function record(r: Row, f: number, a: number): void {
  r.played += 1;
  r.goalsFor += f;
  r.goalsAgainst += a;
  if (f > a) {
    r.won += 1;
    r.points += 3;
  } else if (f === a) {
    r.drawn += 1;
    r.points += 1;
  } else {
    r.lost += 1;
  }
}

/** Points, then goal difference, then goals scored, then name. */
export function compareRows(x: Row, y: Row): number {
  const d = y.goalsFor - y.goalsAgainst - (x.goalsFor - x.goalsAgainst);
  return y.points - x.points || d || y.goalsFor - x.goalsFor || x.team.localeCompare(y.team);
}

/** The league table after the given matches, best team first. */
export function buildTable(ms: Match[]): Row[] {
  const t = new Map<string, Row>();
  const rowOf = (n: string): Row => {
    let r = t.get(n);
    if (!r) {
      r = emptyRow(n);
      t.set(n, r);
    }
    return r;
  };
  for (const m of ms) {
    const { home, away, homeGoals: hg, awayGoals: ag } = m;
    record(rowOf(home), hg, ag);
    record(rowOf(away), ag, hg);
  }
  return [...t.values()].sort(compareRows);
}
