import { systemClock, type Clock } from './clock.js';

export interface BucketOptions {
  /** Maximum number of tokens the bucket holds. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly options: BucketOptions,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = options.capacity;
    this.last = clock.now();
  }

  private refill(): void {
    const t = this.clock.now();
    const e = (t - this.last) / 1000;
    const n = Math.min(this.options.capacity, this.tokens + e * this.options.refillPerSecond);
    this.tokens = n;
    this.last = t;
  }

  /** Takes `count` tokens if available; returns whether it did. */
  tryTake(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Milliseconds until `count` tokens are available (0 if they already are). */
  waitTime(count = 1): number {
    this.refill();
    const missing = count - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.options.refillPerSecond) * 1000);
  }

  available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }
}
