import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import { ApiService } from '../../../core/api.service';
import { I18nService } from '../../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../../testing/fake-fetch';
import { FieldsSettingsPage } from './fields.page';

const BRIEF = { id: 'f1', entity: 'deal', code: 'brief', name: 'Brief', type: 'text', required: false };

jest.setTimeout(30_000);

describe('FieldsSettingsPage', () => {
  async function render() {
    localStorage.clear();
    const fake = fakeFetch({
      'GET /fields': () => ({ body: [BRIEF, { id: 'f2', entity: 'contact', code: 'source', name: 'Source', type: 'enum', options: ['Ads'], required: false }] }),
      'POST /fields': (c) => ({ status: 201, body: { id: 'f9', required: false, ...(c.body as object) } }),
      'GET /pipelines?archived=true': () => ({ body: [{ id: 'p', code: 'sales', name: 'Sales', stages: [{ id: 's', code: 'brief', name: 'Brief stage', position: 0, kind: 'open', rules: { requiredFields: ['brief'], noOpenTasks: false } }] }] }),
      'DELETE /fields/f1': () => ({ status: 204 }),
    });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [FieldsSettingsPage],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    const fixture = TestBed.createComponent(FieldsSettingsPage);
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    await step();
    return { root: fixture.nativeElement as HTMLElement, fake, step, overlay: TestBed.inject(OverlayContainer).getContainerElement() };
  }

  it('lists the fields of the chosen entity', async () => {
    const { root, step } = await render();
    expect(byTestId(root, 'field-row-brief')).not.toBeNull();
    expect(byTestId(root, 'field-row-source')).toBeNull();
    (byTestId(root, 'fields-tab-contact') as HTMLButtonElement).click();
    await step();
    expect(byTestId(root, 'field-row-source')?.textContent).toContain('Ads');
    (byTestId(root, 'fields-tab-company') as HTMLButtonElement).click();
    await step();
    expect(byTestId(root, 'fields-empty')).not.toBeNull();
  });

  it('asks a list for its options before sending', async () => {
    const { root, fake, step } = await render();
    (byTestId(root, 'field-new') as HTMLButtonElement).click();
    await step();
    fill(root, 'field-name', 'Source');
    fill(root, 'field-type', 'enum');
    await step();
    expect(byTestId(root, 'field-option-0')).not.toBeNull();
    (byTestId(root, 'field-save') as HTMLButtonElement).click();
    await step();
    expect(root.textContent).toContain('Enter the option or remove it.');
    expect(fake.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('creates a repeatable group with its member fields', async () => {
    const { root, fake, step } = await render();
    (byTestId(root, 'field-new') as HTMLButtonElement).click();
    await step();
    fill(root, 'field-name', 'Bloggers');
    fill(root, 'field-type', 'group');
    await step();
    (byTestId(root, 'field-repeatable') as HTMLInputElement).click();
    fill(root, 'member-name-0', 'Name');
    (byTestId(root, 'member-add') as HTMLButtonElement).click();
    await step();
    fill(root, 'member-name-1', 'Reach');
    fill(root, 'member-type-1', 'number');
    await step();
    (byTestId(root, 'field-save') as HTMLButtonElement).click();
    await step();
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({
      entity: 'deal',
      code: 'bloggers',
      name: 'Bloggers',
      type: 'group',
      required: false,
      repeatable: true,
      fields: [
        { code: 'name', name: 'Name', type: 'string', required: false },
        { code: 'reach', name: 'Reach', type: 'number', required: false },
      ],
    });
    expect(byTestId(root, 'field-form')).toBeNull();
    expect(byTestId(root, 'field-row-bloggers')).not.toBeNull();
  });

  it('says which stage rules lose a deleted field, then deletes it', async () => {
    const { root, fake, step, overlay } = await render();
    (byTestId(root, 'field-delete-brief') as HTMLButtonElement).click();
    await step();
    expect(byTestId(overlay, 'confirm-items')?.textContent).toContain('pipeline “Sales”, stage “Brief stage”');
    (byTestId(overlay, 'confirm-ok') as HTMLButtonElement).click();
    await step();
    expect(fake.calls.some((c) => c.method === 'DELETE' && c.url.endsWith('/fields/f1'))).toBe(true);
    expect(byTestId(root, 'field-row-brief')).toBeNull();
  });
});
