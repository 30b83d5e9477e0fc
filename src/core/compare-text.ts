// The order of String.prototype.localeCompare, which reports and builds are sorted in.

let collator: Intl.Collator | undefined;

/** Lower-case letters, digits and hyphens: check ids, most names and keys. */
const PLAIN_TEXT = /^[a-z0-9-]*$/;

/**
 * Whether the default locale orders plain text (PLAIN_TEXT) as its UTF-16 code units do. ICU takes the default
 * from LC_ALL, else LC_MESSAGES, else LANG; C, POSIX and English (en-US-POSIX, root) order hyphen < digits <
 * letters, one level, like the code units. Other languages may not (Estonian puts z before t, Danish aa after z),
 * so any other value of any of the three leaves every comparison to the collator.
 */
export function plainLocale(env: NodeJS.ProcessEnv = process.env): boolean {
  return [env.LC_ALL, env.LC_MESSAGES, env.LANG].every(
    (value) => !value || /^(C|POSIX|en(_[A-Z]{2})?)(\.[\w-]+)?$/.test(value),
  );
}

const plain = plainLocale();

/**
 * localeCompare's order, with one collator for the process instead of one per comparison, made only when
 * needed: making it reads ICU's locale tables (~15 ms of a one-file review, decision 0043), while sorting one
 * file's findings compares equal file names and check ids, which order as their code units.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (plain && PLAIN_TEXT.test(a) && PLAIN_TEXT.test(b)) return a < b ? -1 : 1;
  collator ??= new Intl.Collator();
  return collator.compare(a, b);
}
