/**
 * Keybindings are data (docs/style.md §6.1): each screen has one table of `KeyBinding`s,
 * and the key handler, the footer and the `?` help are all drawn from it, so they
 * cannot drift apart.
 */
import type {Key} from 'ink';

/**
 * One key as written in a table: a printable character (`j`, `G`, `/`, `?`, ` ` for
 * space) or a named key (`up`, `down`, `left`, `right`, `return`, `escape`,
 * `backspace`, `tab`, `pageup`, `pagedown`, `home`, `end`, `ctrl+c`).
 */
export type KeySpec = string;

export interface KeyBinding<Id extends string = string, Context = unknown> {
	/** Stable name, used by handlers and by tests that press keys by id. */
	id: Id;
	/** Every key that triggers it; the first one is shown first. */
	keys: readonly KeySpec[];
	/** What it does, as shown in the `?` help. */
	label: string;
	/** A word or two for the footer. */
	shortLabel: string;
	/** Shown in the footer (when not disabled); every binding is always listed in help. */
	inFooter: boolean;
	/** How the footer writes the key when this entry stands for a pair, e.g. `↑↓` for move up and down. */
	footerKey?: string;
	/**
	 * Why the action cannot run now, or null when it can. A disabled binding is left
	 * out of the footer, listed in help with this reason, and pressing its key shows
	 * the reason as a one-line notice. Must be cheap: it runs on every render.
	 */
	disabledReason?: (context: Context) => string | null;
}

export type KeyTable<Id extends string = string, Context = unknown> = ReadonlyArray<KeyBinding<Id, Context>>;

const namedKeys: Record<string, (key: Key) => boolean> = {
	up: key => key.upArrow,
	down: key => key.downArrow,
	left: key => key.leftArrow,
	right: key => key.rightArrow,
	return: key => key.return,
	escape: key => key.escape,
	// Terminals send DEL (0x7f) for the backspace key; Ink reports that as `delete`.
	backspace: key => key.backspace || key.delete,
	tab: key => key.tab,
	pageup: key => key.pageUp,
	pagedown: key => key.pageDown,
	home: key => key.home,
	end: key => key.end,
};

const keyGlyphs: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	return: 'enter',
	escape: 'esc',
	backspace: 'backspace',
	' ': 'space',
};

/** Whether Ink's `(input, key)` pair is the key written as `spec`. */
export function matchesKey(spec: KeySpec, input: string, key: Key): boolean {
	const named = namedKeys[spec];
	if (named) {
		return named(key);
	}

	if (spec.startsWith('ctrl+')) {
		return key.ctrl && input === spec.slice('ctrl+'.length);
	}

	// Printable keys: reject ctrl/meta chords so ctrl-j is not `j`.
	return !key.ctrl && !key.meta && input === spec;
}

/** The binding that `(input, key)` triggers, if any. */
export function findBinding<Id extends string, Context>(
	table: KeyTable<Id, Context>,
	input: string,
	key: Key,
): KeyBinding<Id, Context> | undefined {
	return table.find(binding => binding.keys.some(spec => matchesKey(spec, input, key)));
}

/** How a key is written for people: `↑`, `enter`, `ctrl-c`, `space`. */
export function formatKey(spec: KeySpec): string {
	return keyGlyphs[spec] ?? spec.replace('ctrl+', 'ctrl-');
}

/** All keys of a binding, e.g. `↑ k`. */
export function formatKeys(binding: Pick<KeyBinding, 'keys'>): string {
	return binding.keys.map(spec => formatKey(spec)).join(' ');
}

/** The disabled reason of a binding in a context, or null when it is enabled. */
export function disabledReasonOf<Context>(binding: KeyBinding<string, Context>, context: Context): string | null {
	return binding.disabledReason?.(context) ?? null;
}

/** The footer items of a table in a context: enabled bindings marked `inFooter`, as `key label`. */
export function footerItems<Context>(table: KeyTable<string, Context>, context: Context): string[] {
	return table
		.filter(binding => binding.inFooter && disabledReasonOf(binding, context) === null)
		.map(binding => `${binding.footerKey ?? formatKey(binding.keys[0]!)} ${binding.shortLabel}`);
}

/**
 * The footer's items joined to fit `width`: the last items (help and quit, by the
 * tables' convention) always stay, and items before them go from the right until
 * the line fits, so a narrow terminal still says how to get help and leave.
 */
export function fitFooter(items: string[], width: number, keep = 2): string {
	const separator = ' · ';
	const tail = items.slice(-keep);
	const head = items.slice(0, Math.max(0, items.length - keep));
	while (head.length > 0 && [...head, ...tail].join(separator).length > width) {
		head.pop();
	}

	return [...head, ...tail].join(separator);
}
