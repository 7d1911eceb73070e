import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Failed sign-ins per submitted username — whether or not such an account exists, so that the
 * answers (delay, lockout) cannot tell a real username from an invented one.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  /** The username as submitted, normalised (trimmed, lower case, at most 64 characters). */
  @PrimaryKey({ type: 'text' })
  name!: string;

  /** Consecutive failures since the last success or lockout. */
  @Property({ type: 'integer' })
  failures: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Index({ name: 'login_throttle_updated_at_index' })
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
