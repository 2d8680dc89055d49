import { defineExampleTests } from './examples-suite.js';

defineExampleTests(1, 2);
