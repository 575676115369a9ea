// ECharts as its own bundle (dist/electron/echarts.cjs), loaded the first time a report draws a chart:
// bundled into the host it was 3 MB of the 5.6 MB every start compiled (scripts/build.mjs).
export * from 'echarts';
