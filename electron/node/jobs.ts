// Progress and cancel for long calls, in both hosts, without events: the caller picks a job id,
// makes the long call (which answers when the work is done) and meanwhile polls `jobs.status`
// with that id; `jobs.cancel` aborts it. Finished jobs are forgotten after a minute.
import type { JobStatus } from '../../shared/calls/imagery';

export type { JobStatus };

interface Job extends JobStatus {
  controller: AbortController;
}

const jobs = new Map<string, Job>();
const KEEP_FINISHED_MS = 60_000;

export interface JobHandle {
  signal: AbortSignal;
  progress(done: number, total: number, label?: string): void;
}

/** Runs `work` as job `id` (or anonymously), recording progress and the final state. */
export async function runJob<T>(id: string | undefined, work: (job: JobHandle) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const job: Job = { id: id ?? '', state: 'running', done: 0, total: 0, label: '', controller };
  if (id) jobs.set(id, job);
  try {
    const result = await work({
      signal: controller.signal,
      progress(done, total, label) {
        job.done = done;
        job.total = total;
        if (label !== undefined) job.label = label;
      },
    });
    job.state = controller.signal.aborted ? 'cancelled' : 'done';
    return result;
  } catch (e) {
    job.state = controller.signal.aborted ? 'cancelled' : 'failed';
    throw e;
  } finally {
    if (id) setTimeout(() => jobs.get(id) === job && jobs.delete(id), KEEP_FINISHED_MS).unref?.();
  }
}

export function jobStatus(id: string): JobStatus | null {
  const j = jobs.get(id);
  return j ? { id: j.id, state: j.state, done: j.done, total: j.total, label: j.label } : null;
}

export function cancelJob(id: string): boolean {
  const j = jobs.get(id);
  if (!j || j.state !== 'running') return false;
  j.controller.abort();
  return true;
}
