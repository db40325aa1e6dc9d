import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export interface TerminalSize {
	columns: number;
	rows: number;
}

// Pipes and some test streams have no size; assume a classic terminal.
const fallback: TerminalSize = {columns: 80, rows: 24};

function readSize(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || fallback.columns, rows: stdout.rows || fallback.rows};
}

/**
 * The terminal's size, updated on every `resize` event so the layout changes at once.
 * Ink 6 has no `useWindowSize` (that arrived in 7), hence this hook.
 */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => readSize(stdout));
	useEffect(() => {
		const onResize = (): void => {
			setSize(readSize(stdout));
		};

		stdout.on('resize', onResize);
		// The size may have changed between the first render and this effect.
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
