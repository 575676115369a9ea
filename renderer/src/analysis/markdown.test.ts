// The Method page reader: METHOD.md's headings, lists (nested items kept) and paragraphs come through as blocks.
import methodText from '../../../shared/analysis/METHOD.md?raw';
import { parseBlocks } from './markdown';

describe('parseBlocks', () => {
  it('splits headings, paragraphs and lists, joining wrapped lines', () => {
    const blocks = parseBlocks('# Title\n\nA line\nwrapped.\n\n## Rules\n- one\n  continued\n  - nested\n- two\n');
    expect(blocks).toEqual([
      { kind: 'h1', lines: ['Title'] },
      { kind: 'p', lines: ['A line', 'wrapped.'] },
      { kind: 'h2', lines: ['Rules'] },
      { kind: 'ul', lines: ['one continued', '  nested', 'two'] },
    ]);
  });

  it('reads the real METHOD.md with every section heading', () => {
    const h2 = parseBlocks(methodText).filter((b) => b.kind === 'h2').map((b) => b.lines[0]);
    expect(h2).toEqual(expect.arrayContaining(['Observability', 'Presence, absence, visits', 'Period comparison', 'Dwell distribution']));
  });
});
