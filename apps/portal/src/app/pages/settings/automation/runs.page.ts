import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-automation-runs-page',
  template: '',
})
export class AutomationRunsPage {}
