// The credits a narrow footer shows in one line (Attribution.svelte): a newsroom basemap's own, as
// written, then the app's basemap holders by their short names (`short` in BASEMAP_ATTRIBUTION),
// each holder once: a newsroom's OpenStreetMap basemap credits "© OpenStreetMap contributors" too.
import { BASEMAP_ATTRIBUTION } from '../map/basemap-style';

export interface Credit {
  text: string;
  url?: string;
}

export function shortCredits(newsroom: readonly Credit[] = [], app: readonly { short: string; url?: string }[] = BASEMAP_ATTRIBUTION): Credit[] {
  const all = [...newsroom, ...app.map((a) => ({ text: a.short, url: a.url }))];
  return all.filter((a, i) => all.findIndex((b) => b.text === a.text) === i);
}
