import { Injectable } from '@nestjs/common';
import type { ActionType, TriggerType } from './automation.types';


/**
 * The trigger and action types the engine knows. Core registers its own here exactly as plugins do
 * (through libs/plugin-sdk), so nothing about a core type is special to the engine.
 */
@Injectable()
export class AutomationRegistry {
  private readonly triggers = new Map<string, TriggerType>();
  private readonly actions = new Map<string, ActionType>();

  private readonly owners = new Map<string, string>();

  registerTrigger(t: TriggerType, pluginId?: string): void {
    if (this.triggers.has(t.type)) throw new Error(`Trigger type ${t.type} is registered twice`);
    this.triggers.set(t.type, t);
    if (pluginId) this.owners.set(`trigger:${t.type}`, pluginId);
  }

  registerAction(a: ActionType, pluginId?: string): void {
    if (this.actions.has(a.type)) throw new Error(`Action type ${a.type} is registered twice`);
    this.actions.set(a.type, a);
    if (pluginId) this.owners.set(`action:${a.type}`, pluginId);
  }

  /** The plugin a trigger or action type comes from; undefined for core's own. */
  ownerOf(kind: 'trigger' | 'action', type: string): string | undefined {
    return this.owners.get(`${kind}:${type}`);
  }

  trigger(type: string): TriggerType | undefined {
    return this.triggers.get(type);
  }

  action(type: string): ActionType | undefined {
    return this.actions.get(type);
  }

  triggerTypes(): string[] {
    return [...this.triggers.keys()];
  }

  actionTypes(): string[] {
    return [...this.actions.keys()];
  }

  /** Trigger types listening to an outbox event type. */
  triggersFor(eventType: string): TriggerType[] {
    return [...this.triggers.values()].filter((t) => t.events.includes(eventType));
  }

  listenedEvents(): Set<string> {
    return new Set([...this.triggers.values()].flatMap((t) => t.events));
  }
}
