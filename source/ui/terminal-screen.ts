/**
 * The escape sequences that switch the terminal between the user's screen and the
 * dashboard's: commands/dashboard.ts enters the alternate screen once, and the pager
 * (`d`, `l`) leaves and re-enters it while it runs.
 */
export const enterAlternateScreen = '\u001B[?1049h\u001B[H\u001B[2J';
export const leaveAlternateScreen = '\u001B[?1049l';
export const showCursor = '\u001B[?25h';
export const hideCursor = '\u001B[?25l';

/** OSC 52: the terminal puts `text` on the system clipboard (also over ssh). */
export function clipboardSequence(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
