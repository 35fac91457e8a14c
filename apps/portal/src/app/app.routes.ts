import { Route } from '@angular/router';
import { PluginRoutePage, pluginRouteMatch } from '@portal/portal-kit';
import { authGuard, homeRedirect } from './core/auth.guard';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: homeRedirect },
  { path: 'login', loadComponent: () => import('./pages/auth/login.page').then((m) => m.LoginPage) },
  { path: 'signup', loadComponent: () => import('./pages/auth/signup.page').then((m) => m.SignupPage) },
  {
    path: 'marketplace',
    canActivate: [authGuard],
    loadComponent: () => import('./pages/marketplace/marketplace.page').then((m) => m.MarketplacePage),
  },
  {
    path: 'deals',
    canActivate: [authGuard],
    loadComponent: () => import('./pages/deals/kanban.page').then((m) => m.KanbanPage),
  },
  {
    path: 'deals/:id',
    canActivate: [authGuard],
    loadComponent: () => import('./pages/deals/deal-card.page').then((m) => m.DealCardPage),
  },
  {
    path: 'tasks',
    canActivate: [authGuard],
    loadComponent: () => import('./pages/tasks/my-tasks.page').then((m) => m.MyTasksPage),
  },
  {
    path: 'settings',
    canActivate: [authGuard],
    loadChildren: () => import('./pages/settings/settings.routes').then((m) => m.settingsRoutes),
  },
  {
    path: 'dashboard',
    canActivate: [authGuard],
    loadComponent: () => import('./pages/dashboard/dashboard.page').then((m) => m.DashboardPage),
  },
  // Routes of installed plugins (libs/portal-kit's registry decides); anything else goes home.
  {
    path: '**',
    canMatch: [pluginRouteMatch],
    canActivate: [authGuard],
    component: PluginRoutePage,
  },
  { path: '**', redirectTo: homeRedirect },
];
