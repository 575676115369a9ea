// The lines of a piece of an AIS log's text (pure: the import's decoding threads split their chunks
// with it too). A line longer than any AIS line is blanked and counted, never read.

/** Longer than any NMEA sentence with tag blocks (~300) or DMA CSV row (~400): anything longer is not AIS. */
export const MAX_LINE = 64 * 1024;

/** `text` split at '\n' (a '\r' before it stays: readers drop it), lines over MAX_LINE blanked and counted. */
export function splitLines(text: string): { lines: string[]; tooLong: number } {
  const lines = text.split('\n');
  let tooLong = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.length > MAX_LINE) {
      lines[i] = '';
      tooLong++;
    }
  }
  return { lines, tooLong };
}

/** A line as the readers see it: its '\r' dropped; null when blank (blank lines are not counted). */
export function lineOf(raw: string): string | null {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  return line.trim() === '' ? null : line;
}
