// Tiny string builder for SVG: elements with escaped attributes, and the accessible
// document wrapper (role="img", <title>, <desc>) every chart returns.

import { escapeXml } from './escape.js';

/** Attribute values; `undefined` and `false` leave the attribute out. */
export type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

/** Rounds pixel coordinates to 2 decimals so output stays short and stable. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function attrString(attrs: Attrs): string {
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    const text = value === true ? key : typeof value === 'number' ? px(value) : value;
    out += ` ${key}="${escapeXml(text)}"`;
  }
  return out;
}

/** An element whose children are already SVG markup. */
export function el(tag: string, attrs: Attrs, ...children: string[]): string {
  const body = children.join('');
  return body === '' ? `<${tag}${attrString(attrs)}/>` : `<${tag}${attrString(attrs)}>${body}</${tag}>`;
}

/** A `<text>` element whose content is a user string (escaped). */
export function textEl(attrs: Attrs, content: string): string {
  return `<text${attrString(attrs)}>${escapeXml(content)}</text>`;
}

/** What {@link svgDocument} wraps. */
export interface SvgDocumentParts {
  width: number;
  height: number;
  /** The drawing's own coordinate box; `0 0 width height` when omitted. */
  viewBox?: string;
  /** Accessible name, also drawn as the visible title by the charts. */
  title: string;
  /** Text summary of the data for screen readers. */
  desc: string;
  /** Prefix of the `<title>`/`<desc>` ids. */
  idPrefix: string;
  /** Page background colour. */
  background: string;
  /** Font stack of all text. */
  fontFamily: string;
  body: string;
}

/** The root `<svg>` with `role="img"`, `<title>`, `<desc>` and a background rect. */
export function svgDocument(parts: SvgDocumentParts): string {
  const titleId = `${parts.idPrefix}-title`;
  const descId = `${parts.idPrefix}-desc`;
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: parts.width,
      height: parts.height,
      viewBox: parts.viewBox ?? `0 0 ${px(parts.width)} ${px(parts.height)}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      'font-family': parts.fontFamily,
    },
    `<title id="${escapeXml(titleId)}">${escapeXml(parts.title)}</title>`,
    `<desc id="${escapeXml(descId)}">${escapeXml(parts.desc)}</desc>`,
    el('rect', { class: 'background', x: 0, y: 0, width: '100%', height: '100%', fill: parts.background }),
    parts.body,
  );
}
