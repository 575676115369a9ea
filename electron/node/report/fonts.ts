// The report's fonts: DejaVu Sans from the dejavu-fonts-ttf package, shipped with the app and embedded in every PDF and chip (no system fonts needed).
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Found by Node's module resolution (the CommonJS bundle has `require`; tests run as ESM, from the
 * repository, where a require rooted at the working folder finds the same package).
 */
function fontDir(): string {
  const resolvers: (() => string)[] = [
    () => require.resolve('dejavu-fonts-ttf/package.json'),
    () => createRequire(path.join(process.cwd(), 'package.json')).resolve('dejavu-fonts-ttf/package.json'),
  ];
  for (const resolve of resolvers) {
    try {
      return path.join(path.dirname(resolve()), 'ttf');
    } catch {
      // `require` is missing (ESM) or a bundler's stub: try the next way.
    }
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
