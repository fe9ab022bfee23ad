import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlReport } from './html-report.js';

describe('htmlReport', () => {
  const html = htmlReport({
    title: 'rnnkit <demo>',
    blocks: [
      { kind: 'heading', text: 'Results & charts' },
      { kind: 'table', header: ['model', 'RMSE'], rows: [['LSTM', '2.2']] },
      { kind: 'svg', svg: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>t</title></svg>', caption: 'loss' },
    ],
  });

  it('is a complete HTML document with the title escaped', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>rnnkit &lt;demo&gt;</title>');
    expect(html).toContain('<h2>Results &amp; charts</h2>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('inlines the SVG without its XML prolog, and renders tables row by row', () => {
    expect(html).not.toContain('<?xml');
    expect(html).toContain('<figure>\n<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>t</title></svg>\n<figcaption>loss</figcaption>');
    expect(html).toContain('<thead><tr><th>model</th><th>RMSE</th></tr></thead>');
    expect(html).toContain('<tr><td>LSTM</td><td>2.2</td></tr>');
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
