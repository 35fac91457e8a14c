import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-departments-page',
  template: '',
})
export class DepartmentsPage {}
