// The imagery layer of a radar (SAR) scene: amplitude shown in decibels with a percentile stretch
// (THE rule: shared/radar.ts). OpenLayers' WebGL style expressions have no logarithm, so the dB
// are taken on the CPU, in the GeoTIFF source's tile loader (a float32 tile of 256² pixels costs
// well under a millisecond), and the GPU only does the linear stretch from style variables: moving
// the stretch redraws at once without reading or decoding a tile again. The percentiles come from
// one small read of the whole scene (the overview that fits 512 px, via geotiff.js, the library
// the GeoTIFF source itself reads with), once per layer. Overviews and Range requests work as for optical
// (sceneLayer.ts). Why not a display copy made by the host: it would fix the stretch and double every radar file.
//
// The stretch (low and high percentile) is the analyst's for the session: every radar scene of
// every project opened in this window uses it, and a new window starts at 2–98 %.
import WebGLTileLayer from 'ol/layer/WebGLTile';
import GeoTIFF from 'ol/source/GeoTIFF';
import type { Loader } from 'ol/source/DataTile';
import { fromUrl } from 'geotiff';
import { create } from 'zustand';
import type { Scene } from '../../../shared/domain';
import { DB_FLOOR, DEFAULT_RADAR_STRETCH, amplitudeToDb, clampStretch, radarStats, stretchRange, type RadarStats, type RadarStretch } from '../../../shared/radar';
import { sceneImageryUrl, sessionHeaders } from '../api/client';

interface RadarState {
  stretch: RadarStretch;
  /** Each radar scene's percentiles once read (by scene id), for the control's dB figures. */
  stats: Map<string, RadarStats>;
  setStretch(s: RadarStretch): void;
}

export const useRadar = create<RadarState>((set) => ({
  stretch: DEFAULT_RADAR_STRETCH,
  stats: new Map(),
  setStretch: (s) => set({ stretch: clampStretch(s) }),
}));

/** A GeoTIFF source whose tiles carry dB instead of amplitude (the alpha band, if any, untouched). */
class RadarGeoTIFF extends GeoTIFF {
  protected override setLoader(loader: Loader): void {
    super.setLoader(async (z, x, y, options) => {
      const data = await loader(z, x, y, options);
      if (!(data instanceof Float32Array)) return data;
      const bands = this.bandCount;
      const samples = this.hasAlpha ? bands - 1 : bands;
      for (let i = 0; i < data.length; i += bands) for (let b = 0; b < samples; b++) data[i + b] = amplitudeToDb(data[i + b]!);
      return data;
    });
  }
}

/** The stretch as style variables: [low, high] dB per display channel (grey, or co, cross, ratio). */
function variablesOf(stats: RadarStats | undefined, stretch: RadarStretch): Record<string, number> {
  const out: Record<string, number> = {};
  for (let c = 0; c < 3; c++) {
    const q = stats?.channels[c];
    const [lo, hi] = q ? stretchRange(q, stretch) : [-25, 0];
    out[`lo${c}`] = lo;
    out[`hi${c}`] = hi;
  }
  return out;
}

type Expr = (string | number | Expr)[];
/** stretchDb of shared/radar.ts as a WebGL style expression: clamp((v − lo) / (hi − lo), 0, 1). */
const stretched = (value: Expr, c: number): Expr => ['clamp', ['/', ['-', value, ['var', `lo${c}`]], ['-', ['var', `hi${c}`], ['var', `lo${c}`]]], 0, 1];

function styleOf(polarisations: number, variables: Record<string, number>) {
  const co: Expr = ['band', 1];
  // No return (amplitude 0: a product's no-data border) is transparent, not black.
  const alpha: Expr = ['case', ['>', co, DB_FLOOR], 1, 0];
  if (polarisations < 2) {
    const g = stretched(co, 0);
    return { variables, color: ['array', g, g, g, alpha] };
  }
  const cross: Expr = ['band', 2];
  return { variables, color: ['array', stretched(co, 0), stretched(cross, 1), stretched(['-', co, cross], 2), alpha] };
}

/** Live radar layers, so a new stretch reaches each at once. */
const live = new Set<{ layer: WebGLTileLayer; sceneId: string }>();
useRadar.subscribe((s, prev) => {
  if (s.stretch === prev.stretch && s.stats === prev.stats) return;
  for (const l of live) l.layer.updateStyleVariables(variablesOf(s.stats.get(l.sceneId), s.stretch));
});

/** Reads the scene's percentiles once (from the overview nearest 512 px a side). */
async function loadStats(sceneId: string): Promise<RadarStats | null> {
  const known = useRadar.getState().stats.get(sceneId);
  if (known) return known;
  const tiff = await fromUrl(sceneImageryUrl(sceneId), { headers: sessionHeaders() });
  const first = await tiff.getImage();
  const scale = Math.min(1, 512 / Math.max(first.getWidth(), first.getHeight()));
  const width = Math.max(1, Math.round(first.getWidth() * scale));
  const height = Math.max(1, Math.round(first.getHeight() * scale));
  const rasters = (await tiff.readRasters({ width, height, resampleMethod: 'nearest', interleave: false })) as unknown as ArrayLike<number>[];
  const stats = radarStats(Array.from(rasters).slice(0, 2));
  if (!stats) return null;
  const next = new Map(useRadar.getState().stats);
  next.set(sceneId, stats);
  useRadar.setState({ stats: next });
  return stats;
}

export function createRadarLayer(scene: Scene): WebGLTileLayer {
  const source = new RadarGeoTIFF({
    sources: [{ url: sceneImageryUrl(scene.id) }],
    sourceOptions: { headers: sessionHeaders() },
    loadMissingProjection: true,
    normalize: false,
    // Each radar pixel is one measurement (speckle included): drawn as it is, not blended with its neighbours.
    interpolate: false,
    transition: 0,
  });
  source.setAttributions(scene.credit);
  const { stretch, stats } = useRadar.getState();
  const polarisations = scene.acquisition.polarizations?.length ?? 1;
  const layer = new WebGLTileLayer({ source, zIndex: 0, preload: 1, properties: { sceneId: scene.id, sensor: 'sar' }, style: styleOf(polarisations, variablesOf(stats.get(scene.id), stretch)) });
  const entry = { layer, sceneId: scene.id };
  live.add(entry);
  const dispose = layer.dispose.bind(layer);
  layer.dispose = () => {
    live.delete(entry);
    dispose();
  };
  loadStats(scene.id)
    .then((stats) => {
      // A file with two bands whose metadata named no polarisations is still shown in false colour.
      const bands = stats?.composition === 'dual' ? 2 : 1;
      if (stats && bands !== Math.min(2, polarisations)) layer.setStyle(styleOf(bands, variablesOf(stats, useRadar.getState().stretch)));
    })
    .catch((e: unknown) => console.warn(`radar percentiles of ${scene.id} could not be read`, e));
  return layer;
}
