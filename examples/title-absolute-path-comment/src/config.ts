import { readFileSync } from 'node:fs';

export interface Config {
  name: string;
  port: number;
}

/** Reads a JSON config file and fills in the defaults. */
export function loadConfig(file: string): Config {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Config>;
  return { name: raw.name ?? 'app', port: raw.port ?? 8080 };
}
