/**
 * The contracts of three extension points a plugin manifest may fill: stage guards, field types and
 * channel providers. libs/plugin-sdk re-exports them; core reads them from the plugin catalog.
 */

/** The deal a guard judges, as it will be after the change under review (`id` is null while it is being created). */
export interface StageGuardDeal {
  id: string | null;
  title: string;
  budget: string | null;
  responsibleId: string | null;
  contactIds: readonly string[];
  companyId: string | null;
  fields: Record<string, unknown>;
}

export interface StageGuardContext {
  portalId: string;
  deal: StageGuardDeal;
  stage: { code: string; pipelineCode: string };
  /** Runs inside the deal's transaction; every query must filter by `portalId` itself. */
  query: (sql: string, params: unknown[]) => Promise<any[]>;
}

/** A rule a stage may list in `rules.guards`, e.g. "company requisites filled". */
export interface StageGuard {
  code: string;
  description?: string;
  /** Null when the deal may enter the stage, else a human message saying why not. */
  check(ctx: StageGuardContext): Promise<string | null>;
}

/** A custom field type, namespaced by its plugin (`np.city`): values are checked as `base`, then by `validate`. */
export interface FieldTypeSpec {
  type: string;
  name: string;
  base: 'string' | 'number' | 'text';
  /** A message saying what is wrong with the value (already normalised as `base`), or null. */
  validate?(value: unknown): string | null;
}

export interface ChannelMessage {
  to: string;
  text: string;
  subject?: string;
  /** The same for every attempt at one delivery: a provider that can de-duplicate should. */
  idempotencyKey: string;
}

/** A channel `message.send` can use besides e-mail and SMS: an SMS gateway, a messenger bot. */
export interface ChannelProvider {
  channel: string;
  name: string;
  /** A message when the provider cannot reach this address (the contact's phone), else null. */
  validateRecipient?(to: string): string | null;
  send(msg: ChannelMessage): Promise<{ providerMessageId?: string }>;
}
