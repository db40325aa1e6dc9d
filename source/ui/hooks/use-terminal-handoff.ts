/**
 * Lends the terminal to a child program (the pager) and takes it back: the user's
 * screen comes back, raw mode goes off and Ink stops reading keys while the child
 * runs, then the dashboard's screen and frame are restored.
 *
 * The child runs synchronously (`spawnSync`): while it runs no JavaScript runs, so
 * nothing of ours reads the keys meant for it. Ctrl-C in the pager reaches our process
 * group too; it is ignored here, as git ignores it while its pager runs.
 */
import process from 'node:process';
import {useStdin, useStdout} from 'ink';
import {enterAlternateScreen, hideCursor, leaveAlternateScreen, showCursor} from '../terminal-screen.js';

export function useTerminalHandoff(): <T>(run: () => T) => T {
	const {stdin, isRawModeSupported} = useStdin();
	const {stdout, write} = useStdout();
	return function handOff<T>(run: () => T): T {
		const wasRaw = isRawModeSupported && (stdin as {isRaw?: boolean}).isRaw === true;
		stdout.write(leaveAlternateScreen + showCursor);
		if (wasRaw) {
			stdin.setRawMode(false);
		}

		const ignoreInterrupt = () => {};
		process.on('SIGINT', ignoreInterrupt);
		try {
			return run();
		} finally {
			// A Ctrl-C typed in the pager is delivered once the loop turns: it must find the handler.
			setImmediate(() => process.off('SIGINT', ignoreInterrupt));
			if (wasRaw) {
				stdin.setRawMode(true);
			}

			stdout.write(enterAlternateScreen + hideCursor);
			// Ink's own write: it forgets what it drew on the screen we left and draws its frame again.
			write('');
		}
	};
}
