// Public surface of the chart specification: analysis results in, plain-JSON ECharts options out.

export * from './spec';
export * from './theme';
export * from './format';
export * from './renderItems';
export * from './monthlyVisitsChart';
export * from './visitTimelineChart';
export * from './containerCountsChart';
export * from './dwellChart';
export * from './coverageCalendarChart';
export * from './periodComparisonChart';
export * from './aisTimelineChart';
