import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { ScreenToken } from './screen-token.entity.js';
import { User } from './user.entity.js';

/**
 * A one-time link for a wall screen (/screen#code=…): short-lived, used once. The page trades
 * it for a credential of its own (ScreenCredential), so a link seen over a shoulder, in a chat
 * or in a log is worth nothing after the screen has opened it — or after it expires.
 */
@Entity({ tableName: 'screen_link' })
export class ScreenLink {
  [OptionalProps]?: 'createdAt' | 'usedAt' | 'createdBy';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => ScreenToken, { ref: true, deleteRule: 'cascade' })
  @Index()
  screenToken!: Ref<ScreenToken>;

  /** sha256 of the code; the code itself is shown once, when the link is made. */
  @Property({ type: 'text' })
  @Unique()
  codeHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();
}

/**
 * A further secret of a screen token, issued to the screen that redeemed a one-time link. It
 * reads as its token (same label, scope and revocation): revoking the token ends them all.
 */
@Entity({ tableName: 'screen_credential' })
export class ScreenCredential {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => ScreenToken, { ref: true, deleteRule: 'cascade' })
  @Index()
  screenToken!: Ref<ScreenToken>;

  @Property({ type: 'text' })
  @Unique()
  tokenHash!: string;

  /** The link it was issued for. */
  @ManyToOne(() => ScreenLink, { ref: true, nullable: true, deleteRule: 'set null' })
  link?: Ref<ScreenLink> | null;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();
}
