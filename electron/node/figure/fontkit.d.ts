// The few parts of fontkit (pdfkit's font engine) that figures use: text as outlines.
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
  }
  export function openSync(file: string): Font;
  export function create(buffer: Buffer): Font;
}
