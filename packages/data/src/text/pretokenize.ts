// GPT-2's pre-tokenizer: the text is cut into words (a leading space joins the word after it,
// contractions, letter runs, digit runs, punctuation runs, whitespace) and BPE merges never
// cross a word boundary. Reference: openai/gpt-2 `encoder.py` (the `pat` regex). Pieces are
// further cut every MAX_PIECE code points so encoding stays linear-time on pathological input.

const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const MAX_PIECE = 128;

/**
 * Calls `visit` with each pre-token of `text`, in order; their concatenation is `text`
 * (lone surrogates included: the regex runs in Unicode mode, where one counts as a character).
 */
export function forEachPretoken(text: string, visit: (piece: string) => void): void {
  const pattern = GPT2_PATTERN;
  pattern.lastIndex = 0;
  let end = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match.index > end) emit(text.slice(end, match.index), visit); // never happens: the pattern covers every character
    const piece = match[0];
    if (piece.length <= MAX_PIECE) visit(piece);
    else emit(piece, visit);
    end = match.index + piece.length;
  }
  if (end < text.length) emit(text.slice(end), visit);
}

function emit(piece: string, visit: (piece: string) => void): void {
  if (piece.length <= MAX_PIECE) {
    visit(piece);
    return;
  }
  let start = 0;
  let points = 0;
  for (let i = 0; i < piece.length; i++) {
    const unit = piece.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < piece.length && (piece.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) i++;
    if (++points === MAX_PIECE) {
      visit(piece.slice(start, i + 1));
      start = i + 1;
      points = 0;
    }
  }
  if (start < piece.length) visit(piece.slice(start));
}
