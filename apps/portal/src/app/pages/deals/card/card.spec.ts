import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ApiService } from '../../../core/api.service';
import { I18nService } from '../../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../../testing/fake-fetch';
import type { FakeCall } from '../../../testing/fake-fetch';
import type { Deal, FieldDef, User } from '../deals.types';
import { DealFieldEditor } from './deal-field-editor';
import { DealFiles } from './deal-files';
import { DealParties, telHref } from './deal-parties';

jest.setTimeout(30_000);

const DEAL: Deal = {
  id: 'd1',
  title: 'Campaign',
  pipeline: { id: 'p', code: 'p' },
  stage: { id: 's', code: 's', kind: 'open' },
  budget: '1500.00',
  currency: 'UAH',
  responsibleId: 'u1',
  fields: { brief: 'Coffee', bloggers: [{ name: '@a', reach: 5 }] },
  tags: ['A'],
  contactIds: ['c1'],
  companyId: null,
  createdAt: '',
  updatedAt: '',
};

const DEFS: FieldDef[] = [
  { code: 'brief', name: 'Brief', type: 'text' },
  {
    code: 'bloggers',
    name: 'Bloggers',
    type: 'group',
    repeatable: true,
    fields: [
      { code: 'name', name: 'Blogger', type: 'string' },
      { code: 'reach', name: 'Reach', type: 'number' },
    ],
  },
];
const USERS: User[] = [
  { id: 'u1', name: 'Ivan' },
  { id: 'u2', name: 'Olena' },
];

@Component({
  imports: [DealFieldEditor, DealParties, DealFiles],
  template: `
    @if (which === 'editor') {
      <app-deal-field-editor [deal]="deal()" [defs]="defs" [users]="users" (saved)="savedDeal = $event" (cancelled)="cancelled = true" />
    } @else if (which === 'parties') {
      <app-deal-parties [deal]="deal()" (changed)="deal.set($event)" />
    } @else {
      <app-deal-files dealId="d1" [users]="users" (uploaded)="uploads = uploads + 1" />
    }
  `,
})
class Host {
  which: 'editor' | 'parties' | 'files' = 'editor';
  readonly deal = signal<Deal>(DEAL);
  defs = DEFS;
  users = USERS;
  savedDeal: Deal | null = null;
  cancelled = false;
  uploads = 0;
}

async function render(which: Host['which'], routes: Parameters<typeof fakeFetch>[0]) {
  localStorage.clear();
  const fake = fakeFetch(routes);
  (globalThis as { fetch: unknown }).fetch = fake.fetch;
  TestBed.configureTestingModule({ imports: [Host], providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }] });
  TestBed.inject(I18nService).choose('en');
  TestBed.inject(ApiService).setToken('tok');
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.which = which;
  const step = async () => {
    fixture.detectChanges();
    await settle(10);
    await fixture.whenStable();
    fixture.detectChanges();
  };
  await step();
  return { root: fixture.nativeElement as HTMLElement, host: fixture.componentInstance, fake, step };
}

describe('DealFieldEditor', () => {
  it('PATCHes only what changed, with a second row of a repeatable group', async () => {
    let answer: { status?: number; body?: unknown } = { body: { ...DEAL, budget: '2000.00' } };
    const { root, host, fake, step } = await render('editor', { 'PATCH /deals/d1': () => answer });
    fill(root, 'edit-budget', '2000');
    byTestId(root, 'edit-group-add-bloggers')!.click();
    await step();
    fill(root, 'edit-field-bloggers-1-name', '@kyiv_food');
    fill(root, 'edit-field-bloggers-1-reach', '12x');
    const tags = byTestId(root, 'edit-tags-input') as HTMLInputElement;
    tags.value = 'VIP';
    tags.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await step();
    expect(byTestId(root, 'edit-tag-VIP')).not.toBeNull();

    answer = { status: 400, body: { error: 'validation_failed', message: 'bad', details: [{ field: 'fields.bloggers[1].reach', message: 'must be a number' }] } };
    byTestId(root, 'edit-save')!.click();
    await step();
    expect(fake.calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      budget: '2000',
      tags: ['A', 'VIP'],
      fields: { bloggers: [{ name: '@a', reach: 5 }, { name: '@kyiv_food', reach: '12x' }] },
    });
    expect(byTestId(root, 'edit-field-bloggers-1-reach-error')?.textContent).toBe('Enter a number.');
    expect(byTestId(root, 'edit-error')?.textContent).toContain('Check the highlighted fields.');
    expect(host.savedDeal).toBeNull();

    fill(root, 'edit-field-bloggers-1-reach', '120000');
    await step();
    expect(byTestId(root, 'edit-field-bloggers-1-reach-error')).toBeNull();
    answer = { body: { ...DEAL, budget: '2000.00' } };
    byTestId(root, 'edit-save')!.click();
    await step();
    expect((fake.calls.filter((c) => c.method === 'PATCH').pop()?.body as { fields: unknown }).fields).toEqual({
      bloggers: [{ name: '@a', reach: 5 }, { name: '@kyiv_food', reach: 120000 }],
    });
    expect(host.savedDeal?.budget).toBe('2000.00');
  });

  it('sends nothing when nothing changed, and says a stage rule in words', async () => {
    const { root, host, fake, step } = await render('editor', {
      'PATCH /deals/d1': () => ({ status: 422, body: { error: 'stage_rules_unmet', message: 'x', details: [{ rule: 'requiredField', field: 'brief' }] } }),
    });
    byTestId(root, 'edit-save')!.click();
    await step();
    expect(fake.calls.length).toBe(0);
    expect(host.cancelled).toBe(true);

    fill(root, 'edit-field-brief', '');
    byTestId(root, 'edit-save')!.click();
    await step();
    expect(fake.calls[0].body).toEqual({ fields: { brief: null } });
    expect(byTestId(root, 'edit-error')?.textContent).toContain('The stage of the deal needs these fields filled in: Brief.');
  });

  it('asks for a title before sending', async () => {
    const { root, fake, step } = await render('editor', {});
    fill(root, 'edit-title', '  ');
    byTestId(root, 'edit-save')!.click();
    await step();
    expect(fake.calls.length).toBe(0);
    expect(byTestId(root, 'edit-error-title')?.textContent).toContain('The deal needs a title.');
  });
});

describe('DealParties', () => {
  const contact = { id: 'c1', name: 'Petro', position: 'CEO', phones: ['+380671234567'], emails: ['p@x.ua'] };
  const acme = { id: 'co1', name: 'Acme', taxId: '12345678', phones: ['+380441234567'], emails: ['info@acme.ua'] };

  it('shows the contacts with tel:/mailto: links; creates a company, offers the duplicate, links the existing one', async () => {
    let posts = 0;
    const { root, fake, step } = await render('parties', {
      'GET /contacts/c1': () => ({ body: contact }),
      'GET /companies?limit=10*': () => ({ body: { items: [], nextCursor: null } }),
      'GET /companies/co1': () => ({ body: acme }),
      'POST /companies': () => {
        posts++;
        return { status: 409, body: { error: 'duplicate', message: 'A company with tax id 12345678 already exists', details: [{ id: 'co1', entity: 'company', match: 'taxId', value: '12345678', name: 'Acme' }] } };
      },
      'PATCH /deals/d1': (c: FakeCall) => ({ body: { ...DEAL, ...(c.body as object) } }),
    });
    expect(byTestId(root, 'contact-c1')?.textContent).toContain('Petro');
    expect(root.querySelector('[data-testid="contact-phone"]')?.getAttribute('href')).toBe('tel:+380671234567');
    expect(root.querySelector('[data-testid="contact-email"]')?.getAttribute('href')).toBe('mailto:p@x.ua');

    byTestId(root, 'company-link')!.click();
    await step();
    fill(root, 'picker-search', '12345678');
    await new Promise((r) => setTimeout(r, 300));
    await step();
    expect(fake.calls.some((c) => c.url.includes('/companies?limit=10&q=12345678'))).toBe(true);
    byTestId(root, 'picker-create')!.click();
    await step();
    expect((byTestId(root, 'create-extra') as HTMLInputElement).value).toBe('12345678');
    fill(root, 'create-name', 'Acme LLC');
    byTestId(root, 'create-submit')!.click();
    await step();
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Acme LLC', taxId: '12345678' });
    expect(byTestId(root, 'duplicate')?.textContent).toContain('Acme');
    expect(byTestId(root, 'duplicate')?.textContent).toContain('same tax id: 12345678');

    byTestId(root, 'dup-link-co1')!.click();
    await step();
    expect(posts).toBe(1);
    expect(fake.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ companyId: 'co1' });
    expect(byTestId(root, 'company-name')?.textContent).toBe('Acme');
    expect(byTestId(root, 'company-phone-0')?.getAttribute('href')).toBe('tel:+380441234567');
  });

  it('creates anyway with ?allowDuplicate=true and links the new contact; unlinks one', async () => {
    const { root, fake, step } = await render('parties', {
      'GET /contacts/c1': () => ({ body: contact }),
      'GET /contacts?limit=10*': () => ({ body: { items: [contact], nextCursor: null } }),
      'POST /contacts': () => ({ status: 409, body: { error: 'duplicate', message: 'dup', details: [{ id: 'c1', match: 'phone', value: '+380671234567', name: 'Petro' }] } }),
      'POST /contacts?allowDuplicate=true': () => ({ status: 201, body: { id: 'c2', name: 'Petro Jr', phones: ['+380671234567'], emails: [] } }),
      'PATCH /deals/d1': (c: FakeCall) => ({ body: { ...DEAL, ...(c.body as object) } }),
    });
    byTestId(root, 'contact-add')!.click();
    await step();
    // the linked one is not offered again
    expect(byTestId(root, 'picker-result-c1')).toBeNull();
    byTestId(root, 'picker-create')!.click();
    await step();
    fill(root, 'create-name', 'Petro Jr');
    fill(root, 'create-phone', '067 123 45 67');
    byTestId(root, 'create-submit')!.click();
    await step();
    byTestId(root, 'dup-create-anyway')!.click();
    await step();
    expect(fake.calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/v1/contacts', '/api/v1/contacts?allowDuplicate=true']);
    expect(fake.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ contactIds: ['c1', 'c2'] });
    expect(byTestId(root, 'contact-c2')?.textContent).toContain('Petro Jr');

    byTestId(root, 'contact-unlink-c1')!.click();
    await step();
    expect(fake.calls.filter((c) => c.method === 'PATCH').pop()?.body).toEqual({ contactIds: ['c2'] });
    expect(byTestId(root, 'contact-c1')).toBeNull();
  });

  it('makes a tel: link of a phone as typed', () => {
    expect(telHref('+38 (067) 123-45-67')).toBe('tel:+380671234567');
  });
});

describe('DealFiles', () => {
  class FakeXhr {
    static next: { status: number; body: unknown } = { status: 201, body: {} };
    static sent: { url: string; headers: Record<string, string>; body: FormData }[] = [];
    status = 0;
    statusText = '';
    responseText = '';
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = '';
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(k: string, v: string) {
      this.headers[k] = v;
    }
    send(body: FormData) {
      FakeXhr.sent.push({ url: this.url, headers: this.headers, body });
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
        this.status = FakeXhr.next.status;
        this.responseText = JSON.stringify(FakeXhr.next.body);
        this.onload?.();
      });
    }
  }

  beforeEach(() => {
    FakeXhr.sent = [];
    (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeXhr;
  });

  it('lists the files with sizes in words and uploads one (multipart `file`, bearer token)', async () => {
    let files = [{ id: 'f1', name: 'brief.pdf', size: 1_500_000, mime: 'application/pdf', dealId: 'd1', uploadedBy: 'u2', createdAt: '2026-12-01T10:00:00Z' }];
    const { root, host, step } = await render('files', { 'GET /deals/d1/files*': () => ({ body: { items: files, nextCursor: null } }) });
    expect(byTestId(root, 'file-f1')?.textContent).toContain('brief.pdf');
    expect(byTestId(root, 'file-f1')?.textContent).toContain('1.5 MB · Olena');

    FakeXhr.next = { status: 201, body: { id: 'f2', name: 'offer.docx', size: 2048 } };
    files = [{ ...files[0], id: 'f2', name: 'offer.docx', size: 2048 }, ...files];
    const input = byTestId(root, 'file-input') as HTMLInputElement;
    const file = new File(['x'.repeat(2048)], 'offer.docx');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await step();
    expect(FakeXhr.sent[0].url).toBe('/api/v1/deals/d1/files');
    expect(FakeXhr.sent[0].headers['Authorization']).toBe('Bearer tok');
    expect((FakeXhr.sent[0].body.get('file') as File).name).toBe('offer.docx');
    expect(host.uploads).toBe(1);
    expect(byTestId(root, 'file-f2')?.textContent).toContain('2 kB');
  });

  it('says a 413 and a 400 in words', async () => {
    const { root, host, step } = await render('files', { 'GET /deals/d1/files*': () => ({ body: { items: [], nextCursor: null } }) });
    expect(byTestId(root, 'no-files')).not.toBeNull();
    FakeXhr.next = { status: 413, body: { error: 'payload_too_large', message: 'The file is larger than 25 MB', details: [{ field: 'file', message: 'at most 26214400 bytes' }] } };
    const input = byTestId(root, 'file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'huge.mov')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await step();
    expect(byTestId(root, 'file-error')?.textContent).toContain('“huge.mov” is too large: files up to 25 MB can be attached.');
    FakeXhr.next = { status: 400, body: { error: 'validation_failed', message: 'bad', details: [{ field: 'file', message: 'send exactly one file' }] } };
    input.dispatchEvent(new Event('change'));
    await step();
    expect(root.querySelectorAll('[data-testid="file-error"]')[1]?.textContent).toContain('“huge.mov” was not accepted: send exactly one file');
    expect(host.uploads).toBe(0);
  });
});
