import { termFrequencies } from './frequencies.js';

export interface Doc {
  id: string;
  title: string;
  body: string;
}

/**
 * Documents that contain every query term, best first. A term counts three times in the title,
 * once in the body; ties keep the input order.
 */
export function search(query: string, docs: Doc[]): string[] {
  const terms = [...termFrequencies(query).keys()];
  if (terms.length === 0) return [];
  const scored: { id: string; score: number }[] = [];
  for (const doc of docs) {
    const title = termFrequencies(doc.title);
    const body = termFrequencies(doc.body);
    let score = 0;
    let all = true;
    for (const term of terms) {
      const hits = 3 * (title.get(term) ?? 0) + (body.get(term) ?? 0);
      if (hits === 0) all = false;
      score += hits;
    }
    if (all) scored.push({ id: doc.id, score });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.id);
}
