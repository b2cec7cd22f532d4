// `1.5rem` -> `calc(1.5*var(--story-map-rem,1rem))`, in declarations only (media and container
// query preludes cannot hold var()). Inside a shadow root rem follows the host page's root font
// size; <story-map> sets --story-map-rem to 16px on its wrapper. Used by the build
// (scripts/embed-plugin.ts) and, in dev, on the styles story-map.js mirrors into its shadow root.
export function pinRem(css: string): string {
  return css.replace(/:[^{};]*[;}]/g, (decl) => decl.replace(/(-?(?:\d+\.?\d*|\.\d+))rem\b/g, 'calc($1*var(--story-map-rem,1rem))'));
}
