const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  þ: 'th',
  '&': ' and ',
};

/** Replaces accented and special Latin characters by plain ASCII. */
export function transliterate(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæøœłđþ&]/gi, (ch) => {
      const lower = ch.toLowerCase();
      const plain = SPECIAL[lower] ?? ch;
      return ch === lower ? plain : plain.toUpperCase();
    });
}
