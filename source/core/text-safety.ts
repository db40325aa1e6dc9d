/**
 * Text from the repository (branch names, commit subjects, claims, file names) is
 * written by agents and other people; a terminal must never interpret it
 * (docs/design.md §7.6). `makeVisible` turns every character that a terminal would act on,
 * or that would hide or reorder text, into a visible inert form. Pure, no I/O.
 */

// C0 controls and DEL have Unicode "control pictures" (␛, ␇, ␡…), one column wide,
// so the layout stays predictable. Everything else gets a `<U+XXXX>` spelling.
const controlPictureBase = 0x24_00;
const deletePicture = '\u2421';

/**
 * Characters made visible:
 * - C0 controls U+0000–U+001F (ESC included, so no escape sequence can start) and DEL;
 * - C1 controls U+0080–U+009F (U+009B is a one-byte CSI on some terminals);
 * - the soft hyphen U+00AD, invisible yet able to split a name in two;
 * - BiDi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which can
 *   make a branch name read backwards ("Trojan Source");
 * - zero-width and invisible characters (U+180E, U+200B–U+200D, U+2060–U+2064, U+FEFF)
 *   and the line/paragraph separators U+2028, U+2029.
 */
const unsafe = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

function describe(character: string): string {
	const code = character.codePointAt(0)!;
	if (code < 0x20) {
		return String.fromCodePoint(controlPictureBase + code);
	}

	if (code === 0x7F) {
		return deletePicture;
	}

	return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Returns `text` with every control, BiDi and zero-width character shown as visible, inert text. */
export function makeVisible(text: string): string {
	// Almost every string is clean: test first so the common case allocates nothing.
	unsafe.lastIndex = 0;
	if (!unsafe.test(text)) {
		return text;
	}

	unsafe.lastIndex = 0;
	return text.replace(unsafe, describe);
}

/** True when `text` holds nothing that `makeVisible` would change. */
export function isPlainText(text: string): boolean {
	unsafe.lastIndex = 0;
	return !unsafe.test(text);
}
