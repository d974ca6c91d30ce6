/**
 * Cuts text to at most `max` UTF-16 units (what JS and the APIs' limits count), ending with an
 * ellipsis, without splitting a surrogate pair: receivers reject oversized fields outright.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}
