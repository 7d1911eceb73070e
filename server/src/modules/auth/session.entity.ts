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

  /** sha256 of the previous refresh token, to detect its reuse. */
  @Property({ type: 'text', nullable: true })
  @Index()
  previousTokenHash?: string | null;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  rotatedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
