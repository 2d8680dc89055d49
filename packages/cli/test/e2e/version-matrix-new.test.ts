import { defineVersionMatrix } from './version-matrix-suite.js';

defineVersionMatrix(['v3', 'v4']);
