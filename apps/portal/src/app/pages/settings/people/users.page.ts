import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-users-page',
  template: '',
})
export class UsersPage {}
