// The few parts of fontkit (pdfkit's font engine, installed with it) that figures use to set text as outlines.
declare module 'fontkit' {
  interface FontPath {
    scale(sx: number, sy: number): FontPath;
    translate(x: number, y: number): FontPath;
    toSVG(): string;
  }
  interface Glyph {
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
  }
  export function openSync(file: string): Font;
}
