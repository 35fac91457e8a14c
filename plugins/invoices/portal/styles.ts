/**
 * The look the invoices screens share, in the shell's Material 3 colours (its CSS variables): pill buttons like
 * mat-flat/stroked buttons, outlined inputs like the deal card's, status chips, and messages.
 */
export const SHARED_STYLES = `
  :host { display: block; }
  .muted { color: var(--mat-sys-on-surface-variant); }
  .small { font-size: 12px; }
  .btn {
    font: inherit; font-size: 14px; font-weight: 500; line-height: 20px; padding: 7px 16px; border-radius: 18px;
    border: 1px solid var(--mat-sys-outline); background: transparent; color: var(--mat-sys-primary); cursor: pointer;
    display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; text-decoration: none;
  }
  .btn:hover:not(:disabled) { background: color-mix(in srgb, var(--mat-sys-primary) 8%, transparent); }
  .btn.primary { background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); border-color: var(--mat-sys-primary); }
  .btn.primary:hover:not(:disabled) { background: color-mix(in srgb, var(--mat-sys-primary) 88%, black); }
  .btn.text { border-color: transparent; padding: 7px 10px; }
  .btn.danger { color: var(--mat-sys-error); }
  .btn.small { font-size: 13px; padding: 4px 12px; line-height: 18px; }
  .btn:disabled { opacity: 0.55; cursor: default; }
  .btn:focus-visible, .icon-btn:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
  .icon-btn {
    font: inherit; width: 32px; height: 32px; border-radius: 50%; border: none; background: transparent; cursor: pointer;
    color: var(--mat-sys-on-surface-variant); font-size: 18px; line-height: 32px; padding: 0; flex: none;
  }
  .icon-btn:hover:not(:disabled) { background: var(--mat-sys-surface-container-high, #e9e7ec); color: var(--mat-sys-error); }
  input:not([type='checkbox']):not([type='radio']):not([type='file']), select, textarea {
    font: inherit; font-size: 14px; padding: 7px 8px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px;
    background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); min-width: 0; box-sizing: border-box;
  }
  input:focus, select:focus, textarea:focus { outline: 2px solid var(--mat-sys-primary); outline-offset: -1px; }
  .invalid, input.invalid, select.invalid, textarea.invalid { border-color: var(--mat-sys-error) !important; }
  .field-error { color: var(--mat-sys-error); font-size: 12px; margin: 2px 0 0; overflow-wrap: anywhere; }
  .msg { margin: 0; padding: 10px 14px; border-radius: 8px; font-size: 14px; overflow-wrap: anywhere; }
  .msg.error { background: var(--mat-sys-error-container, #ffdad6); color: var(--mat-sys-on-error-container, #410002); }
  .msg.info { background: var(--mat-sys-surface-container-low, #f3f3f8); color: var(--mat-sys-on-surface); }
  .msg.ok { background: #e3f4e6; color: #1e5b2f; }
  .msg a { color: inherit; font-weight: 500; }
  .msg .title { font-weight: 500; display: block; margin-bottom: 2px; }
  .chip { display: inline-block; font-size: 12px; font-weight: 500; padding: 2px 10px; border-radius: 10px; white-space: nowrap; line-height: 18px; }
  .chip.issued { background: var(--mat-sys-secondary-container, #dae2ff); color: var(--mat-sys-on-secondary-container, #001a41); }
  .chip.sent { background: #fff1d6; color: #6b4a00; }
  .chip.paid { background: #dff3e4; color: #1e5b2f; }
  .chip.cancelled { background: var(--mat-sys-surface-container-high, #e9e7ec); color: var(--mat-sys-on-surface-variant); text-decoration: line-through; }
  .chip.default { background: var(--mat-sys-primary-container, #d7e3ff); color: var(--mat-sys-on-primary-container, #001b3e); }
  .chip.archived { background: var(--mat-sys-surface-container-high, #e9e7ec); color: var(--mat-sys-on-surface-variant); }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .confirm { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 4px 8px; border-radius: 8px; background: var(--mat-sys-error-container, #ffdad6); color: var(--mat-sys-on-error-container, #410002); font-size: 13px; }
`;
