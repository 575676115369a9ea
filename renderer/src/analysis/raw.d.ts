// Vite's `?raw` imports: the Method page shows shared/analysis/METHOD.md as written, one source for app and repo.
declare module '*.md?raw' {
  const text: string;
  export default text;
}
