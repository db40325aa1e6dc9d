import {describe, expect, it} from 'vitest';
import {RecordSplitter} from '../../source/git/record-splitter.js';

function split(chunks: Array<string | Buffer>, separator = 10, maxBytes?: number): string[] {
	const records: string[] = [];
	const splitter = new RecordSplitter(separator, maxBytes);
	for (const chunk of chunks) {
		splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, record => records.push(record));
	}

	splitter.end(record => records.push(record));
	return records;
}

describe('RecordSplitter', () => {
	it('joins a record that spans chunks and hands over a last one without a separator', () => {
		expect(split(['ab', 'c\nd', 'e\n\nf'])).toEqual(['abc', 'de', '', 'f']);
	});

	it('splits NUL-ended records', () => {
		expect(split(['a\0b', '\0'], 0)).toEqual(['a', 'b']);
	});

	it('keeps a character whose bytes arrive in two chunks', () => {
		const bytes = Buffer.from('é\n');
		expect(split([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual(['é']);
	});

	it('cuts a long record to its first bytes, inside one chunk and across chunks', () => {
		expect(split(['abcdefgh\nxy\n'], 10, 4)).toEqual(['abcd', 'xy']);
		expect(split(['ab', 'cdef', 'gh', 'ij\nk'], 10, 5)).toEqual(['abcde', 'k']);
	});
});
