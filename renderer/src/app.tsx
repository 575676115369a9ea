// The app, loaded by main.tsx once the project's first calls are on their way: one map, bound to
// the store once, then React renders around it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'ol/ol.css';
import './styles.css';
import { App } from './components/App';
import { mapController } from './map/MapController';
import { bindMapToStore } from './map/bindMap';
import { useApp } from './state/appStore';
import { installShortcuts } from './shortcuts';
import { installTheme } from './theme';
import { installFileDialogKeys } from './files/chooseFiles';
import { installTestHooks } from './testHooks';

installTheme(); // before the first paint: no flash of the wrong theme
installFileDialogKeys(); // first: while a file dialog is open, no other key handler sees a key
bindMapToStore(mapController);
installShortcuts();
if (__QUAYWATCH_TEST_HOOKS__) installTestHooks(mapController, useApp); // the test build only

// The project is taken (main.tsx asked for it while this code loaded) before React's first render.
void useApp.getState().boot();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
