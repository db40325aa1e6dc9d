/** The engine's one error for the user (here so that performers and the runner share it). */
/** A flow cannot go on: one line for the user, and the exit code (DESIGN §5). */
export class FlowError extends Error {
	constructor(
		message: string,
		readonly exitCode = 2,
	) {
		super(message);
		this.name = 'FlowError';
	}
}
