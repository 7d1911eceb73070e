import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { StaleVersionError } from '../../errors.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { assertAdmin } from '../auth/viewer.js';
import { Department } from '../departments/department.entity.js';
import { NotificationChannel } from './notification-channel.entity.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { DeliveryFilter, MarkNotificationsReadInput, SetMyEmailInput, SetNotificationChannelInput } from './notification.inputs.js';
import { Notification } from './notification.entity.js';
import { maskTarget, NotificationService } from './notification.service.js';
import { ReminderRule } from './reminder-rule.entity.js';
import { UpdateReminderRuleInput } from './reminder-rule.inputs.js';
import { NotFoundError } from '../../errors.js';
import { servedByHub } from '../../core/live.js';

@ObjectType({ description: 'Your notification centre at a glance' })
export class NotificationSummary {
  @Field(() => Int)
  unreadCount!: number;

  @Field(() => [Notification], { description: 'The latest (up to 20), newest first' })
  latest!: Notification[];
}

/** Every context the app builds carries the notification settings (the sealing key among them): none is a wiring error. */
function service(ctx: GraphQLContext): NotificationService {
  if (!ctx.notifications) throw new Error('GraphQL context without notification settings');
  return new NotificationService(ctx.em, viewerOf(ctx), ctx.notifications);
}

@Resolver(() => NotificationChannel)
export class NotificationChannelResolver {
  @Mutation(() => NotificationChannel, {
    description:
      "Set a department's channel of a kind (e-mail addresses or a robot webhook; 钉钉 with its 加签 secret). Robot targets are checked: https and no private addresses in production",
  })
  setNotificationChannel(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => SetNotificationChannelInput) input: SetNotificationChannelInput,
  ): Promise<NotificationChannel> {
    return service(ctx).setChannel(input);
  }

  @Mutation(() => Boolean)
  removeNotificationChannel(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return service(ctx).removeChannel(id);
  }

  @Mutation(() => NotificationDelivery, { description: 'Queue a test message on a channel; its answer shows in notificationDeliveries' })
  testNotificationChannel(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<NotificationDelivery> {
    return service(ctx).testChannel(id);
  }

  @Query(() => [NotificationChannel], { description: "Departments' channels (of one department when given)" })
  notificationChannels(
    @Ctx() ctx: GraphQLContext,
    @Arg('departmentId', () => ID, { nullable: true }) departmentId?: string | null,
  ): Promise<NotificationChannel[]> {
    return service(ctx).channels(departmentId);
  }

  @Mutation(() => NotificationChannel, {
    nullable: true,
    description: 'Your own mailbox for what concerns you (null address: removed); mute it without losing the in-app copies',
  })
  setMyEmail(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetMyEmailInput) input: SetMyEmailInput): Promise<NotificationChannel | null> {
    return service(ctx).setMyEmail(input);
  }

  @Query(() => NotificationChannel, { nullable: true })
  myEmail(@Ctx() ctx: GraphQLContext): Promise<NotificationChannel | null> {
    return service(ctx).myEmail();
  }

  @FieldResolver(() => String, { description: 'Addresses, or the webhook with its key masked' })
  target(@Root() channel: NotificationChannel): string {
    return maskTarget(channel.kind, channel.target);
  }

  @FieldResolver(() => Boolean, { description: 'A 加签 secret is set (it is never returned)' })
  hasSecret(@Root() channel: NotificationChannel): boolean {
    return !!channel.secretSealed;
  }

  @FieldResolver(() => Department, { nullable: true })
  async department(@Root() channel: NotificationChannel): Promise<Department | null> {
    return channel.department ? ((await channel.department.load()) ?? null) : null;
  }
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => [Notification], { description: 'Your notifications, newest first' })
  myNotifications(
    @Ctx() ctx: GraphQLContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<Notification[]> {
    return service(ctx).myNotifications(unreadOnly, first);
  }

  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: GraphQLContext): Promise<number> {
    return service(ctx).unreadCount();
  }

  @Mutation(() => Int, { description: 'Mark some (ids) or all of your notifications read; returns how many changed' })
  markNotificationsRead(@Ctx() ctx: GraphQLContext, @Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput): Promise<number> {
    return service(ctx).markRead(input);
  }

  @Subscription(() => NotificationSummary, { subscribe: servedByHub, description: 'Your unread count and latest notifications, then again after every change' })
  async notificationsChanged(@Ctx() ctx: GraphQLContext): Promise<NotificationSummary> {
    const s = service(ctx);
    return { unreadCount: await s.unreadCount(), latest: await s.myNotifications(false, 20) };
  }

  @Query(() => [NotificationDelivery], { description: 'The outbox: what was sent, what is waiting, what failed with the channel answer (newest first)' })
  notificationDeliveries(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => DeliveryFilter, { nullable: true }) filter?: DeliveryFilter | null,
  ): Promise<NotificationDelivery[]> {
    return service(ctx).deliveries(filter ?? {});
  }

  @Mutation(() => NotificationDelivery, { description: 'Put a failed message back in the queue' })
  retryNotificationDelivery(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<NotificationDelivery> {
    return service(ctx).retry(id);
  }

  @Query(() => [ReminderRule], { description: 'When each kind of deadline is reminded and escalated' })
  reminderRules(@Ctx() ctx: GraphQLContext): Promise<ReminderRule[]> {
    assertAdmin(viewerOf(ctx), 'reminderRules');
    return ctx.em.find(ReminderRule, {}, { orderBy: { id: 'asc' } });
  }

  @Mutation(() => ReminderRule)
  updateReminderRule(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateReminderRuleInput) input: UpdateReminderRuleInput): Promise<ReminderRule> {
    assertAdmin(viewerOf(ctx), 'updateReminderRule');
    return ctx.em.transactional(async (em) => {
      const rule = await em.findOne(ReminderRule, { deadlineKind: input.deadlineKind }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!rule) throw new NotFoundError('提醒规则', 'REMINDER_RULE_NOT_FOUND', input.deadlineKind);
      if (rule.version !== input.version) throw new StaleVersionError('提醒规则', input.version, rule.version);
      if (input.daysBefore != null) rule.daysBefore = [...new Set(input.daysBefore)].sort((a, b) => b - a);
      if (input.onDueDay != null) rule.onDueDay = input.onDueDay;
      if (input.overdueEveryWorkingDays != null) rule.overdueEveryWorkingDays = input.overdueEveryWorkingDays;
      if (input.escalateToHeadAfter != null) rule.escalateToHeadAfter = input.escalateToHeadAfter || null;
      if (input.escalateToOfficeAfter != null) rule.escalateToOfficeAfter = input.escalateToOfficeAfter || null;
      if (input.active != null) rule.active = input.active;
      await em.flush();
      return rule;
    });
  }
}

@Resolver(() => NotificationDelivery)
export class NotificationDeliveryResolver {
  @FieldResolver(() => NotificationChannel)
  async channel(@Root() delivery: NotificationDelivery): Promise<NotificationChannel> {
    return (await delivery.channel.load())!;
  }
}
