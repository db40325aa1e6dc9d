import {describe, expect, it} from 'vitest';
import {makeAgentResolver} from '../../source/core/agents.js';
import {mergeBySection} from '../../source/core/claims/section-merge.js';
import {defaultConfig} from '../../source/core/config.js';

const resolve = makeAgentResolver(defaultConfig);
const text = (...lines: string[]) => lines.join('\n') + '\n';
const base = text('# Work', '', '## Claude Status', 'Working On: a', '', '## Codex Status', 'Working On: b', '', '## Emergency Overrides', 'none');

describe('mergeBySection', () => {
	it('takes each agent\'s own section from its side and every other byte from base', () => {
		const ours = base.replace('Working On: a', 'Working On: auth');
		const theirs = base.replace('Working On: b', 'Working On: billing');
		const merged = mergeBySection(base, {text: ours, agent: 'claude', label: 'claude/x'}, {text: theirs, agent: 'codex', label: 'codex/y'}, resolve);
		expect(merged).toEqual({confined: true, merged: base.replace('Working On: a', 'Working On: auth').replace('Working On: b', 'Working On: billing')});
	});

	it('lets an integration branch holding several agents\' merges change each of their sections, but not one the other side changed too', () => {
		const integration = base.replace('Working On: a', 'Working On: auth').replace('## Emergency Overrides', '## Gemini Status\nWorking On: g\n\n## Emergency Overrides');
		const ours = {text: integration, agent: null, agents: ['claude', 'gemini'], label: 'the integration branch'};
		const codex = base.replace('Working On: b', 'Working On: billing');
		expect(mergeBySection(base, ours, {text: codex, agent: 'codex', label: 'codex/y'}, resolve)).toEqual({confined: true, merged: integration.replace('Working On: b', 'Working On: billing')});
		const claudeAgain = base.replace('Working On: a', 'Working On: auth, part two');
		expect(mergeBySection(base, ours, {text: claudeAgain, agent: 'claude', label: 'claude/z'}, resolve)).toEqual({confined: false, reason: 'both sides changed claude\'s section'});
		// An integration branch with no agent's merge yet owns no section.
		expect(mergeBySection(base, {...ours, agents: []}, {text: codex, agent: 'codex', label: 'codex/y'}, resolve)).toMatchObject({confined: false, reason: expect.stringContaining('no agent\'s branch')});
	});

	it('places a section a side added after the one it follows there', () => {
		const ours = base.replace('## Emergency Overrides', '## Gemini Status\nWorking On: g\n\n## Emergency Overrides');
		const theirs = base.replace('Working On: b', 'Working On: billing');
		const merged = mergeBySection(base, {text: ours, agent: 'gemini', label: 'gemini/x'}, {text: theirs, agent: 'codex', label: 'codex/y'}, resolve);
		expect(merged).toEqual({confined: true, merged: ours.replace('Working On: b', 'Working On: billing')});
	});

	it('is not confined when a side touches another agent\'s section, a shared one, or both sides are one agent', () => {
		const foreign = base.replace('Working On: b', 'Working On: stolen');
		const shared = base.replace('none', 'claude overrides');
		const own = base.replace('Working On: a', 'Working On: auth');
		const side = (value: string, agent: string) => ({text: value, agent, label: `${agent}/x`});
		expect(mergeBySection(base, side(foreign, 'claude'), side(own, 'claude'), resolve)).toMatchObject({confined: false, reason: expect.stringContaining('Codex Status')});
		expect(mergeBySection(base, side(shared, 'claude'), side(base, 'codex'), resolve)).toMatchObject({confined: false, reason: expect.stringContaining('Emergency Overrides')});
		expect(mergeBySection(base, side(own, 'claude'), side(own, 'claude'), resolve)).toMatchObject({confined: false, reason: 'both sides changed claude\'s section'});
		expect(mergeBySection(null, side(own, 'claude'), side(base, 'codex'), resolve)).toMatchObject({confined: false});
	});
});
