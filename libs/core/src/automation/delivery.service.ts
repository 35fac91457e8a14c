import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { Db } from '../database/db';
import { ChannelProvidersRegistry } from '../extensions/channel-providers.registry';
import { PLUGIN_CHANNEL_KIND } from '../extensions/plugin-channels';
import { PluginInstallations } from '../marketplace/plugin-installations';
import { WORKER } from './worker-id';
import { DeliveryError, EMAIL_SENDER, SMS_SENDER, callWebhook } from '../messaging';
import type { EmailAttachment, EmailSender, SmsSender } from '../messaging';

const MAX_ATTEMPTS: Record<string, number> = { email: 3, sms: 3, webhook: 5, [PLUGIN_CHANNEL_KIND]: 3 };
const BACKOFF_MS = 1000;

interface DeliveryRow {
  id: string;
  portal_id: string;
  run_id: string;
  kind: 'email' | 'sms' | 'webhook' | typeof PLUGIN_CHANNEL_KIND;
  idempotency_key: string;
  payload: Record<string, any>;
  attempts: number;
}

/**
 * Delivers the external side effects runs queue: at most once each. A delivery is claimed (`sending`, with
 * a lease) in its own commit before anything leaves the process, so a second worker or a retry never sends
 * it again; an answer that says "failed" is retried with exponential backoff; a worker that died while
 * sending leaves the outcome unknown, and the sweeper marks it failed rather than risk a duplicate.
 * Receivers get the idempotency key (Message-ID, Idempotency-Key header) to de-duplicate on their side too.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('AutomationDelivery');

  constructor(
    private readonly db: Db,
    @Inject(EMAIL_SENDER) private readonly email: EmailSender,
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelProvidersRegistry,
    private readonly installations: PluginInstallations,
  ) {}

  async deliverMany(ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.deliver(id)));
  }

  async deliver(id: string): Promise<void> {
    const [row] = await this.db.returning<DeliveryRow>(
      `UPDATE automation_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = clock_timestamp() + make_interval(secs => $2), worker = $3
        WHERE id = $1 AND status = 'pending' AND next_attempt_at <= clock_timestamp() RETURNING *`,
      [id, this.config.automationLeaseSeconds, WORKER],
      true,
    );
    if (!row) return;
    try {
      const externalId = await this.send(row);
      await this.db.dataSource.query(`UPDATE automation_deliveries SET status = 'sent', sent_at = clock_timestamp(), external_id = $2, error = NULL WHERE id = $1`, [id, externalId]);
    } catch (err) {
      const message = (err as Error).message.slice(0, 2000);
      const final = (err instanceof DeliveryError && err.permanent) || row.attempts >= (MAX_ATTEMPTS[row.kind] ?? 3);
      await this.db.dataSource.query(
        `UPDATE automation_deliveries SET status = $2, error = $3, next_attempt_at = clock_timestamp() + ($4 || ' milliseconds')::interval WHERE id = $1`,
        [id, final ? 'failed' : 'pending', message, String(BACKOFF_MS * 2 ** (row.attempts - 1))],
      );
      if (final) await this.failRun(row, `${row.kind} not delivered after ${row.attempts} attempts: ${message}`);
      else this.logger.warn(`${row.kind} delivery ${id} failed (attempt ${row.attempts}), retrying: ${message}`);
    }
  }

  /** Deliveries whose retry is due, for the sweeper. */
  async dueIds(portalId?: string): Promise<string[]> {
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `SELECT id FROM automation_deliveries WHERE status = 'pending' AND next_attempt_at <= clock_timestamp() AND ($1::uuid IS NULL OR portal_id = $1) ORDER BY next_attempt_at LIMIT 500`,
      [portalId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** Deliveries whose worker died mid-send: the outcome is unknown, so they are not sent again. */
  async expireInterrupted(): Promise<void> {
    const rows = await this.db.returning<DeliveryRow>(
      `UPDATE automation_deliveries SET status = 'unknown', error = 'the worker stopped while sending; not sent again so the recipient never gets it twice'
        WHERE status = 'sending' AND lease_until < clock_timestamp() RETURNING *`,
      [],
      true,
    );
    for (const row of rows) await this.failRun(row, `${row.kind}: the worker stopped while sending; not sent again to avoid a duplicate`);
  }

  private async send(row: DeliveryRow): Promise<string | null> {
    const p = row.payload;
    switch (row.kind) {
      case 'email':
        return (await this.email.send({ to: p['to'], subject: p['subject'], text: p['text'], html: p['html'], attachments: attachmentsOf(p), idempotencyKey: row.idempotency_key })).messageId;
      case 'sms':
        return (await this.sms.send({ to: p['to'], text: p['text'], idempotencyKey: row.idempotency_key })).messageId;
      case 'webhook':
        return String((await callWebhook({ url: p['url'], body: p['body'], idempotencyKey: row.idempotency_key })).status);
      case PLUGIN_CHANNEL_KIND:
        return this.sendThroughPlugin(row);
    }
  }

  /** Like SMS, through the provider a plugin registered for the channel, if the portal still has the plugin. */
  private async sendThroughPlugin(row: DeliveryRow): Promise<string | null> {
    const { channel, to, text, subject } = row.payload as { channel: string; to: string; text: string; subject?: string };
    const provider = this.channels.get(channel);
    const owner = this.channels.ownerOf(channel);
    if (!provider || !owner) throw new DeliveryError(`no plugin of this build provides the channel "${channel}"`, true);
    if (!(await this.installations.isInstalled(row.portal_id, owner))) throw new DeliveryError(`the plugin ${owner} (channel "${channel}") is not installed on this portal`, true);
    const unreachable = provider.validateRecipient?.(to);
    if (unreachable) throw new DeliveryError(`${channel} cannot reach ${to}: ${unreachable}`, true);
    const sent = await provider.send({ to, text, ...(subject !== undefined ? { subject } : {}), idempotencyKey: row.idempotency_key });
    return sent?.providerMessageId ? String(sent.providerMessageId).slice(0, 300) : null;
  }

  private async failRun(row: DeliveryRow, error: string): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE automation_runs SET status = 'failed', error = $2, updated_at = clock_timestamp() WHERE id = $1`,
      [row.run_id, error],
    );
    await this.db.dataSource.query(
      `INSERT INTO timeline (portal_id, entity, entity_id, kind, data)
       SELECT r.portal_id, 'deal', r.deal_id, 'automation_run', jsonb_build_object('runId', r.id, 'ruleId', r.rule_id, 'ruleCode', ru.code, 'ruleName', ru.name, 'status', 'failed', 'error', $2::text)
         FROM automation_runs r JOIN automation_rules ru ON ru.id = r.rule_id WHERE r.id = $1 AND r.deal_id IS NOT NULL`,
      [row.run_id, error],
    );
  }
}

/** A queued e-mail keeps its attachments in the payload as base64 (`[{filename, contentType, contentBase64}]`). */
function attachmentsOf(payload: Record<string, any>): EmailAttachment[] | undefined {
  const list = payload['attachments'] as { filename: string; contentType: string; contentBase64: string }[] | undefined;
  return list?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') }));
}
