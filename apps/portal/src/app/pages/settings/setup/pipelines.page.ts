import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-pipelines-settings-page',
  template: '',
})
export class PipelinesSettingsPage {}
