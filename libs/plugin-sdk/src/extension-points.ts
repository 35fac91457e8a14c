/**
 * Stage guards, field types and channel providers: the contracts a plugin implements for these extension
 * points, defined once in core (libs/core/src/extensions/extension-points.ts).
 */
export type { ChannelMessage, ChannelProvider, FieldTypeSpec, StageGuard, StageGuardContext } from '@portal/core';
