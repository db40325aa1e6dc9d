/**
 * Drives the built binary in a real terminal: tmux with send-keys and capture-pane.
 * Waits poll the screen until a condition holds; nothing sleeps a fixed time.
 */
import {execFileSync} from 'node:child_process';

export class TmuxSession {
	readonly name = `switchyard-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

	constructor(cwd: string, size = {columns: 140, rows: 40}) {
		// A plain shell with a known prompt, so "the prompt is back" can be checked. CI=true
		// always, as on the CI machines: Ink would otherwise hold every frame until exit.
		tmux(['new-session', '-d', '-s', this.name, '-x', String(size.columns), '-y', String(size.rows), '-c', cwd, 'env', 'PS1=e2e$ ', 'NO_COLOR=1', 'CI=true', 'TERM=xterm-256color', 'bash', '--norc', '--noprofile']);
	}

	type(text: string): void {
		tmux(['send-keys', '-t', this.name, '-l', text]);
	}

	press(...keys: string[]): void {
		tmux(['send-keys', '-t', this.name, ...keys]);
	}

	screen(): string {
		return tmux(['capture-pane', '-p', '-t', this.name]);
	}

	/** The pane's terminal modes: whether the alternate screen is on and the cursor shown. */
	modes(): {alternateScreen: boolean; cursorVisible: boolean} {
		const [alternate, cursor] = tmux(['display-message', '-p', '-t', this.name, '#{alternate_on} #{cursor_flag}']).trim().split(' ');
		return {alternateScreen: alternate === '1', cursorVisible: cursor === '1'};
	}

	async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		while (Date.now() < deadline) {
			screen = this.screen();
			if (predicate(screen)) {
				return screen;
			}

			await new Promise(resolve => setTimeout(resolve, 50));
		}

		throw new Error(`timed out waiting for ${what}; the screen shows:\n${screen}`);
	}

	kill(): void {
		try {
			tmux(['kill-session', '-t', this.name]);
		} catch {
			// Already gone.
		}
	}
}

function tmux(args: string[]): string {
	return execFileSync('tmux', args, {encoding: 'utf8'});
}
