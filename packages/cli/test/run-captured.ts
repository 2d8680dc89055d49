import { Writable } from 'node:stream';
import { run } from '../src/main.js';

/** run() in this process with captured streams: the exit code and what a user would see. */
export async function runCaptured(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const sink = (): NodeJS.WriteStream & { text: string } => {
    const s = new Writable({ write: (chunk, _enc, cb) => ((s.text += String(chunk)), cb()) }) as unknown as NodeJS.WriteStream & { text: string };
    s.text = '';
    return s;
  };
  const stdout = sink();
  const stderr = sink();
  const code = await run(argv, { stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
