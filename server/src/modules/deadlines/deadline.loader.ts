import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../graphql/context.js';
import type { DeadlineKind } from './deadline-enums.js';
import { Deadline } from './deadline.entity.js';

const loaders = new WeakMap<GraphQLContext, Map<DeadlineKind, DataLoader<number, Deadline | null>>>();

/** Batches "the deadline of subject N" lookups of one request: one query per kind, not per row. */
export function deadlineOf(ctx: GraphQLContext, kind: DeadlineKind, subjectId: number): Promise<Deadline | null> {
  let byKind = loaders.get(ctx);
  if (!byKind) loaders.set(ctx, (byKind = new Map()));
  let loader = byKind.get(kind);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly number[]) => {
      const rows = await ctx.em.find(Deadline, { kind, subjectId: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
      return ids.map((id) => rows.find((d) => d.subjectId === id) ?? null);
    });
    byKind.set(kind, loader);
  }
  return loader.load(subjectId);
}
