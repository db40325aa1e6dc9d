import {describe, expect, it} from 'vitest';
import {decodeCoordinationBytes, parseCoordinationFile} from '../../source/core/claims/index.js';
import {repairMojibake} from '../../source/core/text.js';
import {contextFor, fixtureBytes} from './claims/helpers.js';

const original = '## 🤖 Claude Code Status\n**Currently Working On:** Café menu — “naïve” search\n**Last Checkin:** 2026-01-05T10:00Z\n';
/** What an editor that took UTF-8 for Windows-1252 saves back (written by Python's cp1252 codec). */
const windows1252Bytes = fixtureBytes('variants/mojibake-AI_CURRENT_WORK.md');
const asWindows1252 = new TextDecoder().decode(windows1252Bytes);
/** The same through Latin-1, which keeps bytes 0x80–0x9F as control characters. */
const asLatin1 = Buffer.from(original, 'utf8').toString('latin1');
const location = {file: 'AI_CURRENT_WORK.md', ref: 'main'};

describe('mojibake', () => {
	it('is repaired, whether it went through Windows-1252 or Latin-1', () => {
		expect(asWindows1252).toContain('ðŸ¤–');
		expect(asWindows1252).toContain('CafÃ©');
		expect(repairMojibake(asWindows1252).text).toBe(original);
		expect(repairMojibake(asLatin1).text).toBe(original);
	});

	it('leaves real accented text and lone look-alikes alone', () => {
		for (const text of ['Größe und Ärger, déjà vu, São Paulo', 'Â alone', 'price: 5Â', 'Ã then space']) {
			expect(repairMojibake(text)).toMatchObject({text, count: 0});
		}
	});

	it('is a warning with the line of the first repair, and the claim reads as written', () => {
		const decoded = decodeCoordinationBytes(windows1252Bytes, location);
		expect(decoded.text).toBe(original);
		expect(decoded.warnings).toEqual([{...location, line: 1, message: 'text looks like UTF-8 once read as Windows-1252 (mojibake, e.g. "ðŸ¤– → 🤖"): repaired 6 place(s)'}]);

		const parsed = parseCoordinationFile(location.file, decoded.text!, contextFor(location.file));
		expect(parsed.claims[0]).toMatchObject({work: 'Café menu — “naïve” search'});
	});
});
