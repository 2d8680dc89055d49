import { defineExampleTests } from './examples-suite.js';

defineExampleTests(0, 2);
