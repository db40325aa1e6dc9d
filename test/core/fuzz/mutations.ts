/**
 * Mutations of coordination files, shared by the fuzz test (test/core/fuzz.test.ts) and
 * the reliability suite (test/reliability/fuzz.test.ts): bytes flipped, cut,
 * duplicated, NUL, CR and BOM inserted, JSON nested deep, very long lines, keys
 * duplicated.
 */
import fc from 'fast-check';

export type Mutation =
	| {kind: 'flip'; at: number; value: number}
	| {kind: 'truncate'; at: number}
	| {kind: 'duplicate'; at: number; length: number; times: number}
	| {kind: 'insert'; at: number; bytes: readonly number[]}
	| {kind: 'nest'; depth: number; object: boolean}
	| {kind: 'long-line'; at: number; unit: string; times: number}
	| {kind: 'duplicate-key'; key: string; times: number};

const position = fc.nat({max: 1_000_000});
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({kind: fc.constant('flip' as const), at: position, value: fc.nat({max: 255})}),
	fc.record({kind: fc.constant('truncate' as const), at: position}),
	fc.record({kind: fc.constant('duplicate' as const), at: position, length: fc.integer({min: 1, max: 400}), times: fc.integer({min: 1, max: 60})}),
	fc.record({
		kind: fc.constant('insert' as const),
		at: position,
		bytes: fc.oneof(
			fc.constantFrom([0], [13], [13, 13], [10, 10, 10], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xc3], [0xf0, 0x9f, 0xa4, 0x96]),
			fc.array(fc.nat({max: 255}), {maxLength: 12}),
		),
	}),
	fc.record({kind: fc.constant('nest' as const), depth: fc.integer({min: 1, max: 5000}), object: fc.boolean()}),
	fc.record({
		kind: fc.constant('long-line' as const),
		at: position,
		unit: fc.constantFrom('x', ' ', '*', '(', ')', '[', ']', '|', '#', '-', ':', '**a**:', '2026-01-01 ', '[a](', '`', '\t', 'é', '🤖', '- [ ] ', '=;'),
		times: fc.integer({min: 1, max: 100_000}),
	}),
	fc.record({kind: fc.constant('duplicate-key' as const), key: fc.constantFrom('agent', 'lastAuthor', 'status', 'files', 'as_of', '__proto__', 'constructor'), times: fc.integer({min: 1, max: 50})}),
);

const encoder = new TextEncoder();

export function applyMutation(bytes: Uint8Array, change: Mutation): Uint8Array {
	const at = (value: number) => (bytes.length === 0 ? 0 : value % (bytes.length + 1));
	switch (change.kind) {
		case 'flip': {
			if (bytes.length === 0) {
				return bytes;
			}

			const copy = bytes.slice();
			copy[change.at % bytes.length] = change.value;
			return copy;
		}

		case 'truncate': {
			return bytes.slice(0, at(change.at));
		}

		case 'duplicate': {
			const start = at(change.at);
			const piece = bytes.slice(start, start + change.length);
			const repeated = new Uint8Array(piece.length * change.times);
			for (let index = 0; index < change.times; index++) {
				repeated.set(piece, index * piece.length);
			}

			return concat(bytes.slice(0, start), repeated, bytes.slice(start));
		}

		case 'insert': {
			const start = at(change.at);
			return concat(bytes.slice(0, start), new Uint8Array(change.bytes), bytes.slice(start));
		}

		case 'nest': {
			const open = change.object ? '{"agent":"codex","x":' : '[';
			const close = change.object ? '}' : ']';
			return concat(encoder.encode(open.repeat(change.depth)), bytes, encoder.encode(close.repeat(change.depth)));
		}

		case 'long-line': {
			const start = at(change.at);
			return concat(bytes.slice(0, start), encoder.encode(change.unit.repeat(Math.ceil(change.times / change.unit.length))), bytes.slice(start));
		}

		case 'duplicate-key': {
			const brace = bytes.indexOf(0x7b);
			if (brace < 0) {
				return bytes;
			}

			const keys = encoder.encode(`"${change.key}": "Claude Code", `.repeat(change.times));
			return concat(bytes.slice(0, brace + 1), keys, bytes.slice(brace + 1));
		}
	}
}

export function concat(...parts: Uint8Array[]): Uint8Array {
	const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		result.set(part, offset);
		offset += part.length;
	}

	return result;
}

