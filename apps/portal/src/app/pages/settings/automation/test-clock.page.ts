import { Component } from '@angular/core';

/** Placeholder until the page is built. */
@Component({
  selector: 'app-test-clock-page',
  template: '',
})
export class TestClockPage {}
