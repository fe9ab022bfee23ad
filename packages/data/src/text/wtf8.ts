// Strings ↔ bytes for the byte-level BPE: WTF-8, i.e. UTF-8 extended so that a lone surrogate
// (legal in a JS string, not in Unicode text) is written as the 3-byte form of its code point
// (ED A0 80 … ED BF BF) instead of being replaced by U+FFFD as TextEncoder does. Every JS
// string therefore round-trips exactly; well-formed text encodes exactly as UTF-8.
// Reference: WTF-8 spec (Simon Sapin), https://simonsapin.github.io/wtf-8/ ; decoding follows
// the WHATWG UTF-8 decoder (one U+FFFD per maximal invalid subpart, as TextDecoder), except
// that ED may be followed by A0–BF (a surrogate).

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Encodes `text` as WTF-8 (UTF-8 for well-formed text).
 *
 * @example
 * ```ts
 * encodeWtf8('é');      // Uint8Array [0xc3, 0xa9]  (as UTF-8)
 * encodeWtf8('\uD800'); // Uint8Array [0xed, 0xa0, 0x80]  (TextEncoder: [0xef, 0xbf, 0xbd])
 * ```
 */
export function encodeWtf8(text: string): Uint8Array {
  if (text.length > 64 && !LONE_SURROGATE.test(text)) return utf8Encoder.encode(text);
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
 * Decodes WTF-8 bytes. Bytes that cannot form a character become U+FFFD, one per maximal
 * invalid subpart as TextDecoder does (e.g. a token sequence that cuts a character in half).
 *
 * @example
 * ```ts
 * decodeWtf8(Uint8Array.of(0xed, 0xa0, 0x80)); // '\uD800'
 * decodeWtf8(Uint8Array.of(0x61, 0xe2, 0x82)); // 'a\uFFFD' (a cut '€')
 * ```
 */
export function decodeWtf8(bytes: Uint8Array): string {
  if (!hasSurrogateBytes(bytes)) return utf8Decoder.decode(bytes);
  const units = new Uint16Array(bytes.length);
  let n = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i++] as number;
    if (lead < 0x80) {
      units[n++] = lead;
      continue;
    }
    let need: number;
    let cp: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) [need, cp] = [1, lead & 0x1f];
    else if (lead >= 0xe0 && lead <= 0xef) {
      [need, cp] = [2, lead & 0x0f];
      if (lead === 0xe0) lower = 0xa0; // no overlong forms; ED keeps A0–BF: surrogates allowed
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      [need, cp] = [3, lead & 0x07];
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else {
      units[n++] = 0xfffd;
      continue;
    }
    let ok = true;
    for (let k = 0; k < need; k++) {
      const b = bytes[i];
      if (b === undefined || b < lower || b > upper) {
        ok = false; // the offending byte is not consumed: it may start the next character
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
      [lower, upper] = [0x80, 0xbf];
      i++;
    }
    if (!ok) units[n++] = 0xfffd;
    else if (cp >= 0x10000) {
      units[n++] = 0xd800 + ((cp - 0x10000) >> 10);
      units[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    } else units[n++] = cp;
  }
  let text = '';
  for (let k = 0; k < n; k += 8192) text += String.fromCharCode(...units.subarray(k, Math.min(n, k + 8192)));
  return text;
}

/** Whether `bytes` contains ED A0–BF, the WTF-8 form of a surrogate (which UTF-8 rejects). */
function hasSurrogateBytes(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0xed); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0xed, i + 1)) {
    const next = bytes[i + 1] as number;
    if (next >= 0xa0 && next <= 0xbf) return true;
  }
  return false;
}
