/** `switchyard status [--json] [--all]`: one snapshot, printed. Never loads the UI. */
import {openRepository, currentTime} from './open-repository.js';
import {renderStatusText} from './status-text.js';

export interface StatusOptions {
	directory: string;
	json: boolean;
	all: boolean;
	color: boolean;
}

export async function runStatus(options: StatusOptions, stdout: NodeJS.WritableStream): Promise<number> {
	const {collector} = await openRepository(options.directory);
	const document = await collector.collect(currentTime());
	stdout.write(options.json ? JSON.stringify(document, null, 2) + '\n' : renderStatusText(document, {color: options.color, all: options.all}));
	return 0;
}
