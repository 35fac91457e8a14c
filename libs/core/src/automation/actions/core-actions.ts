import { renderTemplate, validateTemplate } from '../../messaging/template-renderer';
import { CORE_CHANNELS, PLUGIN_CHANNEL_KIND } from '../../extensions/plugin-channels';
import type { ActionType, ActionSpec, Problem } from '../automation.types';
import { assigneeProblems, dueProblems, stringList, textProblem } from './action-inputs';

const COPYABLE = ['fields', 'budget', 'contacts', 'files', 'tags'];
const RECIPIENT_RE = /^(contact|responsible|role:[a-z0-9_-]+|user:[0-9a-f-]{36})$/i;

function need(deal: unknown): asserts deal {
  if (!deal) throw new Error('this action needs a deal');
}

const taskCreate: ActionType = {
  type: 'task.create',
  async validate(a, ctx) {
    const problems: Problem[] = [...textProblem(a['title'], 'title', 300), ...(await assigneeProblems(a['assignee'], 'assignee', ctx)), ...(await dueProblems(a['due'], 'due', ctx))];
    if (a['code'] !== undefined && (typeof a['code'] !== 'string' || !/^[A-Za-z0-9_.:-]{1,100}$/.test(a['code']))) problems.push({ field: 'code', message: 'must be 1–100 letters, digits, dots, dashes or underscores' });
    if (a['resultOptions'] !== undefined) problems.push(...stringList(a['resultOptions'], 'resultOptions'));
    if (a['estimateMinutes'] !== undefined && (!Number.isInteger(a['estimateMinutes']) || (a['estimateMinutes'] as number) < 0)) problems.push({ field: 'estimateMinutes', message: 'must be whole minutes' });
    return problems;
  },
  async execute(a, ctx) {
    const assigneeId = await ctx.services.resolveAssignee(String(a['assignee']));
    if (!assigneeId) throw new Error(`no active user for assignee "${a['assignee']}"`);
    const dueAt = ctx.services.dueFrom(a['due'] ?? { days: 1 });
    const task = await ctx.services.createTask({
      title: String(a['title']),
      assigneeId,
      dueAt,
      dealId: ctx.deal?.id ?? null,
      code: (a['code'] as string) ?? null,
      resultOptions: a['resultOptions'] as string[] | undefined,
      estimateMinutes: (a['estimateMinutes'] as number) ?? null,
      description: (a['description'] as string) ?? null,
    });
    return { taskId: task.id, assigneeId, dueAt: dueAt.toISOString() };
  },
  describe: (a) => `create the task "${a['title']}" for ${a['assignee']}`,
};

const dealMove: ActionType = {
  type: 'deal.move',
  async validate(a, ctx) {
    if (typeof a['stage'] !== 'string' || !a['stage']) return [{ field: 'stage', message: 'is required' }];
    if (a['pipeline'] !== undefined && !(await ctx.pipelineExists(String(a['pipeline'])))) return [{ field: 'pipeline', message: `unknown pipeline "${a['pipeline']}"` }];
    if (!(await ctx.stageExists((a['pipeline'] as string) ?? null, a['stage']))) return [{ field: 'stage', message: `unknown stage "${a['stage']}"` }];
    return [];
  },
  async execute(a, ctx) {
    need(ctx.deal);
    await ctx.services.changeDeal(ctx.deal.id, { stage: a['stage'], ...(a['pipeline'] ? { pipeline: a['pipeline'] } : {}), ...(a['lostReason'] ? { lostReason: a['lostReason'] } : {}) });
    return { stage: a['stage'] };
  },
  describe: (a) => `move the deal to the stage "${a['stage']}"`,
};

const dealCreateLinked: ActionType = {
  type: 'deal.createLinked',
  async validate(a, ctx) {
    const problems: Problem[] = [];
    if (typeof a['pipeline'] !== 'string' || !(await ctx.pipelineExists(a['pipeline']))) problems.push({ field: 'pipeline', message: `unknown pipeline "${a['pipeline'] ?? ''}"` });
    else if (a['stage'] !== undefined && !(await ctx.stageExists(a['pipeline'], String(a['stage'])))) problems.push({ field: 'stage', message: `unknown stage "${a['stage']}" in pipeline "${a['pipeline']}"` });
    const copy = a['copy'] ?? [];
    if (!Array.isArray(copy) || copy.some((c) => !COPYABLE.includes(c))) problems.push({ field: 'copy', message: `must be a list of ${COPYABLE.join(', ')}` });
    if (a['responsible'] !== undefined) problems.push(...(await assigneeProblems(a['responsible'], 'responsible', ctx)));
    if (a['tags'] !== undefined) problems.push(...stringList(a['tags'], 'tags'));
    if (a['title'] !== undefined) problems.push(...textProblem(a['title'], 'title', 300));
    return problems;
  },
  async execute(a, ctx) {
    need(ctx.deal);
    const deal = ctx.deal;
    const copy = new Set((a['copy'] as string[]) ?? []);
    const responsibleId = a['responsible'] ? await ctx.services.resolveAssignee(String(a['responsible']), 'deal') : deal.responsibleId;
    const tags = [...(copy.has('tags') ? deal.tags : []), ...((a['tags'] as string[]) ?? [])];
    const title = a['title'] ? renderTemplate(String(a['title']), await ctx.services.templateContext()) : deal.title;
    const newId = await ctx.services.createDeal({
      title,
      pipeline: a['pipeline'],
      stage: a['stage'],
      budget: copy.has('budget') ? deal.budget : undefined,
      currency: deal.currency,
      responsibleId,
      companyId: deal.companyId,
      contactIds: copy.has('contacts') ? deal.contactIds : undefined,
      fields: copy.has('fields') ? deal.fields : undefined,
      tags: tags.length ? [...new Set(tags)] : undefined,
    });
    const files = copy.has('files') ? await ctx.services.copyFiles(deal.id, newId) : 0;
    return { dealId: newId, copied: [...copy], files };
  },
  describe: (a) => `create a linked deal in the pipeline "${a['pipeline']}"${a['copy'] ? ` copying ${(a['copy'] as string[]).join(', ')}` : ''}`,
};

const fieldSet: ActionType = {
  type: 'field.set',
  async validate(a, ctx) {
    if (typeof a['field'] !== 'string' || !a['field']) return [{ field: 'field', message: 'is required' }];
    if (!['title', 'budget', 'responsibleId'].includes(a['field']) && !(await ctx.dealFieldType(a['field']))) return [{ field: 'field', message: `unknown field "${a['field']}"` }];
    if (!('value' in a)) return [{ field: 'value', message: 'is required (null clears the field)' }];
    return [];
  },
  async execute(a, ctx) {
    need(ctx.deal);
    const field = String(a['field']);
    let value = a['value'];
    if (typeof value === 'string' && value.includes('{{')) value = renderTemplate(value, await ctx.services.templateContext());
    const change = ['title', 'budget', 'responsibleId'].includes(field) ? { [field]: value } : { fields: { [field]: value } };
    await ctx.services.changeDeal(ctx.deal.id, change);
    return { field, value };
  },
  describe: (a) => `set the field "${a['field']}" to ${JSON.stringify(a['value'])}`,
};

const tagEdit = (type: 'tag.add' | 'tag.remove'): ActionType => ({
  type,
  validate: async (a) => stringList(a['tags'], 'tags'),
  async execute(a, ctx) {
    need(ctx.deal);
    await ctx.services.changeDeal(ctx.deal.id, type === 'tag.add' ? { addTags: a['tags'] } : { removeTags: a['tags'] });
    return { tags: a['tags'] };
  },
  describe: (a) => `${type === 'tag.add' ? 'add' : 'remove'} the tags ${(a['tags'] as string[]).join(', ')}`,
});

async function recipients(a: ActionSpec, ctx: Parameters<ActionType['execute']>[1]): Promise<{ name: string; address: string }[]> {
  const channel = a['channel'];
  const to = String(a['to']);
  const tpl = await ctx.services.templateContext();
  if (to === 'contact') {
    const contact = tpl['contact'] as { name?: string; email?: string; phone?: string } | null;
    const address = channel === 'email' ? contact?.email : contact?.phone;
    return contact && address ? [{ name: contact.name ?? '', address }] : [];
  }
  const users = await ctx.services.resolveUsers(to);
  if (channel === 'email') return users.map((u) => ({ name: u.name, address: u.email }));
  return [];
}

/** A channel other than e-mail and SMS: a plugin's provider delivers it (see DeliveryService). */
const isPluginChannel = (channel: unknown): channel is string => typeof channel === 'string' && !CORE_CHANNELS.includes(channel);

const messageSend: ActionType = {
  type: 'message.send',
  async validate(a, ctx) {
    const problems: Problem[] = [];
    const channel = a['channel'];
    if (typeof channel !== 'string' || !channel) problems.push({ field: 'channel', message: 'must be email, sms or a channel a plugin provides' });
    else if (isPluginChannel(channel)) {
      const issue = await ctx.channelProblem(channel);
      if (issue) problems.push({ field: 'channel', message: issue });
    }
    if (typeof a['to'] !== 'string' || !RECIPIENT_RE.test(a['to'])) problems.push({ field: 'to', message: 'must be contact, responsible, role:<role> or user:<id>' });
    if (channel === 'sms' && a['to'] !== 'contact') problems.push({ field: 'to', message: 'SMS goes to the deal\'s contact' });
    else if (isPluginChannel(channel) && a['to'] !== 'contact') problems.push({ field: 'to', message: `a ${channel} message goes to the deal's contact (to their phone)` });
    if (a['channel'] === 'email') problems.push(...textProblem(a['subject'], 'subject', 300));
    if (typeof a['template'] !== 'string' || !a['template'].trim()) problems.push({ field: 'template', message: 'is required (Handlebars: {{deal.title}}, {{contact.name}}, …)' });
    else {
      const bad = validateTemplate(a['template']);
      if (bad) problems.push({ field: 'template', message: bad });
    }
    if (typeof a['subject'] === 'string') {
      const bad = validateTemplate(a['subject']);
      if (bad) problems.push({ field: 'subject', message: bad });
    }
    return problems;
  },
  async execute(a, ctx) {
    const to = await recipients(a, ctx);
    if (!to.length) return { sent: 0, note: `no recipient: "${a['to']}" has no ${a['channel'] === 'email' ? 'e-mail address' : 'phone number'}` };
    const tpl = await ctx.services.templateContext();
    const text = renderTemplate(String(a['template']), tpl);
    for (const r of to) {
      if (a['channel'] === 'email') {
        await ctx.services.deliver('email', { to: r.address, subject: renderTemplate(String(a['subject']), tpl), text });
      } else if (a['channel'] === 'sms') {
        await ctx.services.deliver('sms', { to: r.address, text });
      } else {
        const subject = typeof a['subject'] === 'string' ? { subject: renderTemplate(a['subject'], tpl) } : {};
        await ctx.services.deliver(PLUGIN_CHANNEL_KIND, { channel: a['channel'], to: r.address, text, ...subject });
      }
    }
    return { channel: a['channel'], to: to.map((r) => r.address) };
  },
  describe: (a) => `send ${a['channel'] === 'sms' ? 'an SMS' : a['channel'] === 'email' ? 'an e-mail' : `a ${a['channel']} message`} to ${a['to']}`,
};

const notify: ActionType = {
  type: 'notify',
  async validate(a, ctx) {
    return [...(await assigneeProblems(a['to'], 'to', ctx, false)), ...textProblem(a['text'], 'text', 2000)];
  },
  async execute(a, ctx) {
    const users = await ctx.services.resolveUsers(String(a['to']));
    const text = renderTemplate(String(a['text']), await ctx.services.templateContext());
    for (const u of users) await ctx.services.notify(u.id, text, ctx.deal?.id ?? null);
    return { to: users.map((u) => u.id) };
  },
  needsDeal: false,
  describe: (a) => `notify ${a['to']}: "${a['text']}"`,
};

const webhookCall: ActionType = {
  type: 'webhook.call',
  async validate(a) {
    try {
      const url = new URL(String(a['url']));
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return [{ field: 'url', message: 'must be an http(s) URL' }];
    } catch {
      return [{ field: 'url', message: 'must be an http(s) URL' }];
    }
    if (a['body'] !== undefined && (typeof a['body'] !== 'object' || a['body'] === null)) return [{ field: 'body', message: 'must be a JSON object (strings may use {{templates}})' }];
    return [];
  },
  async execute(a, ctx) {
    const tpl = await ctx.services.templateContext();
    const body = a['body'] ? renderDeep(a['body'], tpl) : { event: ctx.event['type'] ?? 'automation', rule: ctx.rule.code, deal: tpl['deal'] };
    await ctx.services.deliver('webhook', { url: a['url'], body });
    return { url: a['url'] };
  },
  needsDeal: false,
  describe: (a) => `call the webhook ${a['url']}`,
};

function renderDeep(v: unknown, ctx: Record<string, unknown>): unknown {
  if (typeof v === 'string') return v.includes('{{') ? renderTemplate(v, ctx) : v;
  if (Array.isArray(v)) return v.map((x) => renderDeep(x, ctx));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, renderDeep(x, ctx)]));
  return v;
}

export const CORE_ACTIONS: ActionType[] = [taskCreate, dealMove, dealCreateLinked, fieldSet, tagEdit('tag.add'), tagEdit('tag.remove'), messageSend, notify, webhookCall];
