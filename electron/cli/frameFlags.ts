// `--zone NAME` / `--bbox W,S,E,N`: what a figure or time-lapse frames (shared/calls/figure.ts figureFrameSchema),
// one reading of the two flags for the commands that draw.
import type { FigureFrame } from '../../shared/calls/figure';
import { UsageError } from './cliIo';

export const FRAME_FLAGS = { zone: { type: 'string' }, bbox: { type: 'string' } } as const;
export const FRAME_USAGE = '(--zone NAME | --bbox W,S,E,N)';
export const FRAME_DETAILS = '--zone NAME: a zone (by name or id) with a margin around it; --bbox W,S,E,N: a box in lon/lat degrees (WGS84), west,south,east,north.';

export function frameOf(values: { zone?: string; bbox?: string }): FigureFrame {
  if ((values.zone === undefined) === (values.bbox === undefined)) throw new UsageError('give exactly one of --zone NAME or --bbox W,S,E,N');
  if (values.zone !== undefined) return { zone: values.zone };
  const parts = values.bbox!.split(',').map((p) => p.trim());
  const nums = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`--bbox: "${values.bbox}" is not four numbers W,S,E,N (lon/lat degrees, e.g. 130.39,42.23,130.41,42.25)`);
  }
  const [w, s, e, n] = nums as [number, number, number, number];
  return { bbox: [[w, s], [e, n]] };
}
