// Draws one chart spec live with ECharts' SVG renderer (no canvas, no eval: fits the app's CSP), the same spec reports render headless.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import { hydrateOption, type ChartSpec } from '../../../shared/charts';

export interface EChartProps {
  spec: ChartSpec;
  /** Called with the clicked data item (the spec puts ids such as `visitKey` or `sceneIds` on it). */
  onItemClick?: (data: Record<string, unknown>) => void;
  testId?: string;
  /** Show the spec's summary under the chart (off where a table beside it says the same). */
  caption?: boolean;
}

export function EChart({ spec, onItemClick, testId, caption = true }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;

  useEffect(() => {
    const c = echarts.init(el.current!, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      if (p.data && typeof p.data === 'object') clickRef.current?.(p.data as Record<string, unknown>);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a filter can remove a zone's series, which a merge would leave drawn.
    chart.current?.setOption(hydrateOption(spec.option) as echarts.EChartsCoreOption, { notMerge: true });
  }, [spec]);

  return (
    <figure className="an-chart" data-testid={testId} data-chart-kind={spec.kind}>
      <div ref={el} style={{ height: spec.height }} role="img" aria-label={`${spec.title}. ${spec.summary}`} />
      {caption && <figcaption className="muted small">{spec.summary}</figcaption>}
    </figure>
  );
}
