const PALETTE = ['#e57373', '#64b5f6', '#81c784', '#ffb74d', '#ba68c8', '#4db6ac'];

/** Up to two letters for an avatar without a picture: "Ada Lovelace" → "AL", "Cher" → "C". */
export function initials(fullName: string): string {
  const words = fullName.split(' ').filter((word) => word !== '');
  const first = words[0]?.[0] ?? '';
  const second = words[1]?.[0] ?? '';
  return (first + second).toUpperCase();
}

/** A background colour that stays the same for the same name. */
export function avatarColor(fullName: string): string {
  let hash = 0;
  for (let i = 0; i < fullName.length; i++) hash = (hash * 31 + fullName.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}
