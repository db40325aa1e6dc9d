/**
 * Domain checks (docs/design.md §2): an agent's branch should stay inside the paths its
 * agent declared in config, and out of files another agent has claimed.
 */
import {matchesAnyGlob} from './glob.js';
import type {DomainIssue} from './types.js';

export interface DomainInput {
	agent: string | null;
	files: string[];
	/** The agent's declared paths; undefined means none declared, so nothing is outside. */
	declaredPaths: string[] | undefined;
	/** Paths shared by every agent (config `sharedPaths`), never outside anyone's domain. */
	sharedPaths: string[];
	/** Files claimed by active claims of other agents. */
	claimedByOthers: ReadonlyMap<string, string>;
}

export function checkDomain(input: DomainInput): DomainIssue[] {
	const issues: DomainIssue[] = [];
	for (const file of input.files) {
		if (input.declaredPaths && input.declaredPaths.length > 0 && !matchesAnyGlob(file, input.declaredPaths) && !matchesAnyGlob(file, input.sharedPaths)) {
			issues.push({kind: 'outside-paths', file});
		}

		const holder = input.claimedByOthers.get(file);
		if (holder && holder !== input.agent) {
			issues.push({kind: 'inside-other-claim', file, agent: holder});
		}
	}

	return issues;
}
