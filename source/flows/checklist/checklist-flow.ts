/**
 * The checklist screen's state as a pure reducer (DESIGN §8): the selection, the
 * person's answers and notes, the command runs, and what happens when the branch
 * moves while it is open (the answers become those of an earlier head, offered for
 * carrying over). The screen performs the effects (saving, running) around it.
 */
import type {Answer, ChecklistItem, CommandOutcome} from '../../core/checklist.js';

/** Answers saved for an earlier head of the branch. */
export interface EarlierAnswers {
	head: string;
	answers: Record<string, Answer>;
	notes: Record<string, string>;
}

export interface ChecklistFlowState {
	branch: string;
	head: string;
	selected: number;
	answers: Record<string, Answer>;
	notes: Record<string, string>;
	runs: Record<string, CommandOutcome[]>;
	/** The selected item's evidence is shown in full (enter). */
	evidenceOpen: boolean;
	/** A note being typed for an item. */
	editing: {itemId: string; text: string} | null;
	running: boolean;
	/** Set when the branch moved since the answers were given: `carry` copies the person's answers. */
	earlier: EarlierAnswers | null;
	/** A one-line message; the next event clears it. */
	notice: string | null;
	/** Bumped on every change worth saving, so the screen saves once per change. */
	revision: number;
}

export interface SavedAnswers {
	head: string;
	answers: Record<string, Answer>;
	notes: Record<string, string>;
	runs: Record<string, CommandOutcome[]>;
}

export type ChecklistEvent =
	| {type: 'move'; by: number | 'top' | 'bottom'; count: number}
	| {type: 'answer'; answer: Answer; item: ChecklistItem}
	| {type: 'toggle-evidence'}
	| {type: 'note-start'; item: ChecklistItem}
	| {type: 'note-type'; text: string}
	| {type: 'note-erase'}
	| {type: 'note-accept'}
	| {type: 'note-cancel'}
	| {type: 'run-start'}
	| {type: 'run-done'; runs: Record<string, CommandOutcome[]>}
	| {type: 'run-failed'; message: string}
	| {type: 'carry-over'}
	/** The branch has a new head (a commit arrived while the screen is open). */
	| {type: 'head-moved'; head: string}
	| {type: 'notice'; text: string};

/** Opening the checklist of `head`: the record saved for it, else an earlier head's answers to offer. */
export function openChecklist(branch: string, head: string, saved: SavedAnswers | undefined, earlier: SavedAnswers | undefined): ChecklistFlowState {
	const base: ChecklistFlowState = {
		branch, head, selected: 0, answers: {}, notes: {}, runs: {}, evidenceOpen: false, editing: null, running: false, earlier: null, notice: null, revision: 0,
	};
	if (saved) {
		return {...base, answers: {...saved.answers}, notes: {...saved.notes}, runs: {...saved.runs}};
	}

	return earlier && hasPersonWork(earlier) ? {...base, earlier: {head: earlier.head, answers: earlier.answers, notes: earlier.notes}} : base;
}

function hasPersonWork(saved: Pick<SavedAnswers, 'answers' | 'notes'>): boolean {
	return Object.keys(saved.answers).length > 0 || Object.keys(saved.notes).length > 0;
}

function changed(state: ChecklistFlowState, next: Partial<ChecklistFlowState>): ChecklistFlowState {
	return {...state, ...next, revision: state.revision + 1};
}

function reduce(state: ChecklistFlowState, event: ChecklistEvent): ChecklistFlowState {
	switch (event.type) {
		case 'move': {
			const last = Math.max(0, event.count - 1);
			const target = event.by === 'top' ? 0 : event.by === 'bottom' ? last : state.selected + event.by;
			return {...state, selected: Math.max(0, Math.min(last, target)), evidenceOpen: false};
		}

		case 'answer': {
			if (event.item.judge !== 'person') {
				return {...state, notice: `"${event.item.title}" is judged automatically${event.item.judge === 'command' ? ': a runs its command' : ' from the diff'}`};
			}

			return changed(state, {answers: {...state.answers, [event.item.id]: event.answer}});
		}

		case 'toggle-evidence': {
			return {...state, evidenceOpen: !state.evidenceOpen};
		}

		case 'note-start': {
			return {...state, editing: {itemId: event.item.id, text: state.notes[event.item.id] ?? ''}};
		}

		case 'note-type': {
			// One line: a pasted newline ends nothing, it becomes a space.
			return state.editing ? {...state, editing: {...state.editing, text: (state.editing.text + event.text.replaceAll(/[\r\n]+/g, ' ')).slice(0, 500)}} : state;
		}

		case 'note-erase': {
			return state.editing ? {...state, editing: {...state.editing, text: [...state.editing.text].slice(0, -1).join('')}} : state;
		}

		case 'note-accept': {
			if (!state.editing) {
				return state;
			}

			const notes = {...state.notes};
			const text = state.editing.text.trim();
			if (text === '') {
				delete notes[state.editing.itemId];
			} else {
				notes[state.editing.itemId] = text;
			}

			return changed(state, {notes, editing: null});
		}

		case 'note-cancel': {
			return {...state, editing: null};
		}

		case 'run-start': {
			return {...state, running: true};
		}

		case 'run-done': {
			return changed(state, {running: false, runs: {...state.runs, ...event.runs}});
		}

		case 'run-failed': {
			return {...state, running: false, notice: event.message};
		}

		case 'carry-over': {
			if (!state.earlier) {
				return {...state, notice: 'nothing to carry over: the answers are for this head'};
			}

			// The person's answers given now win over the carried ones.
			return changed(state, {
				answers: {...state.earlier.answers, ...state.answers},
				notes: {...state.earlier.notes, ...state.notes},
				earlier: null,
			});
		}

		case 'head-moved': {
			if (event.head === state.head) {
				return state;
			}

			const earlier = hasPersonWork(state) ? {head: state.head, answers: state.answers, notes: state.notes} : state.earlier;
			return {...state, head: event.head, answers: {}, notes: {}, runs: {}, running: false, earlier, editing: null};
		}

		case 'notice': {
			return {...state, notice: event.text};
		}
	}
}

export function checklistReducer(state: ChecklistFlowState, event: ChecklistEvent): ChecklistFlowState {
	const next = reduce(state, event);
	return event.type !== 'notice' && next.notice !== null && next.notice === state.notice ? {...next, notice: null} : next;
}
