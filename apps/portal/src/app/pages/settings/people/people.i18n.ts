import type { Translation, Words } from '../../../core/i18n.types';

export const en = {} satisfies Words;

export const uk: Translation<typeof en> = {};

export const ru: Translation<typeof en> = {};
