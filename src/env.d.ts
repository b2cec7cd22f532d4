/// <reference types="svelte" />
/// <reference types="vite/client" />
declare const __DEFAULT_STORY__: string;

/** Noto Sans' latin-ext faces subset to this site's letters (scripts/font-subset-plugin.ts). */
declare module 'virtual:story-map-fonts' {
  export const subsetUrls: { regular: string; bold: string; italic: string };
  /** The subsets' letters, as unicode-range entries. */
  export const subsetRange: string[];
  /** The full latin-ext file's range without the subsets' letters and the latin file's. */
  export const restRange: string[];
}
