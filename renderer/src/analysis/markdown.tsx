// A small Markdown reader for the Method page (headings, paragraphs, lists, emphasis, code): React elements, never raw HTML.
import type { ReactNode } from 'react';

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const t = m[0];
    const k = `${key}-${i++}`;
    if (t.startsWith('**')) out.push(<strong key={k}>{t.slice(2, -2)}</strong>);
    else if (t.startsWith('`')) out.push(<code key={k}>{t.slice(1, -1)}</code>);
    else out.push(<em key={k}>{t.slice(1, -1)}</em>);
    last = m.index + t.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

interface Block {
  kind: 'h1' | 'h2' | 'h3' | 'p' | 'ul';
  lines: string[];
}

export function parseBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  let cur: Block | null = null;
  for (const raw of md.split('\n')) {
    const line = raw.trimEnd();
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      blocks.push({ kind: (['h1', 'h2', 'h3'] as const)[h[1]!.length - 1]!, lines: [h[2]!] });
      cur = null;
    } else if (!line.trim()) cur = null;
    else if (/^\s*[-*]\s+/.test(line)) {
      const item = line.replace(/^\s*[-*]\s+/, '');
      // Nested items are folded into the list as their own entries, indented by a marker.
      const nested = /^\s{2,}/.test(line);
      if (!cur || cur.kind !== 'ul') blocks.push((cur = { kind: 'ul', lines: [] }));
      cur.lines.push(nested ? `  ${item}` : item);
    } else if (cur && cur.kind === 'ul' && /^\s+/.test(line)) cur.lines[cur.lines.length - 1] += ` ${line.trim()}`;
    else if (cur && cur.kind === 'p') cur.lines.push(line.trim());
    else blocks.push((cur = { kind: 'p', lines: [line.trim()] }));
  }
  return blocks;
}

export function Markdown({ source }: { source: string }) {
  return (
    <>
      {parseBlocks(source).map((b, i) => {
        const k = `b${i}`;
        if (b.kind === 'ul')
          return (
            <ul key={k}>
              {b.lines.map((l, j) => (
                <li key={j} className={l.startsWith('  ') ? 'nested' : undefined}>
                  {inline(l.trim(), `${k}-${j}`)}
                </li>
              ))}
            </ul>
          );
        const Tag = b.kind;
        return <Tag key={k}>{inline(b.lines.join(' '), k)}</Tag>;
      })}
    </>
  );
}
