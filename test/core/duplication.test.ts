import {describe, expect, it} from 'vitest';
import {addedBlocks, BlockCollector, findDuplicates} from '../../source/core/duplication.js';

const lines = (file: string, from: number, texts: string[]) => texts.map((text, index) => ({file, line: from + index, text}));
const body = ['const total = items.reduce((sum, item) => sum + item.price, 0);', 'if (total > limit) {', '  throw new Error(`over the limit: ${total}`);', '}', 'return total;'];

describe('blocks of added lines', () => {
	it('a window split across two pushes of a streamed diff is still found', () => {
		const whole = addedBlocks(lines('a.ts', 10, body));
		const collector = new BlockCollector();
		collector.push(lines('a.ts', 10, body.slice(0, 2)));
		collector.push(lines('a.ts', 12, body.slice(2)));
		expect(collector.blocks.toArray()).toEqual(whole.toArray());
		expect(whole.length).toBe(2);
	});

	it('a gap in line numbers or another file starts a new window', () => {
		expect(addedBlocks([...lines('a.ts', 1, body.slice(0, 2)), ...lines('a.ts', 40, body.slice(2))]).length).toBe(0);
		expect(addedBlocks([...lines('a.ts', 1, body.slice(0, 2)), ...lines('b.ts', 3, body.slice(2))]).length).toBe(0);
	});

	it('the same block added on two branches is reported on each, naming the other', () => {
		const found = findDuplicates([
			{name: 'claude/a', blocks: addedBlocks(lines('src/a.ts', 5, body))},
			{name: 'codex/b', blocks: addedBlocks(lines('lib/b.ts', 20, body))},
		]);
		expect(found.get('claude/a')?.[0]?.detail).toContain('codex/b');
		expect(found.get('codex/b')?.[0]?.detail).toContain('claude/a');
	});
});
