// Which links the app shows as links. Its own module so that the reader's page can check links
// without the validator's code.

// Scheme check after removing what browsers ignore inside a scheme ("java\tscript:", " data:").
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
export function unsafeScheme(value: string): string | null {
  // eslint-disable-next-line no-control-regex
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
  const m = SCHEME.exec(compact);
  return m && ['javascript', 'data', 'vbscript'].includes(m[1]!) ? m[1]! : null;
}

/** Links the app shows as links: http(s), mailto and in-page anchors. Everything else is refused. */
export const SAFE_HREF = /^(https?:\/\/|mailto:|#)/i;

/** A link the app shows as a link: an allowed start and no scheme a browser would run. */
export const isSafeLink = (href: string) => SAFE_HREF.test(href) && !unsafeScheme(href);
