import { Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TPipe } from '../../core/i18n.service';
import type { TextKey } from '../../core/i18n.dictionaries';
import { SessionService } from '../../core/session.service';

interface Section {
  path: string;
  label: TextKey;
}

/** The administrator's settings: sections on the left, the open one on the right. */
@Component({
  selector: 'app-settings-page',
  imports: [RouterLink, RouterLinkActive, RouterOutlet, TPipe],
  template: `
    <h1 data-testid="page-title">{{ 'settings.title' | t }}</h1>
    @if (session.isAdmin()) {
      <div class="settings">
        <nav class="sections" [attr.aria-label]="'settings.title' | t">
          @for (group of groups(); track group.label) {
            <div class="group">{{ group.label | t }}</div>
            @for (s of group.sections; track s.path) {
              <a [routerLink]="s.path" routerLinkActive="active" [attr.data-testid]="'settings-nav-' + s.path">{{ s.label | t }}</a>
            }
          }
        </nav>
        <section class="section">
          <router-outlet />
        </section>
      </div>
    } @else {
      <p class="hint" data-testid="settings-admin-only">{{ 'settings.adminOnly' | t }}</p>
    }
  `,
  styles: `
    .settings { display: grid; grid-template-columns: 220px 1fr; gap: 24px; align-items: start; }
    .sections { display: flex; flex-direction: column; gap: 2px; position: sticky; top: 80px; }
    .group { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--mat-sys-on-surface-variant); margin: 12px 0 4px 12px; }
    .sections a { padding: 8px 12px; border-radius: 8px; color: inherit; text-decoration: none; }
    .sections a:hover { background: var(--mat-sys-surface-container-high); }
    .sections a.active { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); font-weight: 500; }
    .section { min-width: 0; }
    @media (max-width: 720px) { .settings { grid-template-columns: 1fr; } .sections { position: static; } }
  `,
})
export class SettingsPage {
  protected readonly session = inject(SessionService);

  protected readonly groups = computed(() => {
    const sandbox = this.session.me()?.portal?.sandbox ?? false;
    const groups: { label: TextKey; sections: Section[] }[] = [
      {
        label: 'settings.group.people',
        sections: [
          { path: 'users', label: 'settings.users' },
          { path: 'departments', label: 'settings.departments' },
          { path: 'absences', label: 'settings.absences' },
          { path: 'calendar', label: 'settings.calendar' },
        ],
      },
      {
        label: 'settings.group.crm',
        sections: [
          { path: 'pipelines', label: 'settings.pipelines' },
          { path: 'fields', label: 'settings.fields' },
        ],
      },
      {
        label: 'settings.group.automation',
        sections: [
          { path: 'automations', label: 'settings.automations' },
          { path: 'runs', label: 'settings.runs' },
          ...(sandbox ? [{ path: 'test-clock', label: 'settings.testClock' as TextKey }] : []),
        ],
      },
    ];
    return groups;
  });
}
