export type Zone = 'domestic' | 'eu' | 'world';

const MULTIPLIER: Record<Zone, number> = { domestic: 1, eu: 1.8, world: 3.2 };

export function zoneFor(countryCode: string): Zone {
  const code = countryCode.toUpperCase();
  if (code === 'DE') return 'domestic';
  const EU = ['AT', 'BE', 'DK', 'ES', 'FR', 'IT', 'NL', 'PL', 'SE'];
  return EU.includes(code) ? 'eu' : 'world';
}

export function zoneMultiplier(zone: Zone): number {
  return MULTIPLIER[zone];
}
