// Text from story files printed on a terminal: control characters are shown, never sent.
//
// A terminal acts on what it prints: ESC sequences (C0) and their one-byte C1 forms can erase the
// lines above, move the cursor, retitle the window or write the clipboard (OSC 52); a carriage
// return or line feed can print a fake line ("✔ no errors"); direction overrides reorder what is
// read. Every message the validator and the build print goes through these functions.

// C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidi controls.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string) => {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
};

/** The text with every control character written as a visible escape (\u001b, \n …). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * JSON text safe to print: JSON.stringify already escapes C0 controls inside strings, but not DEL,
 * C1 controls, U+2028/2029 or bidi controls; they are written as \u escapes, which JSON reads back
 * as the same characters (the value is unchanged, only its spelling).
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// What JSON.stringify leaves raw inside strings (it escapes C0 itself; C0 outside strings is its own layout).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
