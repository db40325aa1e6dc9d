/** Small statistics for the bench: medians and percentiles of a few samples. */

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

/** Nearest-rank percentile: with 20 samples p95 is the 19th smallest, a real sample. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) {
		return Number.NaN;
	}

	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1]!;
}

export function ms(value: number): string {
	return Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`;
}

export function seconds(value: number): string {
	return Number.isNaN(value) ? 'n/a' : `${(value / 1000).toFixed(2)} s`;
}

export function megabytes(kilobytes: number): string {
	return Number.isNaN(kilobytes) ? 'n/a' : `${(kilobytes / 1024).toFixed(0)} MB`;
}
