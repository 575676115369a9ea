// One handler per call of the API contract, gathered from each area's handler file. The type
// makes a missing or misspelt handler a compile error.
import type { Handlers } from './handlers/types';
import { projectHandlers } from './handlers/project';
import { editingHandlers } from './handlers/editing';
import { imageryHandlers } from './handlers/imagery';
import { exportHandlers } from './handlers/export';
import { reviewHandlers } from './handlers/review';
import { filesHandlers } from './handlers/files';
import { aisHandlers } from './handlers/ais';
import { teamHandlers } from './handlers/team';
import { figureHandlers } from './handlers/figure';

export type { Handlers } from './handlers/types';

export const handlers: Handlers = {
  ...projectHandlers,
  ...editingHandlers,
  ...imageryHandlers,
  ...exportHandlers,
  ...reviewHandlers,
  ...filesHandlers,
  ...aisHandlers,
  ...teamHandlers,
  ...figureHandlers,
};
