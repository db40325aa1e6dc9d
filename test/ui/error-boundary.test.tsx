import {expect, test, vi} from 'vitest';
import {render} from 'ink-testing-library';
import {ErrorBoundary} from '../../source/ui/components/ErrorBoundary.js';
import {settle} from './render-app.js';

function Broken(): never {
	throw new Error('cannot read properties of undefined');
}

test('a rendering error becomes one line, and q still quits', async () => {
	const onQuit = vi.fn();
	// React reports the caught error on the console; keep the test output clean.
	const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
	const {lastFrame, stdin, unmount} = render(<ErrorBoundary onQuit={onQuit}><Broken/></ErrorBoundary>);
	await settle();
	expect(lastFrame()).toBe('switchyard could not draw this screen: cannot read properties of undefined (q quits)');
	stdin.write('q');
	await settle();
	expect(onQuit).toHaveBeenCalledTimes(1);
	unmount();
	consoleError.mockRestore();
});
