/** Event types automations react to (the outbox's `type`). Plugins may write their own types too. */
export const DomainEvents = {
  DealCreated: 'deal.created',
  StageEntered: 'stage.entered',
  StageLeft: 'stage.left',
  FieldChanged: 'field.changed',
  FileAttached: 'file.attached',
  TaskCompleted: 'task.completed',
  TaskCreated: 'task.created',
  DealDeleted: 'deal.deleted',
} as const;
