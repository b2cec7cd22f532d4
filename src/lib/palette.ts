// Layer colours the editor offers and the drafter uses: each at least 3:1 against the basemap's land
// and sea, and far enough apart for colour-blind readers (tests/unit/editor-palette.test.ts checks
// them with scripts/a11y-colours.ts, the same numbers docs/accessibility.md reports). They are the
// checked colours of the stories that ship with the app. Imports nothing: the browser, the editor,
// the drafter (src/lib/draft, also run by node) and the tests all share it.
export const PALETTE: readonly { color: string; name: string }[] = [
  { color: '#303cbe', name: 'Blue' },
  { color: '#cf4606', name: 'Orange' },
  { color: '#2c8853', name: 'Green' },
  { color: '#411358', name: 'Purple' },
  { color: '#55120b', name: 'Dark red' },
  { color: '#1e4b46', name: 'Dark teal' },
  { color: '#798286', name: 'Grey' },
];
