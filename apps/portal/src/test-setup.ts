import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true
});

// jsdom has no scrolling: pages that scroll to the top after a step would log "not implemented".
window.scrollTo = () => undefined;
Element.prototype.scrollIntoView = () => undefined;
