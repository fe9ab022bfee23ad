// A self-contained HTML report: headings, short paragraphs, tables and the charts inlined as
// SVG (no scripts, no external files), so the page opens from disk anywhere.

/** One part of the report. */
export type ReportBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'svg'; readonly svg: string; readonly caption?: string }
  | { readonly kind: 'pre'; readonly text: string };

/** Contents of {@link htmlReport}. */
export interface HtmlReport {
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${escapeHtml(b.text)}</h2>`;
    case 'text':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'pre':
      return `<pre>${escapeHtml(b.text)}</pre>`;
    case 'table': {
      const head = b.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
      const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
    case 'svg': {
      // Drop any XML prolog: inline SVG in HTML must start at <svg.
      const svg = b.svg.slice(Math.max(0, b.svg.indexOf('<svg')));
      return `<figure>\n${svg}\n${b.caption ? `<figcaption>${escapeHtml(b.caption)}</figcaption>\n` : ''}</figure>`;
    }
  }
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}
td:not(:first-child){text-align:right;font-variant-numeric:tabular-nums}figure{margin:1.5em 0}svg{max-width:100%;height:auto}
pre{background:#f6f6f6;padding:.8em;overflow:auto}figcaption{color:#555;font-size:.9em}`;

/**
 * Renders the report as one HTML document.
 *
 * @example
 * ```ts
 * htmlReport({ title: 'rnnkit demo', blocks: [{ kind: 'svg', svg: lossCurve({ train: [1, 0.5] }) }] });
 * ```
 */
export function htmlReport(report: HtmlReport): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
${report.blocks.map(block).join('\n')}
</body>
</html>
`;
}
