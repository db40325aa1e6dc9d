import {Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {shown} from '../format.js';

/** The line above the status line: a notice, else the filter being typed or in force. */
export function NoticeLine() {
	const {screen} = useAppContext();
	if (screen.notice) {
		return <Text color="yellow" wrap="truncate-end">{screen.notice}</Text>;
	}

	if (screen.filterEditing) {
		return <Text wrap="truncate-end">filter: {shown(screen.filter)}▏ <Text dimColor>(enter keeps · esc clears)</Text></Text>;
	}

	if (screen.filter !== '') {
		return <Text wrap="truncate-end">filter: {shown(screen.filter)} <Text dimColor>(esc clears)</Text></Text>;
	}

	return <Text> </Text>;
}
