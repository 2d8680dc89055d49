import * as z from 'zod/v4';

// The tools' inputs and structured results as zod schemas: the SDK turns them into the JSON Schemas
// a client lists (tools/list) and checks every call and every result against them.

const OPTIONAL_STAGES = ['typecheck', 'probes', 'mutation'] as const;

export const VerifyChangesInput = {
  project: z.string().min(1).optional().describe('The project folder, relative to the server root (default: the root). It must be inside a git repository.'),
  base: z.string().min(1).optional().describe('The revision before the change (default HEAD).'),
  head: z.string().min(1).optional().describe('The revision after the change. Without head and patch, "after" is the working tree, untracked files included.'),
  patch: z.string().min(1).optional().describe('A unified diff file (git format), relative to the server root, applied on top of base to make "after".'),
  scope: z.array(z.string().min(1)).optional().describe('Globs of the files the task is about (repository-relative); behaviour changes elsewhere are reported as out of scope.'),
  skipProjects: z
    .array(z.string().min(1))
    .optional()
    .describe('vitest projects (test.name) to leave out of every run, such as a slow project of type tests; * is a wildcard.'),
  intent: z.string().min(1).max(500).optional().describe('The task, in one line: the next-step advice is phrased against it.'),
  fast: z.boolean().optional().describe('The cheapest run that still decides: no mutation probes, fewer probe inputs and reruns. Use it after each small edit; run without it before you finish.'),
  stages: z
    .array(z.enum(OPTIONAL_STAGES))
    .optional()
    .describe('The optional stages to run, out of typecheck, probes and mutation (default: all; with fast, typecheck and probes). The test matrix always runs.'),
};

const Finding = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
  test: z.string().optional(),
  symbol: z.string().optional(),
});

const SuggestedTest = z.object({
  symbol: z.string(),
  file: z.string(),
  code: z.string(),
  from: z.enum(['counterexample', 'surviving-mutant']),
});

const Counterexample = z.object({ symbol: z.string(), call: z.string(), before: z.string(), after: z.string(), divergence: z.string(), finding: z.string().optional() });
const Mutant = z.object({ symbol: z.string(), file: z.string(), line: z.number(), original: z.string(), replacement: z.string(), status: z.enum(['survived', 'no-coverage']) });

export const VerifyChangesOutput = {
  reportId: z.string().describe('Pass it to explain_finding and suggest_tests (they default to the latest report).'),
  verdict: z.enum(['substantive', 'cosmetic', 'regressive']),
  confidence: z.enum(['high', 'medium', 'low']),
  intent: z.string().optional(),
  next: z.array(z.string()).describe('What to do next, most important first.'),
  reasons: z.array(z.string()),
  tests: z.object({ before: z.string(), after: z.string() }),
  failingTests: z.array(
    z.object({ test: z.string(), file: z.string(), how: z.enum(['broken', 'masked', 'disabled', 'removed']), error: z.string().optional(), finding: z.string().optional() }),
  ),
  counterexamples: z.array(Counterexample),
  survivingMutants: z.array(Mutant),
  outOfScope: z.array(z.object({ symbol: z.string(), file: z.string(), line: z.number().optional(), finding: z.string() })),
  suggestedTests: z.array(SuggestedTest),
  findings: z.array(Finding),
  omitted: z.object({ failingTests: z.number(), counterexamples: z.number(), survivingMutants: z.number(), outOfScope: z.number(), findings: z.number() }),
  stages: z.object({ typecheck: z.boolean(), probes: z.boolean(), mutation: z.boolean() }).describe('The optional stages this run used.'),
  cache: z.enum(['off', 'hit', 'miss', 'partial']).describe("The baseline cache: 'hit' when the before tree's results were reused from an earlier call."),
  durationMs: z.number(),
};

export const ExplainFindingInput = {
  findingId: z.string().regex(/^[Ff][1-9][0-9]*$/, 'a finding id is F followed by a number, as verify_changes lists them').describe('A finding id from verify_changes ("F1").'),
  reportId: z.string().optional().describe('The report (default: the latest).'),
};

export const ExplainFindingOutput = {
  reportId: z.string(),
  finding: Finding,
  meaning: z.string(),
  verdictRole: z.string(),
  test: z
    .object({
      id: z.string(),
      name: z.string(),
      file: z.string(),
      before: z.string(),
      after: z.string(),
      oldTestOnNewCode: z.string().optional(),
      newTestOnOldCode: z.string().optional(),
      flaky: z.boolean(),
      error: z.string().optional(),
    })
    .optional(),
  counterexample: Counterexample.omit({ finding: true })
    .extend({ suggestedTest: z.object({ file: z.string(), code: z.string() }).optional() })
    .optional(),
  declaration: z.object({ symbol: z.string(), file: z.string(), change: z.string(), before: z.string().optional(), after: z.string().optional() }).optional(),
  mutants: z.array(Mutant).optional(),
  callers: z.array(z.array(z.string())).optional(),
};

export const SuggestTestsInput = {
  symbol: z.string().min(1).optional().describe('Only this function: "src/cart.ts#Cart.total", or its name "Cart.total" (default: every touched function).'),
  reportId: z.string().optional().describe('The report (default: the latest).'),
};

export const SuggestTestsOutput = {
  reportId: z.string(),
  tests: z.array(SuggestedTest),
};

export type OptionalStage = (typeof OPTIONAL_STAGES)[number];
