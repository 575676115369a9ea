// The proposed output paths: right folder, safe names, one extension, Windows folders kept as they are.
import { defaultOutputPath, folderOf, joinPath, safeFileName, todayUtc, withExtension } from './outputPaths';

describe('folderOf', () => {
  it('takes the folder of POSIX and Windows paths', () => {
    expect(folderOf('/home/ana/Quaywatch/Rajin.quaywatch')).toBe('/home/ana/Quaywatch');
    expect(folderOf('C:\\Users\\ana\\Rajin.quaywatch')).toBe('C:\\Users\\ana');
    expect(folderOf('/Rajin.quaywatch')).toBe('/');
    expect(folderOf('Rajin.quaywatch')).toBe('');
  });
});

describe('joinPath', () => {
  it('uses the separator of the folder and never doubles it', () => {
    expect(joinPath('/home/ana', 'a.pdf')).toBe('/home/ana/a.pdf');
    expect(joinPath('/', 'a.pdf')).toBe('/a.pdf');
    expect(joinPath('C:\\Users\\ana', 'a.pdf')).toBe('C:\\Users\\ana\\a.pdf');
    expect(joinPath('', 'a.pdf')).toBe('a.pdf');
  });
});

describe('safeFileName', () => {
  it('replaces separators and reserved characters, keeps readable punctuation', () => {
    expect(safeFileName('Rajin port (demo)')).toBe('Rajin port (demo)');
    expect(safeFileName('Nampo / Songnim: 2024?')).toBe('Nampo - Songnim- 2024-');
    expect(safeFileName('..hidden')).toBe('hidden');
    expect(safeFileName('  ')).toBe('Untitled');
    expect(safeFileName('a\u0000b\tc')).toBe('a-b-c');
  });
});

describe('withExtension', () => {
  it('swaps a known extension, whatever its case, and adds one otherwise', () => {
    expect(withExtension('/x/Rajin.csv', '.gpkg')).toBe('/x/Rajin.gpkg');
    expect(withExtension('/x/Rajin.GeoJSON', '.kml')).toBe('/x/Rajin.kml');
    expect(withExtension('/x/Rajin', '.pdf')).toBe('/x/Rajin.pdf');
    expect(withExtension('/x/Rajin v1.2', '.html')).toBe('/x/Rajin v1.2.html');
  });
});

describe('defaultOutputPath', () => {
  it('names the file after the project and what it holds, in the folder given', () => {
    expect(defaultOutputPath('/home/ana/Quaywatch', 'Rajin port (demo)', 'report', '.pdf')).toBe('/home/ana/Quaywatch/Rajin port (demo) report.pdf');
    expect(defaultOutputPath('/p', 'Rajin: 2024/25', '', '.gpkg')).toBe('/p/Rajin- 2024-25.gpkg');
    expect(defaultOutputPath('/p', 'Rajin', `copy ${todayUtc(new Date('2025-02-01T23:30:00Z'))}`, '.quaywatch')).toBe('/p/Rajin copy 2025-02-01.quaywatch');
  });
});
