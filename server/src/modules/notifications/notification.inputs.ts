import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DeliveryState, NotificationChannelKind } from './notification-enums.js';

@InputType({ description: "A department's channel of one kind (one per kind: setting it again replaces the target)" })
export class SetNotificationChannelInput {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => NotificationChannelKind)
  kind!: NotificationChannelKind;

  @Field(() => String, { description: 'E-mail addresses (separated by , or ;), or the robot webhook URL' })
  @MaxLength(2048, { message: '地址过长' })
  target!: string;

  @Field(() => String, { nullable: true, description: "钉钉 加签 secret (SEC…). Omitted: kept; '': removed. Stored sealed, never returned" })
  @IsOptional()
  @MaxLength(200, { message: '密钥过长' })
  secret?: string | null;

  @Field(() => Boolean, { nullable: true, description: '每日汇总 instead of single reminders (督办单 still go at once)' })
  digest?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Muted: nothing is sent here' })
  muted?: boolean | null;
}

@InputType({ description: 'Your own mailbox for the messages that concern you' })
export class SetMyEmailInput {
  @Field(() => String, { nullable: true, description: 'null or empty: remove' })
  @IsOptional()
  @MaxLength(320, { message: '地址过长' })
  address?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Mute it (the in-app copies stay)' })
  muted?: boolean | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500, { message: '一次最多500条' })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Every unread notification of yours' })
  all?: boolean | null;
}

@InputType()
export class DeliveryFilter {
  @Field(() => [DeliveryState], { nullable: true })
  states?: DeliveryState[] | null;

  @Field(() => ID, { nullable: true })
  channelId?: string | null;

  @Field(() => ID, { nullable: true, description: "The department's channels" })
  departmentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'At most (default 100, up to 500)' })
  first?: number | null;
}
