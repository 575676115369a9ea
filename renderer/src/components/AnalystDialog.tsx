// Who is working: asked on the first start (a fresh data folder) and from File → Your name…. The name
// is written as the author of every edit, review and package, so colleagues' work can be told apart.
import { useState } from 'react';
import { ApiCallError, call } from '../api/client';
import { useApp } from '../state/appStore';

/** Initials proposed from a name: the first letter of each word, up to three. */
export function initialsOf(name: string): string {
  return name
    .split(/[\s.-]+/u)
    .map((w) => [...w][0] ?? '')
    .filter((c) => /\p{L}/u.test(c))
    .slice(0, 3)
    .join('')
    .toUpperCase();
}

export function AnalystDialog() {
  const info = useApp((s) => s.info);
  const firstRun = !info?.analyst;
  const [name, setName] = useState(info?.analyst?.name ?? '');
  const [initials, setInitials] = useState(info?.analyst?.initials ?? '');
  const [initialsTouched, setInitialsTouched] = useState(Boolean(info?.analyst));
  const [error, setError] = useState<string | null>(null);
  const shownInitials = initialsTouched ? initials : initialsOf(name);
  const close = () => useApp.getState().setDialog(null);

  const save = async () => {
    try {
      const next = await call('analyst.set', { name: name.trim(), initials: shownInitials.trim() });
      useApp.setState({ info: next });
      useApp.getState().toast('info', `Your marks and reviews are now signed “${next.author}”.`);
      close();
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : String(e));
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={firstRun ? undefined : close}>
      <form
        className="modal analyst-dialog"
        role="dialog"
        aria-label="Your name"
        data-testid="analyst-dialog"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>{firstRun ? 'Welcome to Quaywatch' : 'Your name'}</h2>
        <p className="hint">
          Your name goes with every mark, review and sightings package you make, so that a colleague reviewing your work can tell
          it from theirs. It is kept for your user account on this computer, never in a project file.
        </p>
        <div className="field-row analyst-fields">
          <label>
            Name
            <input autoFocus data-testid="analyst-name" value={name} placeholder="e.g. Ana Lopez" maxLength={80} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Initials
            <input
              data-testid="analyst-initials"
              value={shownInitials}
              placeholder="AL"
              maxLength={4}
              onChange={(e) => {
                setInitialsTouched(true);
                setInitials(e.target.value);
              }}
            />
          </label>
        </div>
        {error && (
          <p className="error" role="alert" data-testid="analyst-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" data-testid="analyst-later" onClick={close}>
            {firstRun ? `Later (sign as “${info?.author ?? 'this user'}”)` : 'Cancel'}
          </button>
          <button type="submit" className="primary" data-testid="analyst-save" disabled={!name.trim() || !shownInitials.trim()}>
            Save
          </button>
        </div>
      </form>
    </div>
  );
}
