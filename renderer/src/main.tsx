// Renderer entry: one map, bound to the store once, then React renders around it.
// First: the API client claims the browser-mode session as it is evaluated, so the claim is on its
// way while the rest of the app's code runs (the project's data is asked for once it is answered).
import './api/client';
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

// The project is asked for before React's first render, so the host reads it while the page renders.
void useApp.getState().boot();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
