import {Text} from 'ink';
import {useSpinnerFrame} from '../hooks/use-spinner-frame.js';

/** A small turning glyph with an optional word, for values still being computed. */
export function Spinner({label}: {label?: string}) {
	const frame = useSpinnerFrame();
	return <Text color="cyan">{label ? `${frame} ${label}` : frame}</Text>;
}
