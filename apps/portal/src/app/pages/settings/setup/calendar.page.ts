import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-calendar-settings-page',
  template: '',
})
export class CalendarSettingsPage {}
