/**
 * Answers kept between runs in the repo-local state folder (docs/design.md §4): merge
 * predictions by the pair of commit ids, each branch's diff facts by tip and merge
 * base, and what base changed since a merge base by both commit ids. A key names
 * every commit its answer depends on, so an entry is never wrong, only unused: a
 * branch that moves simply stops finding its old entries.
 *
 * - One JSON document, read once, on first use (`cache/answers.json`).
 * - Written only when this run learned something, through the state store (atomic
 *   rename), under a short lock that merges what other processes wrote meanwhile.
 * - Capped: the entries used or learned most recently are kept, up to a number per
 *   kind and a total size (`limits`); the rest are dropped oldest first.
 * - A corrupt, truncated or other-version file is ignored with a warning (the store's)
 *   and rewritten by the next save.
 *
 * The diff facts are stored in the form their owner's `DiffCodec` gives them (by
 * default the object as it is); an entry is decoded when a run asks for it, so
 * entries nobody asks for are written back as they were read. Bump
 * `keptAnswersVersion` when old entries would lack something a reader needs.
 */
import {statSync} from 'node:fs';
import type {StateStore} from '../store/state-store.js';

export const keptAnswersVersion = 5;
export const keptAnswersFile = 'cache/answers.json';

export interface KeptMerge {
	clean: boolean;
	conflictedFiles: string[];
}

/**
 * How diff facts are written: `encode` gives something JSON can hold, `decode` takes it
 * back, or says `undefined` for something it cannot read (the entry is then unused).
 */
export interface DiffCodec<D> {
	encode(value: D): unknown;
	decode(stored: unknown): D | undefined;
}

/** The facts as they are; an entry without a `files` list is unreadable. */
export const storedAsIs: DiffCodec<{files: string[]}> = {
	encode: value => value,
	decode: stored => (typeof stored === 'object' && stored !== null && Array.isArray((stored as {files?: unknown}).files) ? stored as {files: string[]} : undefined),
};

/** Caps, chosen so that the document stays a few MB: one read of it costs tens of ms. */
export const limits = {
	merges: 20_000,
	diffs: 2_000,
	baseChanges: 500,
	bytes: 24 * 1024 * 1024,
};

/** On disk: `used` is a second count (larger = more recent), paths of base changes are indexes into `paths`. */
interface Document {
	paths: string[];
	merges: Array<[key: string, used: number, clean: 0 | 1, files: string[]]>;
	diffs: Array<[key: string, used: number, diff: unknown]>;
	baseChanges: Array<[key: string, used: number, paths: number[]]>;
}

interface Entry<V> {
	value: V;
	used: number;
	/** Learned by this process: what makes a save worth it. */
	fresh: boolean;
}

export class KeptAnswers<D extends {files: string[]}> {
	#loaded = false;
	#dirty = false;
	/** The file as this process last read or wrote it: unchanged means no other process saved since. */
	#seen: string | undefined;
	readonly #merges = new Map<string, Entry<KeptMerge>>();
	/** Encoded: decoded only when asked for. */
	readonly #diffs = new Map<string, Entry<unknown>>();
	readonly #baseChanges = new Map<string, Entry<string[]>>();

	constructor(
		readonly store: StateStore,
		readonly now: () => number = () => Math.floor(Date.now() / 1000),
		readonly codec: DiffCodec<D> = storedAsIs as unknown as DiffCodec<D>,
	) {}

	/** The store's warnings (a corrupt file, a failed save), each once, for the notices. */
	takeWarnings(): string[] {
		return [...new Set(this.store.warnings.splice(0).map(warning => `switchyard state: ${warning.message}`))];
	}

	merge(key: string): KeptMerge | undefined {
		return this.#get(this.#merges, key);
	}

	diff(tip: string, mergeBase: string): D | undefined {
		const stored = this.#get(this.#diffs, `${tip} ${mergeBase}`);
		return stored === undefined ? undefined : this.codec.decode(stored);
	}

	baseChanges(baseSha: string, mergeBase: string): string[] | undefined {
		return this.#get(this.#baseChanges, `${baseSha} ${mergeBase}`);
	}

	setMerge(key: string, answer: KeptMerge): void {
		this.#set(this.#merges, key, {clean: answer.clean, conflictedFiles: answer.conflictedFiles});
	}

	setDiff(tip: string, mergeBase: string, diff: D): void {
		this.#set(this.#diffs, `${tip} ${mergeBase}`, this.codec.encode(diff));
	}

	setBaseChanges(baseSha: string, mergeBase: string, files: string[]): void {
		this.#set(this.#baseChanges, `${baseSha} ${mergeBase}`, files);
	}

	/**
	 * Writes what this process learned, merged under the lock with what is on disk now
	 * (another `status` may have saved meanwhile). Does nothing when nothing was
	 * learned. A failure (read-only folder, a lock held too long) is a warning: the
	 * answers are a convenience.
	 */
	async save(): Promise<void> {
		if (!this.#dirty) {
			return;
		}

		try {
			await this.store.withLock('cache/answers.lock', () => {
				// Another process saved since we looked: take what it learned too (a refresh of the
				// dashboard saves often; reading 1 MB again each time is skipped when nobody else wrote).
				if (this.#fileStamp() !== this.#seen) {
					const onDisk = this.#readDocument();
					if (onDisk) {
						this.#absorb(onDisk, false);
					}
				}

				// Atomic but not synced to disk: lost in a crash, the answers are found again (a
				// torn or empty file after a power cut does not parse, and is ignored).
				this.store.write(keptAnswersFile, keptAnswersVersion, this.#document(), {durable: false});
				this.#seen = this.#fileStamp();
			}, 1000);
			this.#dirty = false;
			for (const map of [this.#merges, this.#diffs, this.#baseChanges] as Array<Map<string, Entry<unknown>>>) {
				for (const entry of map.values()) {
					entry.fresh = false;
				}
			}
		} catch (error) {
			this.store.warnings.push({file: this.store.path(keptAnswersFile), message: `answers could not be kept (${error instanceof Error ? error.message : String(error)}); the next run asks git again`});
		}
	}

	#get<V>(map: Map<string, Entry<V>>, key: string): V | undefined {
		this.#load();
		const entry = map.get(key);
		if (entry) {
			entry.used = this.now();
		}

		return entry?.value;
	}

	#set<V>(map: Map<string, Entry<V>>, key: string, value: V): void {
		this.#load();
		map.set(key, {value, used: this.now(), fresh: true});
		this.#dirty = true;
	}

	#load(): void {
		if (this.#loaded) {
			return;
		}

		this.#loaded = true;
		const document = this.#readDocument();
		if (document) {
			this.#absorb(document, true);
		}
	}

	#readDocument(): Document | undefined {
		const stamp = this.#fileStamp();
		const document = this.store.read<Document>(keptAnswersFile, keptAnswersVersion, isDocument);
		this.#seen = stamp;
		return document;
	}

	/** Identity of the file now (inode, size, time): each save renames a new file into place. */
	#fileStamp(): string | undefined {
		try {
			const stat = statSync(this.store.path(keptAnswersFile), {bigint: true});
			return `${stat.ino} ${stat.size} ${stat.mtimeNs}`;
		} catch {
			return undefined;
		}
	}

	/** Takes entries from a document; on a conflict the more recently used one stays. */
	#absorb(document: Document, first: boolean): void {
		const take = <V>(map: Map<string, Entry<V>>, key: string, used: number, value: () => V) => {
			const mine = map.get(key);
			if (!mine) {
				map.set(key, {value: value(), used, fresh: false});
			} else if (!first && used > mine.used) {
				mine.used = used;
			}
		};

		for (const [key, used, clean, files] of document.merges) {
			take(this.#merges, key, used, () => ({clean: clean === 1, conflictedFiles: files}));
		}

		for (const [key, used, diff] of document.diffs) {
			take(this.#diffs, key, used, () => diff);
		}

		for (const [key, used, indexes] of document.baseChanges) {
			take(this.#baseChanges, key, used, () => indexes.map(index => document.paths[index]!));
		}
	}

	/** The newest entries of each kind within the caps, paths interned. */
	#document(): Document {
		const newest = <V>(map: Map<string, Entry<V>>, cap: number) => [...map].sort((a, b) => b[1].used - a[1].used).slice(0, cap);
		let budget = limits.bytes;
		const fits = (bytes: number) => {
			budget -= bytes;
			return budget >= 0;
		};

		const paths: string[] = [];
		const pathIndex = new Map<string, number>();
		const intern = (file: string) => {
			let index = pathIndex.get(file);
			if (index === undefined) {
				index = paths.length;
				paths.push(file);
				pathIndex.set(file, index);
				budget -= file.length + 3;
			}

			return index;
		};

		const document: Document = {paths, merges: [], diffs: [], baseChanges: []};
		// Merges are small and the most valuable (100–300 ms each to ask again): first in the budget.
		for (const [key, entry] of newest(this.#merges, limits.merges)) {
			const files = entry.value.conflictedFiles;
			if (!fits(key.length + 20 + files.reduce((sum, file) => sum + file.length + 3, 0))) {
				break;
			}

			document.merges.push([key, entry.used, entry.value.clean ? 1 : 0, files]);
		}

		for (const [key, entry] of newest(this.#baseChanges, limits.baseChanges)) {
			const indexes = entry.value.map(intern);
			if (!fits(key.length + 20 + indexes.length * 6)) {
				break;
			}

			document.baseChanges.push([key, entry.used, indexes]);
		}

		for (const [key, entry] of newest(this.#diffs, limits.diffs)) {
			if (!fits(key.length + 20 + jsonLength(entry.value))) {
				break;
			}

			document.diffs.push([key, entry.used, entry.value]);
		}

		return document;
	}
}

/** The outline only (arrays of tuples); a bad entry inside is caught where it is used. */
function isDocument(data: unknown): data is Document {
	if (typeof data !== 'object' || data === null) {
		return false;
	}

	const document = data as Partial<Document>;
	const tuples = (list: unknown, check: (entry: unknown[]) => boolean) => Array.isArray(list) && list.every(entry => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number' && check(entry));
	return Array.isArray(document.paths)
		&& tuples(document.merges, entry => (entry[2] === 0 || entry[2] === 1) && Array.isArray(entry[3]))
		&& tuples(document.diffs, entry => entry.length === 3)
		&& tuples(document.baseChanges, entry => Array.isArray(entry[2]) && (entry[2] as unknown[]).every(index => typeof index === 'number' && index >= 0 && index < document.paths!.length));
}

/**
 * The length `JSON.stringify(value)` would have, counted without making it: the budget
 * of a save of 250 branches' diffs (5 MB) serialized each entry once to measure it,
 * and again to write it. Strings count as if nothing in them needed an escape (paths
 * and hashes do not; testing each of 58,000 paths for it cost as much as serializing
 * them): the cap is a guide to the file's size, as its counting in characters is.
 */
export function jsonLength(value: unknown): number {
	switch (typeof value) {
		case 'string': {
			return value.length + 2;
		}

		case 'number': {
			return Number.isInteger(value) && Math.abs(value) < 1e15 ? integerDigits(value) : JSON.stringify(value).length;
		}

		case 'boolean': {
			return value ? 4 : 5;
		}

		case 'object': {
			if (value === null) {
				return 4;
			}

			if (Array.isArray(value)) {
				let length = 2 + Math.max(0, value.length - 1);
				for (const item of value) {
					length += item === undefined || typeof item === 'function' ? 4 : jsonLength(item);
				}

				return length;
			}

			let length = 2;
			let fields = 0;
			for (const [key, item] of Object.entries(value)) {
				if (item !== undefined && typeof item !== 'function') {
					length += jsonLength(key) + 1 + jsonLength(item);
					fields++;
				}
			}

			return length + Math.max(0, fields - 1);
		}

		default: {
			return 0;
		}
	}
}

function integerDigits(value: number): number {
	let digits = value < 0 ? 2 : 1;
	for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) {
		digits++;
	}

	return digits;
}
