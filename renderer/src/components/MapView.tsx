// Hosts the window's single map: attaches it to this element, never creates one.
import { useEffect, useRef } from 'react';
import { mapController } from '../map/MapController';
import { useApp } from '../state/appStore';

export function MapView() {
  const ref = useRef<HTMLDivElement>(null);
  const tool = useApp((s) => s.tool);
  const markClass = useApp((s) => s.markClass);
  useEffect(() => {
    mapController.setTarget(ref.current ?? undefined);
    return () => mapController.setTarget(undefined);
  }, []);
  return (
    <div className="map-wrap">
      <div ref={ref} className="map" data-testid="map" data-render-state="loading" />
      {tool === 'mark' && (
        <div className="map-hint" data-testid="mark-hint">
          Click on the map to mark a {markClass.replace('_', ' ')} · <kbd>Esc</kbd> to stop
        </div>
      )}
    </div>
  );
}
