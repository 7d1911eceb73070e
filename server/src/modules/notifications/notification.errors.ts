import { BadInputError, NotFoundError } from '../../errors.js';

export class NotificationChannelNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('通知渠道', 'NOTIFICATION_CHANNEL_NOT_FOUND', id);
  }
}

export class DeliveryNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('发送记录', 'DELIVERY_NOT_FOUND', id);
  }
}

/** A webhook or mailbox that cannot be used (the message names why). */
export class BadChannelTargetError extends BadInputError {
  constructor(message: string) {
    super(message, 'BAD_CHANNEL_TARGET', 'target');
  }
}

export class SecretNotSupportedError extends BadInputError {
  constructor() {
    super('只有钉钉群机器人可以设置加签密钥', 'SECRET_NOT_SUPPORTED', 'secret');
  }
}
