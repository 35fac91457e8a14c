import type { Route } from '@angular/router';
import { SettingsPage } from './settings.page';

/** /settings/…: one child page per section; each is loaded when first opened. */
export const settingsRoutes: Route[] = [
  {
    path: '',
    component: SettingsPage,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      { path: 'users', loadComponent: () => import('./people/users.page').then((m) => m.UsersPage) },
      { path: 'departments', loadComponent: () => import('./people/departments.page').then((m) => m.DepartmentsPage) },
      { path: 'absences', loadComponent: () => import('./people/absences.page').then((m) => m.AbsencesPage) },
      { path: 'calendar', loadComponent: () => import('./setup/calendar.page').then((m) => m.CalendarSettingsPage) },
      { path: 'pipelines', loadComponent: () => import('./setup/pipelines.page').then((m) => m.PipelinesSettingsPage) },
      { path: 'fields', loadComponent: () => import('./setup/fields.page').then((m) => m.FieldsSettingsPage) },
      { path: 'automations', loadComponent: () => import('./automation/automations.page').then((m) => m.AutomationsPage) },
      { path: 'runs', loadComponent: () => import('./automation/runs.page').then((m) => m.AutomationRunsPage) },
      { path: 'test-clock', loadComponent: () => import('./automation/test-clock.page').then((m) => m.TestClockPage) },
    ],
  },
];
