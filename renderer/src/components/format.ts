// Dates are always shown in UTC: scene times are UTC, and analysts compare across time zones.
export const fmtDate = (iso: string) => iso.slice(0, 10);
export const fmtTime = (iso: string) => `${iso.slice(11, 16)} UTC`;
export const fmtDateTime = (iso: string) => `${fmtDate(iso)} ${fmtTime(iso)}`;
export const fmtPercent = (v: number | null) => (v == null ? '—' : `${Math.round(v * 100)}%`);
export const fmtLonLat = ([lon, lat]: [number, number]) =>
  `${Math.abs(lat).toFixed(5)}°${lat >= 0 ? 'N' : 'S'} ${Math.abs(lon).toFixed(5)}°${lon >= 0 ? 'E' : 'W'}`;
