/**
 * The pieces every SVG plot of spikestream is made of: text escaping, the document frame, and
 * axes drawn from a d3 linear scale (ticks from `scale.ticks`, so plots agree on tick choice).
 *
 * @example
 * ```ts
 * const x = scaleLinear().domain([0, 100]).range([70, 980]);
 * const parts = [svgOpen(1000, 400, 'Title'), ...bottomAxis(x, 355, 'Time (ms)'), '</svg>'];
 * ```
 * @module
 */
import type { ScaleLinear } from 'd3';

/**
 * Escapes text for SVG content and attributes. Characters XML 1.0 cannot carry at all (control
 * characters but tab, newline and return; U+FFFE, U+FFFF; halves of surrogate pairs) become
 * U+FFFD, so that any title, file name or group name gives a well-formed document.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The opening of a standalone SVG document with a white background and an optional title. */
export function svgOpen(width: number, height: number, title?: string): string {
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">\n` +
    `<rect width="${width}" height="${height}" fill="white"/>`;
  return title ? `${head}\n<text class="title" x="${width / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(title)}</text>` : head;
}

/** A horizontal axis at `y`: line, ticks, tick labels and a label below. */
export function bottomAxis(x: ScaleLinear<number, number>, y: number, label: string, ticks = 10): string[] {
  const [left, right] = x.range() as [number, number];
  const out = [`<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="black"/>`];
  for (const tick of x.ticks(ticks)) {
    out.push(`<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${y}" y2="${y + 5}" stroke="black"/>`);
    out.push(`<text class="tick" x="${x(tick).toFixed(1)}" y="${y + 18}" text-anchor="middle">${tick}</text>`);
  }
  out.push(`<text class="label" x="${((left + right) / 2).toFixed(1)}" y="${y + 38}" text-anchor="middle">${escapeXml(label)}</text>`);
  return out;
}

/** A vertical axis at `x`: line, ticks, tick labels and a rotated label to the left. */
export function leftAxis(y: ScaleLinear<number, number>, x: number, label: string, ticks = 4): string[] {
  const [bottom, top] = y.range() as [number, number];
  const out = [`<line x1="${x}" x2="${x}" y1="${top}" y2="${bottom}" stroke="black"/>`];
  for (const tick of y.ticks(ticks)) {
    out.push(`<line x1="${x - 5}" x2="${x}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="black"/>`);
    out.push(`<text class="tick" x="${x - 8}" y="${y(tick).toFixed(1)}" dy="0.32em" text-anchor="end">${tick}</text>`);
  }
  out.push(`<text class="label" transform="translate(18,${((top + bottom) / 2).toFixed(1)}) rotate(-90)" text-anchor="middle">${escapeXml(label)}</text>`);
  return out;
}
