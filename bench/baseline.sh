#!/usr/bin/env bash
# The plain-git baseline of docs/design.md §9: the facts `switchyard status --json` gives,
# computed the sensible way a shell script would, one git process per question.
#
#   bench/baseline.sh <repo> [base]
#
# SWITCHYARD_SCRATCH_PARENT names the folder for its scratch files; the bench sets it
# to switchyard's own choice (scratchParent() in source/git/predict-merges.ts: memory
# when the machine has it), so both sides write merge-tree's objects to the same place.
#
# Per branch: ahead/behind, last commit time, changed files, what base changed since
# the merge base, the coordination file; merge-tree only where files overlap (with
# base, and between pairs of branches sharing a file). Prints one line per branch and
# one per conflicting pair, then a summary line the bench reads.
set -euo pipefail

repo=${1:?usage: baseline.sh <repo> [base]}
base=${2:-main}
cd "$repo"
export LC_ALL=C GIT_OPTIONAL_LOCKS=0

# merge-tree --write-tree writes result trees; like switchyard, keep them out of the
# repository (the bench's cached repos must stay pristine) in a scratch object store,
# in the folder switchyard uses (see above); run alone, under $TMPDIR.
objects=$(git rev-parse --path-format=absolute --git-common-dir)/objects
scratch=$(mktemp -d -p "${SWITCHYARD_SCRATCH_PARENT:-${TMPDIR:-/tmp}}" switchyard-baseline-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
merge_tree() {
	GIT_OBJECT_DIRECTORY="$scratch" GIT_ALTERNATE_OBJECT_DIRECTORIES="$objects" \
		git merge-tree --write-tree --name-only --no-messages "$1" "$2" >/dev/null 2>&1
}

lists="$scratch/lists"
mkdir "$lists"
files_of="$scratch/branch-files.tsv"
: >"$files_of"
merges=0
branches=0

while IFS= read -r branch; do
	[[ $branch == "$base" ]] && continue
	branches=$((branches + 1))
	read -r behind ahead < <(git rev-list --left-right --count "$base...$branch")
	when=$(git log -1 --format=%ct "$branch")
	# The coordination file as this branch has it (absent on some branches).
	claim_lines=$(git show "$branch:AI_CURRENT_WORK.md" 2>/dev/null | wc -l || true)
	if ((ahead == 0)); then
		printf '%s\tmerged\t%s\t%s\t%s\n' "$branch" "$behind" "$when" "$claim_lines"
		continue
	fi

	list="$lists/$branches"
	git diff --name-only "$base...$branch" >"$list"
	# base's changes since the merge base, for the with-base candidate test
	base_changed=$(git diff --name-only "$branch...$base")
	clean_with_base=yes
	if [[ -n $base_changed ]] && grep -qxFf "$list" <<<"$base_changed"; then
		merges=$((merges + 1))
		merge_tree "$base" "$branch" || clean_with_base=no
	fi

	# Coordination files are shared by design: not a reason to check a pair.
	grep -vx 'AI_CURRENT_WORK.md' "$list" | awk -v b="$branch" '{print b "\t" $0}' >>"$files_of" || true
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$branch" "$ahead" "$behind" "$when" "$(wc -l <"$list")" "$clean_with_base" "$claim_lines"
done < <(git for-each-ref --format='%(refname:short)' refs/heads)

# Pairs of branches sharing at least one changed file, each pair once.
pairs="$scratch/pairs"
sort -t $'\t' -k2,2 "$files_of" | awk -F '\t' '
	$2 != file { file = $2; n = 0 }
	{ for (i = 1; i <= n; i++) print seen[i] "\t" $1; seen[++n] = $1 }
' | awk -F '\t' '{ key = ($1 < $2) ? $1 "\t" $2 : $2 "\t" $1; if (!(key in done)) { done[key] = 1; print key } }' >"$pairs"

while IFS=$'\t' read -r first second; do
	merges=$((merges + 1))
	merge_tree "$first" "$second" || printf 'conflict\t%s\t%s\n' "$first" "$second"
done <"$pairs"

printf 'summary\tbranches=%s\tmerges=%s\n' "$branches" "$merges"
