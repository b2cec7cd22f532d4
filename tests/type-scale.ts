// The reader's pages' type scale (docs/architecture.md, "A type scale"), which
// tests/unit/type-scale.test.ts holds the stylesheets to and tests/e2e/type-scale.spec.ts the page
// as drawn: notes and credits, small print, secondary text, body, subheads, headline.
export const TYPE_SCALE_REM = [0.7, 0.8, 0.875, 1, 1.15, 1.6] as const;
/** The faces the page loads: 400 and 700 (and the 400 italic). */
export const TYPE_WEIGHTS = [400, 700] as const;
