/// <reference types="svelte" />
/// <reference types="vite/client" />
declare const __DEFAULT_STORY__: string;

/** Noto Sans' latin and latin-ext faces subset to this site's letters (scripts/font-subset-plugin.ts). */
declare module 'virtual:story-map-fonts' {
  /** The latin-ext subsets. */
  export const subsetUrls: { regular: string; bold: string; italic: string };
  /** The latin-ext subsets' letters, as unicode-range entries. */
  export const subsetRange: string[];
  /** The full latin-ext file's range without the subsets' letters and the latin file's. */
  export const restRange: string[];
  /** The latin subsets (ASCII, the interface's punctuation, the stories' latin letters). */
  export const latinSubsetUrls: { regular: string; bold: string; italic: string };
  /** The latin subsets' letters, as unicode-range entries. */
  export const latinSubsetRange: string[];
  /** The full latin file's range without the latin subsets' letters. */
  export const latinRestRange: string[];
}
