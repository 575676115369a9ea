// Renderer entry, kept small so it runs at once: the API client claims the browser-mode session as it
// is evaluated, the calls the first frame needs go out, and only then is the app's code (~1.3 MB:
// OpenLayers, geotiff.js, React) fetched and run; the host answers those calls meanwhile, instead
// of after the whole bundle has been parsed and run (projectSlice.boot takes the answers), and so does
// the opening scene's preview.
import { callEarly } from './api/client';
import { fetchOpeningPreview } from './api/scenePreview';

void import('./app');
// The opening scene as one image, asked first (the host makes it on its image threads while it answers
// the lists) and decoded while the app's code loads: the map draws it first (map/sceneImagery.ts).
fetchOpeningPreview();
callEarly(['app.info', 'project.current', 'scenes.list', 'zones.list', 'observability.list', 'examined.list', 'sightings.list', 'vessels.list', 'tracks.list', 'history.state']);
