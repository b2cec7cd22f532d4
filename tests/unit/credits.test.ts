// The one line of credits under a narrow map: the basemap's holders, each once, each linked.
import { describe, expect, it } from 'vitest';
import { shortCredits } from '../../src/lib/panel/credits';
import { BASEMAP_ATTRIBUTION } from '../../src/lib/map/basemap-style';

describe('shortCredits', () => {
  it('names the app basemap’s holders by their short names, linked as in the whole credits', () => {
    expect(shortCredits()).toEqual([
      { text: '© OpenStreetMap contributors', url: 'https://www.openstreetmap.org/copyright' },
      { text: 'GeoNames (CC BY 4.0)', url: 'https://www.geonames.org/' },
      { text: 'Natural Earth', url: 'https://www.naturalearthdata.com/' },
    ]);
    // Each short name is part of its whole credit.
    for (const a of BASEMAP_ATTRIBUTION) expect(a.text).toContain(a.short);
  });

  it('puts a newsroom basemap’s credits first, as written, and names a holder once', () => {
    const newsroom = [{ text: '© OpenStreetMap contributors', url: 'https://www.openstreetmap.org/copyright' }, { text: 'Protomaps', url: 'https://protomaps.com' }];
    expect(shortCredits(newsroom).map((c) => c.text)).toEqual(['© OpenStreetMap contributors', 'Protomaps', 'GeoNames (CC BY 4.0)', 'Natural Earth']);
  });
});
