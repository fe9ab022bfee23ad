// Strings ↔ bytes for the byte-level BPE: WTF-8, i.e. UTF-8 extended so that a lone surrogate
// (legal in a JS string, not in Unicode text) is written as the 3-byte form of its code point
// (ED A0 80 … ED BF BF) instead of being replaced by U+FFFD as TextEncoder does. Every JS
// string therefore round-trips exactly; well-formed text encodes exactly as UTF-8.
// Reference: WTF-8 spec (Simon Sapin), https://simonsapin.github.io/wtf-8/

/** Encodes `text` as WTF-8 (UTF-8 for well-formed text). */
export function encodeWtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      out[n++] = cp;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp < 0x800) {
      out[n++] = 0xc0 | (cp >> 6);
      out[n++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[n++] = 0xe0 | (cp >> 12);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else {
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.subarray(0, n);
}

/**
 * Decodes WTF-8 bytes. A byte that cannot start or continue a sequence becomes U+FFFD (one per
 * bad byte), as happens when a model emits a token sequence that cuts a character in half.
 */
export function decodeWtf8(bytes: ArrayLike<number>): string {
  const units: number[] = [];
  let text = '';
  const flush = (): void => {
    text += String.fromCharCode(...units);
    units.length = 0;
  };
  const cont = (i: number): number => {
    const b = bytes[i];
    return b !== undefined && (b & 0xc0) === 0x80 ? b & 0x3f : -1;
  };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    let cp = -1;
    let size = 1;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b <= 0xdf) {
      const c1 = cont(i + 1);
      if (c1 >= 0) [cp, size] = [((b & 0x1f) << 6) | c1, 2];
    } else if (b >= 0xe0 && b <= 0xef) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      const value = ((b & 0x0f) << 12) | (c1 << 6) | c2;
      if (c1 >= 0 && c2 >= 0 && value >= 0x800) [cp, size] = [value, 3];
    } else if (b >= 0xf0 && b <= 0xf4) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      const c3 = cont(i + 3);
      const value = ((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (c1 >= 0 && c2 >= 0 && c3 >= 0 && value >= 0x10000 && value <= 0x10ffff) [cp, size] = [value, 4];
    }
    if (cp < 0) cp = 0xfffd;
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else units.push(cp);
    if (units.length > 8192) flush();
    i += size;
  }
  flush();
  return text;
}
