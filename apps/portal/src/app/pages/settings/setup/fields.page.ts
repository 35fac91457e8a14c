import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-fields-settings-page',
  template: '',
})
export class FieldsSettingsPage {}
