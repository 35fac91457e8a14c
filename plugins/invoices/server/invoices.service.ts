import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError, PluginDatabase, PluginServices, UnprocessableError, ValidationFailedError } from '@portal/plugin-sdk';
import { InvoicesContext } from './invoices-context';
import { Problems, body, decodeCursor, encodeCursor, isUuid, onlyKeys, parseLimit, queryParam } from './input';
import { DealItemsService } from './deal-items.service';
import { EntityRow, currencyOf, supplierSnapshot } from './legal-entities.service';
import { LineItem, parseLines } from './line-items';
import { amountInWords, calculateInvoiceTotals } from './money';
import { counterYear, formatNumber } from './requisites';
import { LANGUAGES, InvoiceLanguageCode } from './settings';
import { paymentPurposeFor, pdfViewOf } from './invoice-pdf';
import { renderInvoicePdf } from './pdf';

export const STATUSES = ['issued', 'sent', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof STATUSES)[number];

/** issued → sent → paid; issued | sent → cancelled; paid and cancelled are final. */
export const TRANSITIONS: Record<InvoiceStatus, InvoiceStatus[]> = { issued: ['sent', 'cancelled'], sent: ['paid', 'cancelled'], paid: [], cancelled: [] };

const MAX_KEY = 200;

export interface InvoiceRow {
  id: string;
  portal_id: string;
  legal_entity_id: string;
  deal_id: string | null;
  number: string;
  counter_year: number;
  seq: string;
  issue_date: string;
  issued_at: Date;
  status: InvoiceStatus;
  language: InvoiceLanguageCode;
  currency: 'UAH' | 'RUB';
  vat_payer: boolean;
  prices_include_vat: boolean;
  supplier: ReturnType<typeof supplierSnapshot>;
  buyer: Buyer;
  lines: FrozenLine[];
  vat_groups: { rate: string; subtotal: string; vat: string; total: string }[];
  subtotal: string;
  vat: string;
  total: string;
  amount_in_words: string;
  /** Rendered from the portal's template at issue, frozen. */
  payment_purpose: string;
  request_key: string | null;
  /** bigint: node-postgres returns it as a string. */
  created_seq: string;
  created_by: string | null;
  sent_at: Date | null;
  paid_at: Date | null;
  cancelled_at: Date | null;
  updated_at: Date;
}

export interface Buyer {
  kind: 'company' | 'contact';
  id: string;
  name: string;
  taxId: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
}

export interface FrozenLine extends LineItem {
  position: number;
  amount: string;
}

const COLUMNS = `*, to_char(issue_date, 'YYYY-MM-DD') AS issue_date, subtotal::text AS subtotal, vat::text AS vat, total::text AS total, seq::text AS seq`;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The API shape of an invoice. The supplier's logo stays out of JSON (`hasLogo`); the PDF has it. */
export function invoiceView(r: InvoiceRow) {
  const { logo, ...supplier } = r.supplier;
  return {
    id: r.id,
    number: r.number,
    dealId: r.deal_id,
    legalEntityId: r.legal_entity_id,
    status: r.status,
    issuedAt: iso(r.issued_at),
    issueDate: r.issue_date,
    language: r.language,
    currency: r.currency,
    subtotal: r.subtotal,
    vat: r.vat,
    total: r.total,
    vatPayer: r.vat_payer,
    pricesIncludeVat: r.prices_include_vat,
    vatGroups: r.vat_groups,
    items: r.lines,
    amountInWords: r.amount_in_words,
    supplier: { ...supplier, hasLogo: !!logo },
    buyer: r.buyer,
    pdfUrl: `/api/v1/invoices/${r.id}/pdf`,
    createdBy: r.created_by,
    sentAt: iso(r.sent_at),
    paidAt: iso(r.paid_at),
    cancelledAt: iso(r.cancelled_at),
    updatedAt: iso(r.updated_at),
  };
}

export type InvoiceView = ReturnType<typeof invoiceView>;

export interface IssueRequest {
  dealId: string;
  legalEntityId?: string;
  /** Given lines (validated); absent: the deal's items. */
  items?: LineItem[];
  language?: InvoiceLanguageCode;
  /** Namespaced idempotency key (`api:<key>`, `run:<run>:<action>`). */
  requestKey?: string;
}

/** Issuing, reading and moving invoices through their statuses. */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly db: PluginDatabase,
    private readonly ctx: InvoicesContext,
    private readonly items: DealItemsService,
    private readonly services: PluginServices,
  ) {}

  /** POST /deals/:id/invoices: reads the body, then issues. */
  async issueFromApi(dealId: string, raw: unknown, headerKey: string | undefined) {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['legalEntityId', 'items', 'language', 'requestId'], p);
    const legalEntityId = b['legalEntityId'];
    if (legalEntityId !== undefined && legalEntityId !== null && !isUuid(legalEntityId)) p.add('legalEntityId', 'must be a legal entity id (a UUID)');
    const items = b['items'] === undefined || b['items'] === null ? undefined : parseLines(b['items'], 'items', p);
    if (Array.isArray(b['items']) && b['items'].length === 0) p.add('items', 'must have at least one line (or be left out to bill the deal\'s items)');
    const language = b['language'];
    if (language !== undefined && language !== null && !(LANGUAGES as readonly unknown[]).includes(language)) p.add('language', `must be one of ${LANGUAGES.join(', ')}`);
    const requestId = b['requestId'];
    if (requestId !== undefined && requestId !== null && (typeof requestId !== 'string' || !requestId.trim() || requestId.length > MAX_KEY)) p.add('requestId', `must be a non-empty string of at most ${MAX_KEY} characters`);
    if (headerKey !== undefined && (!headerKey.trim() || headerKey.length > MAX_KEY)) p.add('Idempotency-Key', `must be a non-empty header of at most ${MAX_KEY} characters`);
    if (typeof requestId === 'string' && headerKey !== undefined && requestId !== headerKey) p.add('requestId', 'differs from the Idempotency-Key header: send one key');
    p.throwIfAny();
    const key = headerKey ?? (requestId as string | undefined);
    return this.issue({
      dealId,
      legalEntityId: (legalEntityId as string | null) ?? undefined,
      items,
      language: (language as InvoiceLanguageCode | null) ?? undefined,
      requestKey: key ? `api:${key}` : undefined,
    });
  }

  /**
   * Issues an invoice in one transaction: locks the idempotency key, takes the next number of the entity's
   * counter (the upsert locks the counter row until commit, so concurrent issues queue up and a failure rolls the
   * number back: gap-free and unique), freezes supplier, buyer, lines and totals, and notes it on the deal.
   */
  async issue(req: IssueRequest): Promise<{ invoice: InvoiceView; replayed: boolean }> {
    const facts = await this.ctx.portal();
    const portalId = facts.portalId;
    return this.db.transaction(async () => {
      if (req.requestKey) {
        await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`inv-req:${portalId}:${req.requestKey}`]);
        const [done] = await this.db.query<InvoiceRow>(`SELECT ${COLUMNS} FROM inv_invoices WHERE portal_id = $1 AND request_key = $2`, [portalId, req.requestKey]);
        if (done) {
          if (done.deal_id !== req.dealId) throw new ConflictError('idempotency_key_reused', 'This idempotency key was already used to issue an invoice for another deal', [{ invoiceId: done.id }]);
          return { invoice: invoiceView(done), replayed: true };
        }
      }
      const deal = await this.items.requireDeal(req.dealId);
      const entity = await this.entityFor(req.legalEntityId);

      const fromDeal = req.items === undefined;
      let lines = req.items ?? (await this.items.lines(deal.id));
      if (!lines.length) throw new UnprocessableError('no_items', "The deal has no line items: add them with PUT /deals/:id/items or pass items");
      // The deal's items are shared with VAT-paying entities; a non-VAT entity bills them without VAT.
      if (fromDeal && !entity.vat_payer) lines = lines.map((l) => ({ ...l, vatRate: null }));
      const totals = calculateInvoiceTotals(lines, { vatPayer: entity.vat_payer, vatRate: entity.vat_rate, pricesIncludeVat: entity.prices_include_vat });
      if (!totals.ok) {
        const where = fromDeal ? 'the deal\'s items: ' : '';
        throw new ValidationFailedError(
          totals.errors.map((e) => {
            const m = /^lines(\[\d+\])(?:\.(\w+))?/.exec(e);
            return { field: m ? `items${m[1]}${m[2] ? `.${m[2]}` : ''}` : 'items', message: where + e.replace(/^lines/, 'items') };
          }),
        );
      }
      const buyer = await this.buyerOf(deal.id, deal.company_id);
      const language: InvoiceLanguageCode = req.language ?? facts.settings.defaultLanguage ?? (entity.country === 'RU' ? 'ru' : 'uk');
      const currency = currencyOf(entity.country);
      const frozenLines: FrozenLine[] = lines.map((l, i) => ({
        position: i + 1,
        name: l.name,
        quantity: totals.value.lines[i].quantity,
        unit: l.unit,
        price: totals.value.lines[i].price,
        vatRate: totals.value.lines[i].vatRate,
        amount: totals.value.lines[i].amount,
      }));

      const year = counterYear(entity.number_pattern, facts.today);
      const [{ last_seq }] = await this.db.returning(
        `INSERT INTO inv_counters AS c (portal_id, legal_entity_id, year, last_seq) VALUES ($1, $2, $3, 1)
         ON CONFLICT (portal_id, legal_entity_id, year) DO UPDATE SET last_seq = c.last_seq + 1 RETURNING last_seq::text`,
        [portalId, entity.id, year],
      );
      const seq = Number(last_seq);
      const number = formatNumber(entity.number_pattern, { prefix: entity.prefix, date: facts.today, seq });
      const [clash] = await this.db.query(`SELECT id FROM inv_invoices WHERE portal_id = $1 AND legal_entity_id = $2 AND number = $3`, [portalId, entity.id, number]);
      if (clash) {
        throw new ConflictError('number_taken', `The entity's numbering pattern produced ${number}, which an earlier invoice already has: change the pattern or prefix`, [{ invoiceId: clash.id, number }]);
      }
      const [row] = await this.db.query<InvoiceRow>(
        `INSERT INTO inv_invoices (portal_id, legal_entity_id, deal_id, number, counter_year, seq, issue_date, issued_at, status, language, currency, vat_payer,
           prices_include_vat, supplier, buyer, lines, vat_groups, subtotal, vat, total, amount_in_words, request_key, created_by, payment_purpose, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, 'issued', $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16::jsonb, $17::numeric, $18::numeric, $19::numeric, $20, $21, $22, $23, $8)
         RETURNING ${COLUMNS}`,
        [
          portalId,
          entity.id,
          deal.id,
          number,
          year,
          seq,
          facts.today,
          facts.now,
          language,
          currency,
          entity.vat_payer,
          totals.value.pricesIncludeVat,
          JSON.stringify(supplierSnapshot(entity)),
          JSON.stringify(buyer),
          JSON.stringify(frozenLines),
          JSON.stringify(totals.value.vatGroups),
          totals.value.subtotal,
          totals.value.vat,
          totals.value.total,
          amountInWords(totals.value.total, currency, language),
          req.requestKey ?? null,
          this.ctx.userIdOrNull(),
          paymentPurposeFor(
            { number, issueDate: facts.today, currency, vatPayer: entity.vat_payer, vatGroups: totals.value.vatGroups, subtotal: totals.value.subtotal, vat: totals.value.vat, total: totals.value.total, supplierName: entity.name, buyerName: buyer.name },
            facts.settings.paymentPurposeTemplate[language],
            language,
          ),
        ],
      );
      await this.services.addDealTimeline(deal.id, 'invoice_issued', { invoiceId: row.id, number, total: row.total, currency, legalEntityId: entity.id, supplier: entity.name, buyer: buyer.name });
      return { invoice: invoiceView(row), replayed: false };
    });
  }

  private async entityFor(id: string | undefined): Promise<EntityRow> {
    const portalId = this.ctx.portalId();
    if (id === undefined) {
      const [def] = await this.db.query<EntityRow>(`SELECT * FROM inv_legal_entities WHERE portal_id = $1 AND is_default AND archived_at IS NULL`, [portalId]);
      if (!def) throw new UnprocessableError('no_legal_entity', 'The portal has no legal entity to issue from: an admin adds one with POST /legal-entities');
      return def;
    }
    const [e] = await this.db.query<EntityRow>(`SELECT * FROM inv_legal_entities WHERE portal_id = $1 AND id = $2`, [portalId, id]);
    if (!e) throw ValidationFailedError.field('legalEntityId', `legal entity ${id} does not exist in this portal`);
    if (e.archived_at) throw new UnprocessableError('entity_archived', `The legal entity «${e.name}» is archived: issue from another one`, [{ field: 'legalEntityId' }]);
    return e;
  }

  /** The deal's company; without one, its first contact. */
  private async buyerOf(dealId: string, companyId: string | null): Promise<Buyer> {
    const portalId = this.ctx.portalId();
    if (companyId) {
      const [c] = await this.db.query(`SELECT id, name, tax_id, address, emails, phones FROM companies WHERE portal_id = $1 AND id = $2`, [portalId, companyId]);
      if (c) return { kind: 'company', id: c.id, name: c.name, taxId: c.tax_id, address: c.address, email: c.emails?.[0] ?? null, phone: c.phones?.[0] ?? null };
    }
    const [p] = await this.db.query(
      `SELECT c.id, c.name, c.emails, c.phones FROM deal_contacts dc JOIN contacts c ON c.id = dc.contact_id AND c.portal_id = dc.portal_id
        WHERE dc.portal_id = $1 AND dc.deal_id = $2 ORDER BY dc.position, c.created_at, c.id LIMIT 1`,
      [portalId, dealId],
    );
    if (p) return { kind: 'contact', id: p.id, name: p.name, taxId: null, address: null, email: p.emails?.[0] ?? null, phone: p.phones?.[0] ?? null };
    throw new UnprocessableError('no_buyer', 'The deal has neither a company nor a contact to bill: link one to the deal first');
  }

  async row(id: string, lock = false): Promise<InvoiceRow> {
    const [row] = isUuid(id) ? await this.db.query<InvoiceRow>(`SELECT ${COLUMNS} FROM inv_invoices WHERE portal_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [this.ctx.portalId(), id]) : [];
    if (!row) throw new NotFoundError('Invoice', id);
    return row;
  }

  async get(id: string) {
    return invoiceView(await this.row(id));
  }

  /** The invoice as PDF bytes, drawn from its frozen copy. */
  async pdf(id: string): Promise<{ number: string; bytes: Buffer }> {
    const row = await this.row(id);
    return { number: row.number, bytes: await renderInvoicePdf(pdfViewOf(row)) };
  }

  async list(q: Record<string, unknown>, dealIdFromPath?: string) {
    const p = new Problems();
    const dealId = dealIdFromPath ?? queryParam(q['dealId']);
    if (dealId !== undefined && !isUuid(dealId)) p.add('dealId', 'must be a deal id (a UUID)');
    const status = queryParam(q['status']);
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) p.add('status', `must be one of ${STATUSES.join(', ')}`);
    const legalEntityId = queryParam(q['legalEntityId']);
    if (legalEntityId !== undefined && !isUuid(legalEntityId)) p.add('legalEntityId', 'must be a legal entity id (a UUID)');
    const limit = parseLimit(q['limit'], p);
    const cursor = decodeCursor(q['cursor'], p, (v) => v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && typeof v[1] === 'string' && /^\d{1,18}$/.test(v[1]));
    p.throwIfAny();
    if (dealIdFromPath) await this.items.requireDeal(dealIdFromPath);
    const rows = await this.db.query<InvoiceRow>(
      `SELECT ${COLUMNS} FROM inv_invoices
        WHERE portal_id = $1 AND ($2::uuid IS NULL OR deal_id = $2) AND ($3::text IS NULL OR status = $3) AND ($4::uuid IS NULL OR legal_entity_id = $4)
          AND ($5::timestamptz IS NULL OR (issued_at, created_seq) < ($5::timestamptz, $6::bigint))
        ORDER BY issued_at DESC, created_seq DESC LIMIT $7`,
      [this.ctx.portalId(), dealId ?? null, status ?? null, legalEntityId ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(invoiceView), nextCursor: more && last ? encodeCursor([new Date(last.issued_at).toISOString(), last.created_seq]) : null };
  }

  /** PATCH /invoices/:id {status}. Setting the status it already has is a no-op (a retried request). */
  async update(id: string, raw: unknown) {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['status'], p);
    const to = b['status'];
    if (to === undefined || to === null) p.add('status', `is required: one of ${['sent', 'paid', 'cancelled'].join(', ')}`);
    else if (!['sent', 'paid', 'cancelled'].includes(to as string)) p.add('status', 'must be one of sent, paid, cancelled');
    p.throwIfAny();
    return this.db.transaction(async () => invoiceView(await this.move(await this.row(id, true), to as InvoiceStatus)));
  }

  /** Moves a locked invoice to `to`, with its timestamp and a timeline entry on the deal. */
  async move(cur: InvoiceRow, to: InvoiceStatus, opts: { asAutomation?: boolean } = {}): Promise<InvoiceRow> {
    if (cur.status === to) return cur;
    if (!TRANSITIONS[cur.status].includes(to)) {
      const allowed = TRANSITIONS[cur.status];
      throw new UnprocessableError('invalid_transition', `An invoice that is ${cur.status} cannot become ${to}${allowed.length ? ` (it can become ${allowed.join(' or ')})` : ` (${cur.status} is final)`}`, [
        { from: cur.status, to, allowed },
      ]);
    }
    if ((to === 'paid' || to === 'cancelled') && !opts.asAutomation && !this.ctx.mayFinalize()) {
      const [deal] = cur.deal_id ? await this.db.query(`SELECT responsible_id FROM deals WHERE portal_id = $1 AND id = $2`, [cur.portal_id, cur.deal_id]) : [];
      if (!deal || deal.responsible_id !== this.ctx.userIdOrNull()) throw new ForbiddenError(`Only admins, heads, accountants and the deal's responsible can mark an invoice ${to}`);
    }
    const stamp = { sent: 'sent_at', paid: 'paid_at', cancelled: 'cancelled_at' }[to as 'sent' | 'paid' | 'cancelled'];
    const [row] = await this.db.returning<InvoiceRow>(
      `UPDATE inv_invoices SET status = $3, ${stamp} = $4, updated_at = clock_timestamp() WHERE portal_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [cur.portal_id, cur.id, to, this.ctx.now()],
    );
    if (cur.deal_id) await this.services.addDealTimeline(cur.deal_id, 'invoice_status_changed', { invoiceId: cur.id, number: cur.number, from: cur.status, to, total: cur.total, currency: cur.currency });
    return row;
  }

  /** The deal's latest invoice that can still be sent (issued or sent), locked; null when there is none. */
  async latestSendable(dealId: string): Promise<InvoiceRow | null> {
    const [row] = await this.db.query<InvoiceRow>(
      `SELECT ${COLUMNS} FROM inv_invoices WHERE portal_id = $1 AND deal_id = $2 AND status IN ('issued', 'sent') ORDER BY issued_at DESC, created_seq DESC LIMIT 1 FOR UPDATE`,
      [this.ctx.portalId(), dealId],
    );
    return row ?? null;
  }
}
