/**
 * SVG to PNG in Node, with resvg (a Rust renderer shipped as a prebuilt npm binary): for
 * figures in reports and READMEs where SVG will not do. Node only (`spikestream/node`).
 *
 * @example
 * ```ts
 * import { rasterSvg } from 'spikestream';
 * import { svgToPng } from 'spikestream/node';
 * writeFileSync('raster.png', svgToPng(rasterSvg(record), { scale: 2 }));
 * ```
 * @module
 */
import { Resvg } from '@resvg/resvg-js';

/** Options of {@link svgToPng}. */
export interface SvgToPngOptions {
  /** Pixels per SVG unit (default 1). */
  readonly scale?: number;
}

/**
 * Renders an SVG document to PNG bytes.
 *
 * @param svg - a standalone SVG document
 * @param options - the scale
 * @returns the PNG file's bytes
 */
export function svgToPng(svg: string, options: SvgToPngOptions = {}): Uint8Array {
  const scale = options.scale ?? 1;
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`svgToPng: scale must be a number > 0, got ${scale}`);
  // System fonts are loaded so that axis labels render; resvg draws no text without a font.
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return resvg.render().asPng();
}
