// Says at once when browser mode's host cannot be used — stopped, or this page has no session — and
// how to get back, over the whole window so no edit is attempted that could not be saved.
import { useEffect, useState } from 'react';
import { getHostState, onHostState, watchHost, type HostState } from '../api/client';

const WORDS: Record<Exclude<HostState, 'ok'>, { title: string; body: string }> = {
  unreachable: {
    title: 'Quaywatch’s host is not running',
    body: 'Every change acknowledged before it stopped is in the project file. Start it again with `npm start` in a terminal and open the link it prints; this page then reconnects by itself if the host comes back on the same port.',
  },
  'no-session': {
    title: 'This window has no Quaywatch session',
    body: 'Open the link printed by `npm start` in the terminal. Each link opens Quaywatch once (a copy from a history or a log opens nothing); restart `npm start` for a new one.',
  },
};

export function HostNotice() {
  const [state, setState] = useState<HostState>(getHostState);
  useEffect(() => {
    const off = onHostState(setState);
    // A call answered between the first render and this effect may have changed the state already;
    // it is not announced again (only changes are), so read it now.
    setState(getHostState());
    const stop = watchHost();
    return () => {
      off();
      stop();
    };
  }, []);
  if (state === 'ok') return null;
  const { title, body } = WORDS[state];
  return (
    <div className="modal-backdrop host-notice" data-testid="host-notice" data-state={state}>
      <div className="modal" role="alertdialog" aria-label={title}>
        <h2>{title}</h2>
        <p>{body}</p>
      </div>
    </div>
  );
}
