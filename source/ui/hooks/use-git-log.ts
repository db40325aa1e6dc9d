import {useEffect, useState} from 'react';
import type {GitCommandLog, GitCommandRecord} from '../../git/command-log.js';

/** The log's records, re-read after each finished command while the caller is mounted. */
export function useGitLogRecords(log: GitCommandLog): readonly GitCommandRecord[] {
	const [, setVersion] = useState(0);
	useEffect(() => log.subscribe(() => {
		setVersion(version => version + 1);
	}), [log]);
	return log.records;
}
