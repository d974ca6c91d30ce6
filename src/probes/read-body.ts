/** Reads at most `limit` bytes of a body and cancels the rest: a huge body is cut, not buffered. */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ bytes: number; truncated: boolean; text: string }> {
  if (!body) return { bytes: 0, truncated: false, text: '' };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes + value.byteLength > limit) {
        chunks.push(value.subarray(0, limit - bytes));
        bytes = limit;
        await reader.cancel();
        return { bytes, truncated: true, text: decode(chunks) };
      }
      chunks.push(value);
      bytes += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
  return { bytes, truncated: false, text: decode(chunks) };
}

function decode(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((c, i) => decoder.decode(c, { stream: i < chunks.length - 1 })).join('');
}
