import {describe, expect, test} from 'vitest';
import {isPlainText, makeVisible} from '../../source/core/text-safety.js';

// A terminal acts on ESC (0x1b), BEL, CSI (0x9b) and the rest; none may survive.
const terminalControls = /[\u0000-\u001F\u007F-\u009F]/u;

describe('makeVisible', () => {
	test('leaves ordinary text, Unicode and emoji alone', () => {
		for (const text of ['claude/training-improvements', 'Fix: ünïcödé 日本語 ✅ 🔴', '']) {
			expect(makeVisible(text)).toBe(text);
			expect(isPlainText(text)).toBe(true);
		}
	});

	test('an OSC title sequence becomes inert', () => {
		const shown = makeVisible('\u001B]0;pwned\u0007');
		expect(shown).toBe('␛]0;pwned␇');
		expect(shown).not.toMatch(terminalControls);
	});

	test('a clear-screen sequence becomes inert', () => {
		expect(makeVisible('\u001B[2J')).toBe('␛[2J');
	});

	test('C0 controls, tab and newline, and DEL get control pictures', () => {
		expect(makeVisible('a\u0000b\tc\nd\re\u007F')).toBe('a␀b␉c␊d␍e␡');
	});

	test('C1 controls (one-byte CSI) are spelled out', () => {
		expect(makeVisible('x\u009B31my')).toBe('x<U+009B>31my');
		expect(makeVisible('\u0085')).toBe('<U+0085>');
	});

	test('BiDi overrides and isolates are spelled out', () => {
		expect(makeVisible('main\u202Egnp.exe')).toBe('main<U+202E>gnp.exe');
		expect(makeVisible('\u2066a\u2069\u200E\u200F\u061C')).toBe('<U+2066>a<U+2069><U+200E><U+200F><U+061C>');
	});

	test('zero-width and invisible characters are spelled out', () => {
		expect(makeVisible('cla\u200Bude')).toBe('cla<U+200B>ude');
		expect(makeVisible('\uFEFFx\u2060\u00AD\u2028')).toBe('<U+FEFF>x<U+2060><U+00AD><U+2028>');
	});

	test('repeated calls give the same answer (no regex state leaks)', () => {
		for (let round = 0; round < 3; round++) {
			expect(makeVisible('\u001B[31mred')).toBe('␛[31mred');
			expect(isPlainText('\u001B')).toBe(false);
		}
	});

	test('no output of any single code point below U+3000 holds a terminal control', () => {
		for (let code = 0; code < 0x30_00; code++) {
			if (code >= 0xD8_00 && code <= 0xDF_FF) {
				continue;
			}

			expect(makeVisible(`a${String.fromCodePoint(code)}b`)).not.toMatch(terminalControls);
		}
	});
});
