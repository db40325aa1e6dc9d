import {Component, type ReactNode} from 'react';
import {Text, useInput} from 'ink';

interface Props {
	/** Called on q or ctrl-c from the error line, so a crashed screen can still be left. */
	onQuit: () => void;
	children: ReactNode;
}

interface State {
	error: Error | null;
}

function CrashLine({error, onQuit}: {error: Error; onQuit: () => void}) {
	useInput((input, key) => {
		if (input === 'q' || (key.ctrl && input === 'c')) {
			onQuit();
		}
	});
	return <Text color="red">switchyard could not draw this screen: {error.message} (q quits)</Text>;
}

/**
 * A rendering bug must not leave a stack trace over the dashboard and a terminal that
 * no key can leave: show one line, and keep q working. It has to be a class, because
 * React offers error boundaries only as class components.
 */
export class ErrorBoundary extends Component<Props, State> {
	override state: State = {error: null};

	static getDerivedStateFromError(error: Error): State {
		return {error};
	}

	override render() {
		if (this.state.error) {
			return <CrashLine error={this.state.error} onQuit={this.props.onQuit}/>;
		}

		return this.props.children;
	}
}
