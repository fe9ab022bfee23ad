import { describe, expect, it } from 'vitest';
import { byTag, parseSvg, text } from './__fixtures__/svg-dom.js';
import { escapeXml } from './escape.js';
import { forecastPlot } from './forecast-plot.js';
import { gradientFlow } from './gradient-flow.js';
import { heatmap } from './heatmap.js';
import { lossCurve } from './loss-curve.js';
import { tokenStrip } from './token-strip.js';
import { unrolledGraph } from './unrolled-graph.js';
import { windowDiagram } from './window-diagram.js';

const hostile = `<script>alert("x")</script> & 'q' <!-- ]]>`;

describe('escapeXml', () => {
  it('escapes the five XML specials and drops control characters XML forbids', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;');
    expect(escapeXml('tab\tnew\nline\u0000\u001b[31m')).toBe('tab\tnew\nline[31m');
  });

  it('keeps every chart a well-formed SVG whose <title> reads back the hostile string, with no <script>', () => {
    const charts = [
      lossCurve({ train: [1, 2] }, { title: hostile, yLabel: hostile, labels: { train: hostile, validation: hostile }, idPrefix: hostile }),
      forecastPlot({ actual: [1, 2, 3], regions: [{ label: hostile, start: 0, end: 2 }] }, { title: hostile, labels: { actual: hostile } }),
      heatmap([[1, -1]], { title: hostile, timeLabels: [hostile], unitLabels: [hostile, 'u'], colorLabel: hostile }),
      gradientFlow([{ label: hostile, norms: [1, 0.1] }, { label: 'b', norms: [1, 1] }], { title: hostile }),
      unrolledGraph({ title: hostile }),
      windowDiagram([1, 2, 3], { window: 1, title: hostile, yLabel: hostile }),
      tokenStrip(hostile, [...hostile].map(() => 0.5), { title: hostile, valueLabel: hostile }),
    ];
    for (const svg of charts) {
      const doc = parseSvg(svg);
      expect(byTag(doc, 'script')).toHaveLength(0);
      expect(text(byTag(doc, 'title')[0]!)).toBe(hostile);
      expect(svg).not.toContain('<script>');
    }
  });
});
