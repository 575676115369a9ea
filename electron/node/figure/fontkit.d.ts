// The few parts of fontkit (pdfkit's font engine) that figures use: text as outlines, and subsets for an SVG's @font-face.
declare module 'fontkit' {
  interface FontPath {
    scale(sx: number, sy: number): FontPath;
    translate(x: number, y: number): FontPath;
    toSVG(): string;
  }
  interface Glyph {
    id: number;
    path: FontPath;
  }
  /** A font cut down to some glyphs (fontkit's TTFSubset): ids are given in the order included, 0 first. */
  interface Subset {
    includeGlyph(id: number): number;
    encode(): Uint8Array;
  }
  interface GlyphRun {
    glyphs: Glyph[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
    advanceWidth: number;
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    layout(text: string): GlyphRun;
    numGlyphs: number;
    glyphForCodePoint(codePoint: number): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
    createSubset(): Subset;
  }
  export function openSync(file: string): Font;
  export function create(buffer: Buffer): Font;
}
