// A StrykerJS Ignore plugin: mutants in logging statements say nothing a test should pin, so they
// are not run. Declared as a plain object ({kind, name, value}, what declareValuePlugin returns)
// because @stryker-mutator/api is not resolvable from patchprobe's own package under pnpm.
// Keep in step with `arid` in stryker-runner.mjs (the enumeration uses that copy).
const LOG_OBJECTS = new Set(['console', 'logger', 'log', 'debug']);

export const strykerPlugins = [
  {
    kind: 'Ignore',
    name: 'patchprobe-arid',
    value: {
      shouldIgnore(p) {
        if (!p.isExpressionStatement()) return undefined;
        let callee = p.node.expression.type === 'CallExpression' ? p.node.expression.callee : undefined;
        while (callee && callee.type === 'MemberExpression') callee = callee.object;
        if (callee && callee.type === 'Identifier' && LOG_OBJECTS.has(callee.name)) return 'logging (arid code, patchprobe)';
        return undefined;
      },
    },
  },
];
