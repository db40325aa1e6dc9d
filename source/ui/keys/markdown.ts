/**
 * The README's key tables, generated from the same data as the footer and the help
 * (docs/style.md §6.1), so a test can fail when the README drifts from the bindings.
 */
import {formatKeys, type KeyTable} from './binding.js';
import type {KeyContext} from './context.js';

/** A Markdown table of every binding: `| key | does |`. */
export function keyTableMarkdown(table: KeyTable<string, KeyContext>): string {
	const rows = table.map(binding => {
		const keys = binding.keys.map(spec => `\`${formatKeys({keys: [spec]}).replace('|', '\\|')}\``).join(' ');
		// Generated documentation describes the product, not one moment of it: no disabled reasons.
		return `| ${keys} | ${binding.label} |`;
	});
	return ['| key | does |', '| --- | --- |', ...rows].join('\n');
}
