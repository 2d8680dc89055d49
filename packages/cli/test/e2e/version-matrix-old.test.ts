import { defineVersionMatrix } from './version-matrix-suite.js';

defineVersionMatrix(['v0.34', 'v1', 'v2']);
