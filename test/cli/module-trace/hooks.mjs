// Module loader hooks (they run on their own thread): note each loaded URL.
import {appendFileSync} from 'node:fs';

let file;

export function initialize(data) {
	file = data.file;
}

export async function load(url, context, nextLoad) {
	if (file) {
		appendFileSync(file, url + '\n');
	}

	return nextLoad(url, context);
}
