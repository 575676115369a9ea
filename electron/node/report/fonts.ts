// The report's fonts: DejaVu Sans from the dejavu-fonts-ttf package, shipped with the app and embedded in every PDF and chip (no system fonts needed).
import fs from 'node:fs';
import path from 'node:path';

/** Resolved from the working folder and from this module's own folder, so the same code runs from source, in tests and in the bundle. */
function fontDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const starts = [process.cwd(), here, path.resolve(here, '..'), path.resolve(here, '../..'), path.resolve(here, '../../..')];
  for (const s of starts) {
    const dir = path.join(s, 'node_modules', 'dejavu-fonts-ttf', 'ttf');
    if (fs.existsSync(path.join(dir, 'DejaVuSans.ttf'))) return dir;
  }
  throw new Error('The report font (dejavu-fonts-ttf) is missing from this installation; reinstall Quaywatch.');
}

export interface ReportFonts {
  regular: string;
  bold: string;
  mono: string;
}

let cached: ReportFonts | null = null;

export function reportFonts(): ReportFonts {
  if (!cached) {
    const dir = fontDir();
    cached = {
      regular: path.join(dir, 'DejaVuSans.ttf'),
      bold: path.join(dir, 'DejaVuSans-Bold.ttf'),
      mono: path.join(dir, 'DejaVuSansMono.ttf'),
    };
  }
  return cached;
}
