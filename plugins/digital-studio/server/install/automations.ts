import { FIELD } from './fields';
import { PIPELINE } from './pipelines';

/** Stages where a deal's work is over: no control task there. */
const CLOSED = ['done', 'failed', 'failure_analysis', 'resolved', 'rejected', 'closed', 'declined'];

/** Seed 004's robots, as data: the portal's admins see, edit or disable each one under Automations. */
export const AUTOMATIONS: Record<string, unknown>[] = [
  {
    code: 'studio-lead-to-project',
    name: 'A won lead becomes a project for the least-loaded manager',
    trigger: { type: 'stage.entered', pipeline: PIPELINE.leads, stage: 'deal' },
    actions: [{ type: 'deal.createLinked', pipeline: PIPELINE.projects, stage: 'free', copy: ['budget', 'contacts', 'files', 'fields', 'tags'], responsible: 'strategy:least-loaded' }],
  },
  {
    code: 'studio-project-assigned',
    name: 'A free project with a manager moves to "Manager assigned"',
    trigger: { type: 'stage.entered', pipeline: PIPELINE.projects, stage: 'free' },
    conditions: [{ field: 'responsibleId', op: 'notEmpty' }],
    actions: [{ type: 'deal.move', stage: 'manager_assigned' }],
  },
  {
    code: 'studio-remaining-payment',
    name: 'Advance received: compute the remaining payment (budget − advance)',
    trigger: { type: 'stage.entered', pipeline: PIPELINE.projects, stage: 'advance_received' },
    actions: [{ type: 'studio.computeRemainingPayment' }],
  },
  {
    code: 'studio-remaining-payment-advance',
    name: 'The advance changed: compute the remaining payment again',
    trigger: { type: 'field.changed', field: FIELD.advance },
    actions: [{ type: 'studio.computeRemainingPayment' }],
  },
  {
    code: 'studio-remaining-payment-budget',
    name: 'The budget changed: compute the remaining payment again',
    trigger: { type: 'field.changed', field: 'budget' },
    conditions: [{ field: FIELD.advance, op: 'notEmpty' }],
    actions: [{ type: 'studio.computeRemainingPayment' }],
  },
  {
    code: 'studio-control-new-project',
    name: 'A new project without a planned task gets a control task',
    trigger: { type: 'deal.created', pipeline: PIPELINE.projects },
    delay: { minutes: 60 },
    conditions: [{ field: 'openTasks', op: 'eq', value: 0 }],
    actions: [{ type: 'task.create', code: 'studio-control', title: 'Plan the next step of the project', assignee: 'responsible', due: { businessDays: 1 } }],
  },
  {
    code: 'studio-control-no-task',
    name: 'A project whose last task is done gets a control task',
    trigger: { type: 'task.completed' },
    conditions: [
      { field: 'pipeline', op: 'in', value: [PIPELINE.projects, PIPELINE.support, PIPELINE.claims] },
      { field: 'stage', op: 'nin', value: CLOSED },
      { field: 'openTasks', op: 'eq', value: 0 },
    ],
    actions: [{ type: 'task.create', code: 'studio-control', title: 'Plan the next step of the project', assignee: 'responsible', due: { businessDays: 1 } }],
  },
  {
    code: 'studio-failure-analysis',
    name: 'A failed project: the head analyses why',
    trigger: { type: 'stage.entered', pipeline: PIPELINE.projects, stage: 'failed' },
    actions: [{ type: 'task.create', code: 'studio-failure-analysis', title: 'Analyse why the project failed', assignee: 'role:head', due: { businessDays: 2 } }],
  },
  {
    code: 'studio-failure-analysed',
    name: 'The failure analysed: the project moves to "Failure analysis"',
    trigger: { type: 'task.completed', taskCode: 'studio-failure-analysis' },
    conditions: [{ field: 'stage', op: 'eq', value: 'failed' }],
    actions: [{ type: 'deal.move', stage: 'failure_analysis' }],
  },
];
