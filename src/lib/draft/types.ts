// The drafter's contract with the editor (issue 15): names and shapes are fixed; fields may be added.
import type { Kind } from './gazetteer.ts';

export interface DraftOptions {
  id?: string;
  title?: string;
  date?: string;
}

export interface Draft {
  id: string;
  /** 'story.json', 'article.md', 'layers/places.geojson' → their text */
  files: Map<string, string>;
  places: FoundPlace[];
}

export interface FoundPlace {
  /** the feature id in layers/places.geojson (layer id 'places') */
  id: string;
  name: string;
  kind: Kind;
  forms: string[];
  passages: string[];
  /** lon, lat */
  coordinates: [number, number];
  confidence: 'high' | 'medium' | 'low';
  /** why a person should check it (metonym, demonym, ambiguous …) */
  review?: string;
  /** the chosen one first */
  candidates: Candidate[];
  /** false when the place is listed for review but not written to layers/places.geojson (a capital named only as its government, a country named only by its demonym) */
  mapped?: boolean;
  /** the gazetteer it comes from, with its licence */
  source?: string;
  /** ISO country code, when known */
  country?: string;
}

export interface Candidate {
  id: string;
  name: string;
  kind: FoundPlace['kind'];
  country?: string;
  admin1?: string;
  coordinates: [number, number];
  population?: number;
  score: number;
}
