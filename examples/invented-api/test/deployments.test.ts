import { describe, expect, it } from 'vitest';
import { currentRelease, type Deployment, deploymentsTo, promotable, rollbackTarget } from '../src/deployments.js';

const LOG: Deployment[] = [
  { id: 1, env: 'staging', version: '1.0.0', status: 'succeeded' },
  { id: 2, env: 'production', version: '1.0.0', status: 'succeeded' },
  { id: 3, env: 'staging', version: '1.1.0', status: 'succeeded' },
  { id: 4, env: 'staging', version: '1.2.0', status: 'failed' },
  { id: 5, env: 'production', version: '1.1.0', status: 'failed' },
  { id: 6, env: 'staging', version: '1.2.1', status: 'succeeded' },
];

describe('deploymentsTo', () => {
  it('keeps one environment, oldest first', () => {
    expect(deploymentsTo(LOG, 'production').map((d) => d.id)).toEqual([2, 5]);
  });
});

describe('currentRelease', () => {
  it('is the newest successful deployment, skipping failed ones', () => {
    expect(currentRelease(LOG, 'production')?.version).toBe('1.0.0');
    expect(currentRelease(LOG, 'staging')?.version).toBe('1.2.1');
  });

  it('is undefined before anything succeeded', () => {
    expect(currentRelease([{ id: 1, env: 'production', version: '1.0.0', status: 'failed' }], 'production')).toBeUndefined();
  });
});

describe('rollbackTarget', () => {
  it('has nowhere to go while nothing runs', () => {
    expect(rollbackTarget([], 'production')).toBeUndefined();
    expect(rollbackTarget(LOG.slice(0, 1), 'production')).toBeUndefined();
  });
});

describe('promotable', () => {
  it('lists staging successes newer than production, newest first', () => {
    expect(promotable(LOG)).toEqual(['1.2.1', '1.1.0']);
  });

  it('lists every staging success when production is empty', () => {
    expect(promotable(LOG.filter((d) => d.env === 'staging'))).toEqual(['1.2.1', '1.1.0', '1.0.0']);
  });
});
