// The shape of a handler table: one handler per call name, typed from the contract.
import type { CallName, ParsedRequestOf, ResponseOf } from '../../../shared/api';
import type { ProjectSession } from '../session';

export type Handler<K extends CallName> = (req: ParsedRequestOf<K>, session: ProjectSession) => ResponseOf<K> | Promise<ResponseOf<K>>;
export type Handlers = { [K in CallName]: Handler<K> };
/** The handlers of one area's calls (e.g. the keys of projectCalls). */
export type HandlersOf<Calls> = { [K in keyof Calls & CallName]: Handler<K> };
