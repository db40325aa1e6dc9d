/**
 * Cuts a byte stream into records (lines, or NUL-ended records of `-z` output) as it
 * arrives. Only the unfinished record is carried from one chunk to the next, and a
 * record longer than `maxBytes` keeps its first `maxBytes` bytes only: the rest is
 * dropped as it streams, so a 1 GB line without a newline (a minified bundle, a
 * binary file diffed as text) costs `maxBytes`, not a gigabyte.
 */
export class RecordSplitter {
	/** Pieces of the unfinished record, at most `maxBytes` in all. */
	#pending: Buffer[] = [];
	#pendingBytes = 0;

	constructor(
		private readonly separator: number,
		private readonly maxBytes = 1024 * 1024,
	) {}

	/** Calls `onRecord` for every record `chunk` completes, without its separator. */
	push(chunk: Buffer, onRecord: (record: string) => void): void {
		this.pushBytes(chunk, (bytes, start, end) => onRecord(bytes.toString('utf8', start, end)));
	}

	/**
	 * Like `push`, with each record as bytes, `bytes` from `start` to `end` (a view,
	 * valid during the call only): a parser that needs a few fields of a record decodes
	 * those, not the record.
	 */
	pushBytes(chunk: Buffer, onRecord: (bytes: Buffer, start: number, end: number) => void): void {
		let start = 0;
		let end = chunk.indexOf(this.separator, start);
		while (end !== -1) {
			if (this.#pendingBytes === 0) {
				onRecord(chunk, start, Math.min(end, start + this.maxBytes));
			} else {
				this.#keep(chunk, start, end);
				const record = this.#takePending();
				onRecord(record, 0, record.length);
			}

			start = end + 1;
			end = chunk.indexOf(this.separator, start);
		}

		if (start < chunk.length) {
			this.#keep(chunk, start, chunk.length);
		}
	}

	/** Hands over a last record that had no separator after it. */
	end(onRecord: (record: string) => void): void {
		this.endBytes((bytes, start, end) => onRecord(bytes.toString('utf8', start, end)));
	}

	endBytes(onRecord: (bytes: Buffer, start: number, end: number) => void): void {
		if (this.#pendingBytes > 0) {
			const record = this.#takePending();
			onRecord(record, 0, record.length);
		}
	}

	#keep(chunk: Buffer, start: number, end: number): void {
		const room = this.maxBytes - this.#pendingBytes;
		if (room > 0 && end > start) {
			// A copy: a view would keep the whole 64 KB chunk alive for a few bytes.
			const piece = Buffer.from(chunk.subarray(start, Math.min(end, start + room)));
			this.#pending.push(piece);
			this.#pendingBytes += piece.length;
		}
	}

	#takePending(): Buffer {
		const record = Buffer.concat(this.#pending, this.#pendingBytes);
		this.#pending = [];
		this.#pendingBytes = 0;
		return record;
	}
}
