// How much of the article an embed shows (docs/embedding.md, "Text modes"): the iframe's `text=`
// parameter and <story-map>'s `text` attribute.
export type TextMode = 'full' | 'summary' | 'none';
export const TEXT_MODES: readonly TextMode[] = ['full', 'summary', 'none'];

/** The mode a parameter or attribute names; anything else (absent, misspelt) is `full`, and says so. */
export function parseTextMode(value: string | null | undefined): TextMode {
  const v = value?.trim().toLowerCase();
  if (!v) return 'full';
  if ((TEXT_MODES as readonly string[]).includes(v)) return v as TextMode;
  console.info(`story map: text="${value?.slice(0, 40)}" is not a text mode (full, summary, none); showing the full text.`);
  return 'full';
}
