import { titleCase } from '@layout/core';

export function greet(name: string): string {
  return `Hello, ${titleCase(name)}!`;
}
