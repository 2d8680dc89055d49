import { defineVersionMatrix } from './version-matrix-suite.js';

// vitest 4.1 runs every stage in the rest of examples/ (mutation-* with StrykerJS); 3.2 here is the
// only verify with StrykerJS on vitest 3.
defineVersionMatrix(['v3']);
