import type { EntityManager } from '@mikro-orm/postgresql';

/** One request = one context = one `em.fork()`. */
export interface GraphQLContext {
  em: EntityManager;
  requestId: string;
}
