#!/bin/sh
# One agent at work, for the reliability suite (agents-writing.test.ts): in its own
# worktree, until the deadline (epoch ns), it commits, creates and deletes branches
# (`<agent>/scratch-<n>`, which the dashboard lists as the agent's),
# pushes to and fetches from the bare remote. Each git command's outcome is a line of
# the log: `ok <what>` or `fail <what> :: <git's message on one line>`.
cd "$1" || exit 1
branch=$2 agent=$3 end=$4 log=$5 i=0
run() {
	if out=$("$@" 2>&1); then echo "ok $2" >>"$log"; else echo "fail $* :: $(echo "$out" | tr '\n' ' ')" >>"$log"; fi
}
while [ "$(date +%s%N)" -lt "$end" ]; do
	i=$((i + 1))
	echo "$agent $i" >>"work-$agent.txt"
	run git add "work-$agent.txt"
	run git commit -q -m "$agent: step $i"
	run git branch "$agent/scratch-$i"
	[ "$i" -gt 1 ] && run git branch -D -q "$agent/scratch-$((i - 1))"
	run git push -q origin "$branch"
	run git fetch -q origin "refs/heads/$branch:refs/remotes/origin/$branch"
	run git status --porcelain
done
