const UNITS: Array<[string, number]> = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];

export function parseDuration(input: string): number {
    const pattern = /(\d+)\s*([dhms])/g;
  let total = 0, matched = '';
    for (const match of input.matchAll(pattern)) {
        const unit = UNITS.find(([name]) => name === match[2]);
      if (!unit) continue;
        total += Number(match[1]) * unit[1];
        matched += match[0];
    }
  if (matched.replace(/\s/g, '') !== input.replace(/\s/g, '') || matched === '') throw new SyntaxError(`invalid duration: "${input}"`);
    return total;
}

export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
    const parts: string[] = [];
  let rest = Math.floor(Math.abs(seconds));
    for (const [name, size] of UNITS) {
    const count = Math.floor(rest / size);
        if (count > 0) { parts.push(`${count}${name}`); rest -= count * size; }
    }
    return (seconds < 0 ? '-' : '') + parts.join(' ');
}
