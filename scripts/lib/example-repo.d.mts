export declare const EXAMPLE_META_FILES: Set<string>;
export declare function git(cwd: string, args: string[], input?: string): string;
export declare function createExampleRepo(exampleDir: string, options?: { prefix?: string; library?: string }): { dir: string; cleanup: () => void };
export declare function listExamples(examplesRoot: string): string[];
