import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-automations-page',
  template: '',
})
export class AutomationsPage {}
