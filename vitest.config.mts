import { defineConfig } from 'vitest/config';

// Unit tests run in Node: pure domain logic, the store on real SQLite files, the hosts on loopback.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    globals: true,
    testTimeout: 30_000,
    pool: 'forks',
  },
});
