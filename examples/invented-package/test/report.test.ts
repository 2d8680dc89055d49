import { describe, expect, it } from 'vitest';
import { byRegion } from '../src/report';

describe('byRegion', () => {
  it('adds up the sales of each region, largest first', () => {
    const sales = [
      { region: 'north', cents: 500 },
      { region: 'south', cents: 1200 },
      { region: 'north', cents: 900 },
    ];
    expect(byRegion(sales)).toEqual([
      { region: 'north', cents: 1400 },
      { region: 'south', cents: 1200 },
    ]);
  });

  it('is empty without sales', () => {
    expect(byRegion([])).toEqual([]);
  });
});
