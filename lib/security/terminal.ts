// Cluster text on a terminal: a log line can carry escape sequences that clear the screen, retitle the window or
// (OSC 52) write the operator's clipboard. Every control sequence and control character is removed; newlines and
// tabs stay, and so does every printable character.

/** ESC sequences: CSI (`ESC [ … final`), OSC/DCS/SOS/PM/APC strings (to BEL or ST), and two-byte escapes. */
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the bytes being removed
  /\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|[ -/]*[0-~])/g;
/** C0 controls but tab and newline, DEL, the C1 controls (8-bit CSI/OSC), and the bidi overrides that reorder text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the bytes being removed
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** `stripControl` on every string inside a JSON-like value (copied, never mutated). */
export function stripControlDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControl(value) as T;
  if (Array.isArray(value)) return value.map((item) => stripControlDeep(item)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, stripControlDeep(item)]),
    ) as T;
  return value;
}
