import { Component, ViewEncapsulation, computed, input } from '@angular/core';
import { renderMarkdown } from './markdown';

/**
 * Lesson material (Markdown) as safe HTML. Its styles are global but scoped by the `tr-material` class: the
 * rendered elements come through [innerHTML], which the component's emulated encapsulation does not reach.
 */
@Component({
  selector: 'tr-material',
  host: { class: 'tr-material' },
  encapsulation: ViewEncapsulation.None,
  template: `<div [innerHTML]="html()"></div>`,
  styles: `
    .tr-material { display: block; font-size: 15px; line-height: 1.6; overflow-wrap: anywhere; }
    .tr-material :is(h3, h4, h5, h6) { margin: 20px 0 8px; font-weight: 500; line-height: 1.3; }
    .tr-material > div > :first-child { margin-top: 0; }
    .tr-material h3 { font-size: 20px; }
    .tr-material h4 { font-size: 17px; }
    .tr-material :is(h5, h6) { font-size: 15px; }
    .tr-material :is(p, ul, ol, blockquote, pre, table) { margin: 0 0 12px; }
    .tr-material :is(ul, ol) { padding-left: 24px; }
    .tr-material li { margin: 3px 0; }
    .tr-material li > :is(ul, ol) { margin: 4px 0 0; }
    .tr-material blockquote { margin-left: 0; padding: 8px 14px; border-left: 4px solid var(--mat-sys-primary); border-radius: 0 8px 8px 0;
      background: var(--mat-sys-surface-container-low, #f5f5fa); color: var(--mat-sys-on-surface); }
    .tr-material blockquote > :last-child { margin-bottom: 0; }
    .tr-material code { font-family: ui-monospace, 'Liberation Mono', monospace; font-size: 13px; background: var(--mat-sys-surface-container, #eceef4); padding: 1px 5px; border-radius: 4px; }
    .tr-material pre { background: var(--mat-sys-surface-container, #eceef4); padding: 12px 14px; border-radius: 8px; overflow-x: auto; }
    .tr-material pre code { background: none; padding: 0; }
    .tr-material img { max-width: 100%; height: auto; border-radius: 8px; }
    .tr-material a { color: var(--mat-sys-primary); }
    .tr-material table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
    .tr-material th, .tr-material td { border: 1px solid var(--mat-sys-outline-variant); padding: 6px 12px; text-align: left; vertical-align: top; }
    .tr-material th { background: var(--mat-sys-surface-container-low, #f5f5fa); font-weight: 500; }
    .tr-material hr { border: 0; border-top: 1px solid var(--mat-sys-outline-variant); margin: 16px 0; }
  `,
})
export class TrMaterial {
  /** The author's Markdown. */
  readonly markdown = input<string | null | undefined>('');
  protected readonly html = computed(() => renderMarkdown(this.markdown()));
}
