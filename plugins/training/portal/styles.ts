/** The look every training screen shares, in the shell's visual language (Material tokens, 12px cards). */
export const SHARED_STYLES = `
  :host { display: block; }
  h2 { margin: 0 0 4px; font-size: 24px; font-weight: 400; line-height: 1.3; }
  h3 { margin: 0 0 8px; font-size: 16px; font-weight: 500; }
  p { margin: 0 0 8px; }
  .muted { color: var(--mat-sys-on-surface-variant); }
  .small { font-size: 13px; }
  .panel { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 16px; background: var(--mat-sys-surface); }
  .field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
  .label { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
  .check { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
  input:not([type='checkbox']):not([type='radio']), select, textarea {
    font: inherit; font-size: 14px; padding: 7px 8px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 6px;
    background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); min-width: 0; box-sizing: border-box;
  }
  input:focus, select:focus, textarea:focus { outline: 2px solid var(--mat-sys-primary); outline-offset: -1px; border-color: transparent; }
  textarea { resize: vertical; line-height: 1.45; }
  .invalid { border-color: var(--mat-sys-error) !important; outline-color: var(--mat-sys-error) !important; }
  .field-error { margin: 2px 0 0; font-size: 12px; color: var(--mat-sys-error); }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  .spacer { flex: 1; }
  .chip { display: inline-flex; align-items: center; gap: 4px; padding: 2px 10px; border-radius: 12px; font-size: 12px; line-height: 18px; white-space: nowrap;
    background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface-variant); }
  .chip.ok { background: #d7f5dd; color: #0f5223; }
  .chip.bad { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  .chip.warn { background: #fff1d6; color: #6b4a00; }
  .chip.info { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
  .bar { height: 6px; border-radius: 3px; background: var(--mat-sys-surface-container-highest, #e2e2e9); overflow: hidden; }
  .bar > span { display: block; height: 100%; border-radius: 3px; background: var(--mat-sys-primary); transition: width .3s; }
  .bar.done > span { background: #2e7d32; }
  .bar.late > span { background: var(--mat-sys-error); }
  .empty { padding: 32px 24px; text-align: center; color: var(--mat-sys-on-surface-variant); border: 1px dashed var(--mat-sys-outline-variant); border-radius: 12px; }
  .empty p { margin: 0 0 12px; }
  .back { display: inline-flex; align-items: center; gap: 4px; color: var(--mat-sys-primary); text-decoration: none; font-size: 14px; margin-bottom: 12px; }
  .back:hover { text-decoration: underline; }
  .danger { --mat-button-text-label-text-color: var(--mat-sys-error); --mat-button-filled-container-color: var(--mat-sys-error);
    --mat-button-filled-label-text-color: var(--mat-sys-on-error); --mat-button-outlined-label-text-color: var(--mat-sys-error); }
  button .tr-icon + span, a .tr-icon + span { margin-left: 4px; }
  button span + .tr-icon, a span + .tr-icon { margin-left: 4px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
