/**
 * The rules every claims-file writer applies before it writes a claim, whatever the
 * file's shape (docs/design.md §3 "Write"): work held by another active agent is refused
 * unless overridden; an idle or stale holder is taken with a note; the agent's own
 * unfinished claim is kept as superseded, and while it is active that needs
 * `--replace`. Pure: the writers decide where the records go.
 */
import type {Claim, StalenessConfig} from '../types.js';
import {describeAge, describeHeld, describeSource, findHoldings, isBlocking, ownHolding, type Holding} from './edit-holders.js';

export interface ClaimRequest {
	agent: string;
	agentName: string;
	module?: string;
	files: readonly string[];
	override?: {reason: string};
	replace?: boolean;
	/** The file's section names, for the notices: where overrides and superseded claims go. */
	sections: {overrides: string; completed: string};
}

export type ClaimJudgement =
	| {
			ok: true;
			/** Active holders taken by --override: each is recorded with the reason. */
			overridden: Holding[];
			/** The agent's own unfinished claim, to record as superseded before writing the new one. */
			superseded?: Holding;
			notices: string[];
	  }
	| {ok: false; reason: string};

export function judgeClaim(claims: readonly Claim[], request: ClaimRequest, now: Date, staleness: StalenessConfig): ClaimJudgement {
	const holdings = findHoldings(claims, {agent: request.agent, module: request.module, files: request.files}, now, staleness);
	const blocking = holdings.filter(holding => isBlocking(holding));
	if (blocking.length > 0 && !request.override) {
		return {
			ok: false,
			reason: `${blocking.map(holding => `${describeHeld(holding)} is held by ${holding.claim.agentName} (checked in ${describeAge(holding.ageMinutes)}; ${describeSource(holding.claim)})`).join('; ')}; wait for a release, or take it with --override --reason TEXT`,
		};
	}

	const own = ownHolding(claims, request.agent, now, staleness);
	if (own && isBlocking(own) && !request.replace) {
		return {
			ok: false,
			reason: `${request.agentName} is still working on ${own.claim.module ?? own.claim.work} (checked in ${describeAge(own.ageMinutes)}); finish it with switchyard done, give it up with switchyard release, or pass --replace to record it as superseded and claim the new work`,
		};
	}

	const notices = holdings.filter(holding => !isBlocking(holding)).map(holding => takeoverNotice(holding));
	const overridden = request.override ? blocking : [];
	for (const holding of overridden) {
		notices.push(`overriding ${holding.claim.agentName}'s active claim on ${describeHeld(holding)}; recorded under ${request.sections.overrides}`);
	}

	if (own) {
		notices.push(`${request.agentName}'s previous claim on ${own.claim.module ?? own.claim.work} is recorded as superseded under ${request.sections.completed}`);
	}

	return {ok: true, overridden, superseded: own, notices};
}

/** The line an override leaves in the file: who took what from whom, and why. */
export function overrideRecord(now: string, agentName: string, holding: Holding, reason: string): string {
	return `- ${now}: ${agentName} took ${describeHeld(holding)} from ${holding.claim.agentName} (checked in ${describeAge(holding.ageMinutes)}). Reason: ${reason}`;
}

function takeoverNotice(holding: Holding): string {
	const state = holding.staleness === 'unknown' ? 'unchecked' : holding.staleness;
	return `taking ${holding.claim.agentName}'s ${state} claim on ${describeHeld(holding)} (last check-in ${describeAge(holding.ageMinutes)})`;
}
