// Worker thread that reads chunks of an NMEA log for an AIS import (bundled as
// dist/electron/nmeaDecodeWorker.cjs): frames and decodes while the importing thread writes rows.
import { parentPort, workerData } from 'node:worker_threads';
import { KeepArea } from './area';
import { readNmeaBatch, transferablesOf, type NmeaBatchArea } from './nmeaBatch';

const { polygons, bufferKm } = workerData as NmeaBatchArea;
const area = new KeepArea(polygons, bufferKm);
parentPort!.on('message', ({ id, text }: { id: number; text: string }) => {
  const batch = readNmeaBatch(text, area);
  parentPort!.postMessage({ id, batch }, transferablesOf(batch));
});
