import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';

/**
 * A sign-in that can be renewed ("stay signed in"). Its refresh token rotates on every use;
 * presenting a rotated token again revokes the whole session (a stolen copy is useless).
 */
@Entity({ tableName: 'auth_session' })
export class AuthSession {
  [OptionalProps]?: 'createdAt' | 'revokedAt' | 'rotatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  @Index()
  user!: Ref<User>;

  /** sha256 of the current refresh token. */
  @Property({ type: 'text' })
  @Unique()
  tokenHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  rotatedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}

/**
 * Every refresh token a session has used up. One presented again means a copy is in other hands:
 * the whole session ends, however many rotations ago the copy was taken.
 */
@Entity({ tableName: 'auth_used_refresh_token' })
export class UsedRefreshToken {
  [OptionalProps]?: 'usedAt';

  @PrimaryKey({ type: 'text' })
  tokenHash!: string;

  @ManyToOne(() => AuthSession, { ref: true, deleteRule: 'cascade' })
  @Index()
  session!: Ref<AuthSession>;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  usedAt: Date = new Date();
}
