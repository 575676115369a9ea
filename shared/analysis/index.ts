// Public surface of the analysis layer: pure functions and the incremental cache over plain data.

export * from './input';
export * from './visits';
export * from './coverage';
export * from './monthly';
export * from './comparison';
export * from './turnbull';
export * from './dwell';
export * from './engine';
export * from './portCalls';
export * from './observation';
export * from './censoring';
