export const BUILT_IN_ROLES = ['admin', 'head', 'manager', 'accountant', 'employee', 'trainee'] as const;
export type Role = (typeof BUILT_IN_ROLES)[number];
