// The one papaparse reading loop behind parseCsvSeries and readCsvHeader: RFC 4180 records
// (quoted fields, embedded delimiters and line breaks, CRLF/LF/CR), a leading BOM dropped, each
// record handed over with the 1-based file line it starts on, as an editor numbers lines.

import Papa from 'papaparse';

/** One CSV record, as papaparse split it. */
export interface CsvRecord {
  /** The fields; a blank line is `['']`. */
  readonly fields: string[];
  /** 1-based line in the file where the record starts (a quoted line break spans lines). */
  readonly line: number;
  /** papaparse's first complaint about the record (an unterminated quote…), if any. */
  readonly error: { readonly message: string; readonly code: string } | undefined;
}

/**
 * Hands each record of `text` to `visit` in order, until `visit` returns false.
 *
 * @example
 * ```ts
 * eachCsvRecord('\uFEFFa,b\r\n\r\n1,2\r\n', ',', (r) => (console.log(r.line, r.fields), true));
 * // 1 ['a', 'b'] · 2 [''] · 3 ['1', '2']
 * ```
 */
export function eachCsvRecord(text: string, delimiter: string, visit: (record: CsvRecord) => boolean): void {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let cursor = 0;
  Papa.parse<string[]>(source, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    step: (result, parser) => {
      const record = { fields: result.data, line, error: result.errors[0] };
      line += countLineBreaks(source, cursor, result.meta.cursor);
      cursor = result.meta.cursor;
      if (!visit(record)) parser.abort();
    },
  });
}

/** Line breaks (CRLF, LF or a lone CR, each counted once) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) n++;
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}
