export * from './assignment.types';
export { AssignmentStrategies } from './assignment-strategies';
export type { StrategyDecision } from './assignment-strategies';
