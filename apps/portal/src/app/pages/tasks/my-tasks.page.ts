import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-my-tasks-page',
  template: '',
})
export class MyTasksPage {}
