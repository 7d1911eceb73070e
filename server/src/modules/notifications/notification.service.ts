import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../core/ids.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { User } from '../auth/user.entity.js';
import { ANONYMOUS, assertAdmin, isWriter, type Viewer } from '../auth/viewer.js';
import { DepartmentService } from '../departments/department.service.js';
import { NotificationChannel } from './notification-channel.entity.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { DeliveryState, NotificationChannelKind } from './notification-enums.js';
import { BadChannelTargetError, DeliveryNotFoundError, NotificationChannelNotFoundError, SecretNotSupportedError } from './notification.errors.js';
import type { DeliveryFilter, MarkNotificationsReadInput, SetMyEmailInput, SetNotificationChannelInput } from './notification.inputs.js';
import { Notification } from './notification.entity.js';
import type { NotificationSettings } from './notification-settings.js';
import { maskWebhookKey } from './mask.js';
import { sealSecret } from './secret-box.js';
import { checkEmailTargets, checkWebhookUrl } from './webhook-url.js';

/**
 * Channels (a department's group robots and mailbox, a person's own mailbox), the in-app notification centre, and
 * the outbox as the office sees it (what was sent, what failed with the channel's answer, retry).
 */
export class NotificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer = ANONYMOUS,
    private readonly settings: NotificationSettings,
  ) {}

  async setChannel(input: SetNotificationChannelInput): Promise<NotificationChannel> {
    assertAdmin(this.viewer, 'setNotificationChannel');
    const target = input.target.trim();
    await this.checkTarget(input.kind, target);
    if (input.secret && input.kind !== NotificationChannelKind.DINGTALK_ROBOT) throw new SecretNotSupportedError();
    return this.em.transactional(async (em) => {
      const department = await new DepartmentService(em).getDepartment(input.departmentId);
      let channel = await em.findOne(NotificationChannel, { department, kind: input.kind });
      channel ??= em.create(NotificationChannel, { department, kind: input.kind, target });
      channel.target = target;
      if (input.secret != null) channel.secretSealed = input.secret.trim() ? sealSecret(input.secret.trim(), this.settings.secretKey) : null;
      if (input.digest != null) channel.digest = input.digest;
      if (input.muted != null) channel.muted = input.muted;
      await em.flush();
      return channel;
    });
  }

  async removeChannel(id: string): Promise<boolean> {
    assertAdmin(this.viewer, 'removeNotificationChannel');
    return this.em.transactional(async (em) => {
      const channel = await em.findOne(NotificationChannel, { id: parseId(id, (v) => new NotificationChannelNotFoundError(String(v))) });
      if (!channel) throw new NotificationChannelNotFoundError(id);
      em.remove(channel);
      await em.flush();
      return true;
    });
  }

  async channels(departmentId?: string | null): Promise<NotificationChannel[]> {
    assertAdmin(this.viewer, 'notificationChannels');
    const where: FilterQuery<NotificationChannel> = departmentId
      ? { department: (await new DepartmentService(this.em).getDepartment(departmentId)).id }
      : { department: { $ne: null } };
    return this.em.find(NotificationChannel, where, { orderBy: { department: 'asc', kind: 'asc' } });
  }

  /** A person's own mailbox (any signed-in user): set, mute, or remove. */
  async setMyEmail(input: SetMyEmailInput): Promise<NotificationChannel | null> {
    const user = this.user();
    const address = input.address?.trim() ?? '';
    if (address) await this.checkTarget(NotificationChannelKind.EMAIL, address);
    return this.em.transactional(async (em) => {
      const me = em.getReference(User, user.id);
      let channel = await em.findOne(NotificationChannel, { user: me, kind: NotificationChannelKind.EMAIL });
      if (!address && input.address !== undefined) {
        if (channel) em.remove(channel);
        await em.flush();
        return null;
      }
      if (!channel && !address) return null;
      channel ??= em.create(NotificationChannel, { user: me, kind: NotificationChannelKind.EMAIL, target: address });
      if (address) channel.target = address;
      if (input.muted != null) channel.muted = input.muted;
      await em.flush();
      return channel;
    });
  }

  async myEmail(): Promise<NotificationChannel | null> {
    const user = this.user();
    return this.em.findOne(NotificationChannel, { user: user.id, kind: NotificationChannelKind.EMAIL });
  }

  async myNotifications(unreadOnly: boolean, first: number): Promise<Notification[]> {
    const user = this.user();
    return this.em.find(
      Notification,
      { user: user.id, ...(unreadOnly ? { readAt: null } : {}) },
      { orderBy: { id: 'desc' }, limit: Math.min(Math.max(first, 1), 200) },
    );
  }

  async unreadCount(): Promise<number> {
    if (this.viewer.kind !== 'user') return 0;
    return this.em.count(Notification, { user: this.viewer.id, readAt: null });
  }

  /** Marks the given (or all) of your notifications read; returns how many changed. */
  async markRead(input: MarkNotificationsReadInput): Promise<number> {
    const user = this.user();
    const ids = (input.ids ?? []).map((id) => parseId(id, () => new BadChannelTargetError('通知编号无效')));
    if (!input.all && !ids.length) return 0;
    return this.em.transactional(async (em) => {
      const rows = await em.execute<{ id: number }[]>(
        `update notification set read_at = now() where user_id = ? and read_at is null ${input.all ? '' : 'and id in (?)'} returning id`,
        input.all ? [user.id] : [user.id, ids],
      );
      return rows.length;
    });
  }

  async deliveries(filter: DeliveryFilter = {}): Promise<NotificationDelivery[]> {
    assertAdmin(this.viewer, 'notificationDeliveries');
    const where: FilterQuery<NotificationDelivery>[] = [];
    if (filter.states?.length) where.push({ state: { $in: filter.states } });
    if (filter.channelId) where.push({ channel: parseId(filter.channelId, (v) => new NotificationChannelNotFoundError(String(v))) });
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getDepartment(filter.departmentId);
      where.push({ channel: { department: department.id } });
    }
    return this.em.find(NotificationDelivery, where.length ? { $and: where } : {}, {
      orderBy: { id: 'desc' },
      limit: Math.min(Math.max(filter.first ?? 100, 1), 500),
      populate: ['channel'],
    });
  }

  /** A failed message back in the queue, attempts counted afresh. */
  async retry(id: string): Promise<NotificationDelivery> {
    assertAdmin(this.viewer, 'retryNotificationDelivery');
    return this.em.transactional(async (em) => {
      const delivery = await em.findOne(NotificationDelivery, { id: parseId(id, (v) => new DeliveryNotFoundError(String(v))) });
      if (!delivery) throw new DeliveryNotFoundError(id);
      if (delivery.state === DeliveryState.FAILED) {
        delivery.state = DeliveryState.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = new Date();
      }
      await em.flush();
      return delivery;
    });
  }

  /** Queues a test message on a channel (the admin sees its answer in the deliveries). */
  async testChannel(id: string): Promise<NotificationDelivery> {
    assertAdmin(this.viewer, 'testNotificationChannel');
    return this.em.transactional(async (em) => {
      const channel = await em.findOne(NotificationChannel, { id: parseId(id, (v) => new NotificationChannelNotFoundError(String(v))) });
      if (!channel) throw new NotificationChannelNotFoundError(id);
      const delivery = em.create(NotificationDelivery, {
        key: `test:C${channel.id}:${Date.now()}`,
        channel,
        title: '【测试】政务公开督办台通知渠道测试',
        text: `这是一条测试消息（${shanghaiDate()}），收到即表示本渠道可用。`,
      });
      await em.flush();
      return delivery;
    });
  }

  private user(): Viewer {
    if (!isWriter(this.viewer) || this.viewer.id === 0) throw new OutOfScopeError('通知');
    return this.viewer;
  }

  private async checkTarget(kind: NotificationChannelKind, target: string): Promise<void> {
    const problem =
      kind === NotificationChannelKind.EMAIL ? checkEmailTargets(target) : await checkWebhookUrl(kind, target, { production: this.settings.production });
    if (problem) throw new BadChannelTargetError(problem);
  }
}

/** A robot URL without its credential (the key / access_token shown by its last 4 characters); addresses as they are. */
export function maskTarget(kind: NotificationChannelKind, target: string): string {
  return kind === NotificationChannelKind.EMAIL ? target : maskWebhookKey(target);
}
