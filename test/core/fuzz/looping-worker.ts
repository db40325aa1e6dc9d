/** A deliberately broken reader for the watchdog's own test: input holding "LOOP" never returns. */
import {serve} from './serve.js';

serve({
	everywhere(bytes) {
		if (new TextDecoder().decode(bytes).includes('LOOP')) {
			for (;;) {
				// An endless loop, as a reader with a bad regular expression or index would make.
			}
		}
	},
});
