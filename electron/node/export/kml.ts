// KML 2.2 for Google Earth: <TimeStamp> per sighting and <TimeSpan> per visit so the time slider plays them, a style per class, typed ExtendedData.
import type { AnalysisCache } from '../../../shared/analysis';
import type { PolygonGeometry, SightingClass } from '../../../shared/domain';
import { SIGHTING_CLASSES } from '../../../shared/domain';
import type { ExportGeometry } from './geometryCodecs';
import { AIS_TRACK_FIELDS, SIGHTING_FIELDS, VISIT_FIELDS, ZONE_FIELDS, aisTrackAttrs, sightingAttrs, visitAttrs, zoneAttrs, type Attrs, type Schema } from './features';
import { aisTrackLines, type AisTrackLine } from '../../../shared/ais';
import type { AisEvidence } from '../ais/aisAnalysis';
import { geometryCentre, isoUtc, lookupsOf, type ProjectData } from './projectData';
import { classNoun } from '../../../shared/sightingRules';
import { xmlEscape } from '../../../shared/xml';

/** KML colours are aabbggrr. */
export const CLASS_COLOURS: Record<SightingClass, string> = {
  vessel: 'ff3c3cff',
  container_stack: 'ff1e96ff',
  aircraft: 'ffff9632',
  vehicle: 'ff3cc83c',
  other: 'ffc8c8c8',
};

const KML_TYPE = { text: 'string', datetime: 'string', integer: 'int', real: 'double', boolean: 'bool' } as const;

function schemaXml(id: string, fields: Schema): string {
  return `<Schema name="${id}" id="${id}">${fields.map(([n, t]) => `<SimpleField name="${n}" type="${KML_TYPE[t]}"/>`).join('')}</Schema>`;
}

function dataXml(schema: string, attrs: Attrs): string {
  const cells = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `<SimpleData name="${k}">${xmlEscape(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}</SimpleData>`);
  return `<ExtendedData><SchemaData schemaUrl="#${schema}">${cells.join('')}</SchemaData></ExtendedData>`;
}

const coords = (ring: [number, number][]) => ring.map(([x, y]) => `${x},${y},0`).join(' ');

function polygonXml(p: PolygonGeometry): string {
  const [outer, ...holes] = p.coordinates;
  return `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(outer ?? [])}</coordinates></LinearRing></outerBoundaryIs>${holes
    .map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`)
    .join('')}</Polygon>`;
}

function geometryXml(g: ExportGeometry): string {
  if (g.type === 'Point') return `<Point><coordinates>${g.coordinates[0]},${g.coordinates[1]},0</coordinates></Point>`;
  if (g.type === 'LineString') return `<LineString><coordinates>${g.coordinates.map(([x, y]) => `${x},${y},0`).join(' ')}</coordinates></LineString>`;
  return polygonXml(g);
}

/**
 * An AIS track piece as a gx:Track: one <when> and one <gx:coord> per message, so Google Earth's time
 * slider moves the ship along what it reported (and GDAL reads it as a line). gx:Track is the KML 2.2
 * Google extension (xmlns:gx); a piece ends at an AIS gap and at midnight UTC (shared/ais/trackLines.ts).
 */
function aisTrackXml(l: AisTrackLine, a: Attrs): string {
  // The label is AIS's name, as the attribute "name" is: GDAL reads both into one "Name" field.
  const label = (a.name as string | null) ?? (a.vessel as string | null) ?? `MMSI ${l.mmsi}`;
  return (
    `<Placemark id="ais-${l.mmsi}-${l.from.replace(/[^0-9]/g, '')}"><name>${xmlEscape(label)}</name>` +
    `<TimeSpan><begin>${l.from}</begin><end>${l.to}</end></TimeSpan><styleUrl>#ais</styleUrl>${dataXml('ais_track', a)}` +
    `<gx:Track>${l.times.map((t) => `<when>${t}</when>`).join('')}${l.coordinates.map(([x, y]) => `<gx:coord>${x} ${y} 0</gx:coord>`).join('')}</gx:Track></Placemark>`
  );
}

export type KmlWhat = 'zones' | 'sightings' | 'visits' | 'ais_tracks';

export function toKml(data: ProjectData, cache: AnalysisCache, parts: KmlWhat[], ais: AisEvidence | null = null): string {
  const lk = lookupsOf(data, ais);
  const siteName = (id: string) => data.sites.find((s) => s.id === id)?.name ?? '';
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>');
  out.push(`<name>${xmlEscape(data.project.name)}</name><description>${xmlEscape(data.scope.sentence)}</description>`);
  for (const c of SIGHTING_CLASSES) {
    out.push(
      `<Style id="class-${c}"><IconStyle><color>${CLASS_COLOURS[c]}</color><scale>0.9</scale></IconStyle>` +
        `<LineStyle><color>${CLASS_COLOURS[c]}</color><width>2</width></LineStyle><PolyStyle><color>40${CLASS_COLOURS[c].slice(2)}</color></PolyStyle></Style>`,
    );
  }
  out.push('<Style id="zone"><LineStyle><color>ff00d7ff</color><width>2</width></LineStyle><PolyStyle><color>3300d7ff</color></PolyStyle></Style>');
  out.push('<Style id="visit"><IconStyle><color>ff3c3cff</color><scale>1.2</scale></IconStyle><LabelStyle><scale>0.8</scale></LabelStyle></Style>');
  out.push('<Style id="ais"><LineStyle><color>ffffaa00</color><width>2</width></LineStyle></Style>');
  out.push(schemaXml('zone', ZONE_FIELDS), schemaXml('sighting', SIGHTING_FIELDS), schemaXml('visit', VISIT_FIELDS), schemaXml('ais_track', AIS_TRACK_FIELDS));

  if (parts.includes('zones')) {
    out.push('<Folder><name>zones</name>');
    for (const z of data.zones) {
      out.push(`<Placemark id="zone-${z.id}"><name>${xmlEscape(z.name)}</name><styleUrl>#zone</styleUrl>${dataXml('zone', zoneAttrs(z, siteName))}${polygonXml(z.geometry)}</Placemark>`);
    }
    out.push('</Folder>');
  }
  if (parts.includes('sightings')) {
    out.push('<Folder><name>sightings</name>');
    for (const s of data.sightings) {
      const a = sightingAttrs(s, lk);
      const label = (a.vessel as string | null) ?? (a.track as string | null) ?? classNoun(s.class);
      const when = a.acquired ? `<TimeStamp><when>${a.acquired}</when></TimeStamp>` : '';
      out.push(`<Placemark id="sighting-${s.id}"><name>${xmlEscape(label)}</name>${when}<styleUrl>#class-${s.class}</styleUrl>${dataXml('sighting', a)}${geometryXml(s.geometry)}</Placemark>`);
    }
    out.push('</Folder>');
  }
  if (parts.includes('visits')) {
    out.push('<Folder><name>visits</name>');
    for (const [kind, visits] of [['vessel', cache.visits('vessel')], ['track', cache.visits('track')]] as const) {
      for (const v of visits) {
        const zone = lk.zone.get(v.zoneId);
        if (!zone) continue;
        const [lon, lat] = geometryCentre(zone.geometry);
        // The span is the observed presence (first to last seen); the brackets are in the attributes.
        out.push(
          `<Placemark><name>${xmlEscape(`${lk.subjectName(v.subjectId)} at ${zone.name}`)}</name>` +
            `<TimeSpan><begin>${isoUtc(v.firstSeen)}</begin><end>${isoUtc(v.lastSeen)}</end></TimeSpan><styleUrl>#visit</styleUrl>` +
            `${dataXml('visit', visitAttrs(v, kind, lk))}<Point><coordinates>${lon},${lat},0</coordinates></Point></Placemark>`,
        );
      }
    }
    out.push('</Folder>');
  }
  if (parts.includes('ais_tracks') && ais) {
    out.push('<Folder><name>ais_tracks</name>');
    for (const l of aisTrackLines(ais.index, ais.settings)) out.push(aisTrackXml(l, aisTrackAttrs(l, ais.names, lk)));
    out.push('</Folder>');
  }
  out.push('</Document></kml>');
  return `${out.join('\n')}\n`;
}
