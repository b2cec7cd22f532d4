// The editor's layer colours pass the same checks as the stories' (docs/accessibility.md).
import { describe, expect, it } from 'vitest';
import { BASEMAP, contrast, DEFICIENCIES, DISTINCT_MIN, distance, GRAPHIC_MIN } from '../../scripts/a11y-colours';
import { PALETTE } from '../../src/lib/editor/palette';

describe('editor palette', () => {
  it.each(PALETTE)('$name ($color) is at least 3:1 on land and sea', ({ color }) => {
    expect(contrast(color, BASEMAP.land)).toBeGreaterThanOrEqual(GRAPHIC_MIN);
    expect(contrast(color, BASEMAP.sea)).toBeGreaterThanOrEqual(GRAPHIC_MIN);
  });
  it('colours stay apart with normal vision and the common deficiencies', () => {
    const worst: string[] = [];
    for (const [vision, sim] of Object.entries(DEFICIENCIES)) {
      for (let i = 0; i < PALETTE.length; i++) for (let j = i + 1; j < PALETTE.length; j++) {
        const d = distance(sim(PALETTE[i]!.color), sim(PALETTE[j]!.color));
        if (d < DISTINCT_MIN) worst.push(`${vision}: ${PALETTE[i]!.name} / ${PALETTE[j]!.name} ${d.toFixed(1)}`);
      }
    }
    expect(worst).toEqual([]);
  });
});
