// The parts of gifenc (pure-JS GIF encoder, no types of its own) that animation.ts uses.
declare module 'gifenc' {
  export type Palette = number[][];
  /** A palette of at most `maxColors` for RGBA pixels (read as 32-bit words). */
  export function quantize(rgba: Uint8Array, maxColors: number, opts?: { format?: 'rgb565' | 'rgb444' }): Palette;
  /** Each RGBA pixel's nearest palette index. */
  export function applyPalette(rgba: Uint8Array, palette: Palette): Uint8Array;
  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, opts: { palette: Palette; delay: number; first: boolean }): void;
    bytes(): Uint8Array;
  }
  export function GIFEncoder(opts: { auto: boolean; initialCapacity?: number }): Encoder;
  /** GIFEncoder from gifenc's ES build; all of the above when Node loads its CommonJS build into an ES module. */
  const whole: unknown;
  export default whole;
}
