/**
 * The suggested order of an integration (DESIGN §6.1 step 1): branches that others
 * depend on (named in claims) first, then branches that conflict with no other chosen
 * branch, then the rest by fewest predicted conflicts. Ties keep the order given.
 */
export interface OrderCandidate {
	branch: string;
	/** Branches this one depends on (from its claim); only chosen ones count. */
	dependsOn: readonly string[];
}

/**
 * `conflicts(a, b)` says whether the pair is predicted to conflict. A dependency
 * cycle is broken in the order given.
 */
export function suggestMergeOrder(candidates: readonly OrderCandidate[], conflicts: (a: string, b: string) => boolean): string[] {
	const chosen = new Set(candidates.map(candidate => candidate.branch));
	const conflictCount = new Map<string, number>();
	for (const a of candidates) {
		conflictCount.set(a.branch, candidates.filter(b => b.branch !== a.branch && conflicts(a.branch, b.branch)).length);
	}

	const ranked = candidates
		.map((candidate, index) => ({candidate, index, count: conflictCount.get(candidate.branch)!}))
		.sort((x, y) => x.count - y.count || x.index - y.index)
		.map(entry => entry.candidate);
	const order: string[] = [];
	const placed = new Set<string>();
	const visiting = new Set<string>();
	const byName = new Map(candidates.map(candidate => [candidate.branch, candidate]));
	const place = (candidate: OrderCandidate) => {
		if (placed.has(candidate.branch) || visiting.has(candidate.branch)) {
			return;
		}

		visiting.add(candidate.branch);
		for (const dependency of candidate.dependsOn) {
			const other = byName.get(dependency);
			if (other && chosen.has(dependency)) {
				place(other);
			}
		}

		visiting.delete(candidate.branch);
		placed.add(candidate.branch);
		order.push(candidate.branch);
	};

	// Dependencies first: every branch another chosen branch depends on, in rank order.
	const needed = new Set(candidates.flatMap(candidate => candidate.dependsOn.filter(name => chosen.has(name))));
	for (const candidate of ranked.filter(candidate => needed.has(candidate.branch))) {
		place(candidate);
	}

	for (const candidate of ranked) {
		place(candidate);
	}

	return order;
}
