import { EventEmitter } from 'node:events';

/** Domain events, named in the past tense, published after the transaction that caused them commits. */
export interface DomainEvents {
  DeadlineStateChanged: { deadlineId: number; kind: string; subjectId: number; departmentId: number | null; from: string | null; to: string; at: string };
}

/**
 * In-process publish/subscribe of domain events. Cross-instance delivery (LISTEN/NOTIFY, Redis)
 * plugs in here by subscribing and forwarding; producers only ever call `publish` after commit.
 */
export class EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  subscribe<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}

/** The process's bus. */
export const eventBus = new EventBus();
