// Vessel identities from the project's AIS static data (shared/ais/identities.ts over the stored rows):
// the one answer of ais.identities in the app and of `quaywatch ais identities` on the command line.
// Reads only: a proposal is applied by vessels.update, an unknown ship added by vessels.create.
import { aisIdentities, identityCounts } from '../../../shared/ais/identities';
import type { AisIdentitiesView } from '../../../shared/calls/aisView';
import { toMs } from '../../../shared/analysis/input';
import { aisStatics, aisVessels } from '../store/ais';
import type { ProjectStore } from '../store/projectStore';

export function aisIdentitiesView(store: ProjectStore): AisIdentitiesView {
  const statics = aisStatics(store);
  const lastHeard = new Map(aisVessels(store).map((v) => [v.mmsi, toMs(v.to)]));
  const mmsis = aisIdentities(statics, store.vessels(), lastHeard).filter((m) => m.proposals.length || m.conflicts.length || m.unknown.length);
  return { statics: statics.length, mmsis, counts: identityCounts(mmsis) };
}
