import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-absences-page',
  template: '',
})
export class AbsencesPage {}
