// One Content-Security-Policy for both hosts (Electron's custom protocol and the browser-mode host).
// No 'unsafe-eval' and no remote origins: the page may only talk to its own origin.
// worker-src blob: is needed by geotiff.js, whose decoder pool starts workers from blob URLs.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
