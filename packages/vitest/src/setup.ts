// Added to every project's setupFiles by the plugin: makes `toBehaveLike` available in all tests.
import { expect } from 'vitest';
import { patchprobeMatchers } from './matcher.js';

expect.extend(patchprobeMatchers);
