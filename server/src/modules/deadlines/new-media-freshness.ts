import type { EntityManager } from '@mikro-orm/postgresql';
import { shanghaiDate } from '../../time/calendar-date.js';
import { Channel } from '../publications/channel.entity.js';
import { ChannelKind } from '../publications/publication-enums.js';
import { DeadlineKind } from './deadline-enums.js';
import { RULE } from './deadline-rules.seed.js';
import { Deadline } from './deadline.entity.js';
import { DeadlineService } from './deadline.service.js';

/**
 * 政务新媒体 freshness: each active account's clock runs from its latest publication (or from
 * when it was registered, if it has published nothing): warn after 10 days, veto at 14
 * (国办秘函〔2019〕19号). Call in the transaction that recorded, moved or deleted a publication.
 */
export async function syncNewMediaFreshness(
  em: EntityManager,
  channelIds: number[],
  deadlines = new DeadlineService(em),
  today = shanghaiDate(),
): Promise<void> {
  for (const id of [...new Set(channelIds)]) {
    const channel = await em.findOne(Channel, { id });
    if (!channel) continue;
    if (channel.kind !== ChannelKind.NEW_MEDIA_ACCOUNT || !channel.isActive) {
      // A closed account (or a channel that is not an account) has no freshness to watch.
      const stale = await em.findOne(Deadline, { kind: DeadlineKind.NEW_MEDIA, subjectId: id });
      if (stale && !stale.completedOn) {
        await deadlines.sync(
          {
            kind: DeadlineKind.NEW_MEDIA,
            subjectId: id,
            rule: RULE.NEW_MEDIA_UPDATE,
            departmentId: channel.department?.id ?? null,
            title: `政务新媒体：${channel.name}`,
            clock: { start: stale.startDate ?? today },
            completedOn: today,
          },
          today,
        );
      }
      continue;
    }
    const [row] = await em
      .getConnection()
      .execute<{ latest: string | null }[]>(
        `select to_char(max(published_on), 'YYYY-MM-DD') as latest from publication where channel_id = ?`,
        [id],
        'all',
        em.getTransactionContext(),
      );
    const start = row?.latest ?? shanghaiDate(channel.createdAt);
    await deadlines.sync(
      {
        kind: DeadlineKind.NEW_MEDIA,
        subjectId: id,
        rule: RULE.NEW_MEDIA_UPDATE,
        departmentId: channel.department?.id ?? null,
        title: `政务新媒体：${channel.name}`,
        clock: { start },
        completedOn: null,
      },
      today,
    );
  }
}

/** Every account at once (after seeding or an import), as of `today`. */
export async function syncAllNewMediaFreshness(em: EntityManager, today = shanghaiDate()): Promise<void> {
  const accounts = await em.find(Channel, { kind: ChannelKind.NEW_MEDIA_ACCOUNT }, { fields: ['id'] });
  await syncNewMediaFreshness(
    em,
    accounts.map((c) => c.id),
    undefined,
    today,
  );
}
