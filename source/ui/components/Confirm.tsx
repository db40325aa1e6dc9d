import {Box, Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {confirmKeys, type ConfirmKeyId} from '../keys/flow.js';

/**
 * The one confirmation (docs/style.md §6 item 4): a title, what would happen, and
 * "enter confirm · esc cancel" (the footer, drawn from `confirmKeys`). ctrl-c cancels.
 */
export function Confirm({title, lines, onConfirm, onCancel, isActive}: {title: string; lines: readonly string[]; onConfirm: () => void; onCancel: () => void; isActive: boolean}) {
	const {keyContext, dispatch} = useAppContext();
	useScreenKeys<ConfirmKeyId>(confirmKeys, keyContext, {confirm: onConfirm, cancel: onCancel, quit: onCancel}, {isActive, onDisabled: text => dispatch({type: 'notice', text})});
	return (
		<Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text bold wrap="truncate-end">{title}</Text>
			{lines.map((line, index) => <Text key={index} wrap="truncate-end">{line}</Text>)}
			<Text dimColor>enter confirm · esc cancel</Text>
		</Box>
	);
}
