/** Keys of the branch details screen. */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {back, fetchOnPage, help, quit, refreshOnPage, scrollBottom, scrollDown, scrollTop, scrollUp} from './shared.js';

export type ScrollKeyId = 'scroll-up' | 'scroll-down' | 'top' | 'bottom' | 'back' | 'fetch' | 'refresh' | 'help' | 'quit';

export const detailsKeys: KeyTable<ScrollKeyId, KeyContext> = [scrollUp, scrollDown, scrollTop, scrollBottom, back, fetchOnPage, refreshOnPage, help, quit];

/** The files of one conflict-map cell scroll the same way. */
export const conflictFilesKeys: KeyTable<ScrollKeyId, KeyContext> = [scrollUp, scrollDown, scrollTop, scrollBottom, back, help, quit];
