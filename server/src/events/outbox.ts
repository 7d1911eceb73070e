import type { EntityManager } from '@mikro-orm/postgresql';
import { eventBus, type DomainEvents, type EventBus } from './event-bus.js';

/** Events raised inside a transaction, held back until it commits. */
export class Outbox {
  private readonly events: { name: keyof DomainEvents; payload: DomainEvents[keyof DomainEvents] | (() => DomainEvents[keyof DomainEvents]) }[] = [];

  /** `payload` may be a function, evaluated at publication (after the commit, when generated ids exist). */
  add<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K] | (() => DomainEvents[K])): void {
    this.events.push({ name, payload });
  }

  get size(): number {
    return this.events.length;
  }

  publishTo(bus: EventBus = eventBus): void {
    for (const e of this.events.splice(0)) bus.publish(e.name, (typeof e.payload === 'function' ? e.payload() : e.payload) as never);
  }
}

/**
 * Runs `fn` in one transaction and publishes the events it raised only after the commit —
 * never inside it (a rolled-back change must not be announced).
 */
export async function transactionalWithEvents<T>(em: EntityManager, fn: (tx: EntityManager, outbox: Outbox) => Promise<T>): Promise<T> {
  const outbox = new Outbox();
  const result = await em.transactional((tx) => fn(tx, outbox));
  outbox.publishTo();
  return result;
}
