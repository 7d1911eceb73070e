import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Secrets the instances share (the token-signing key), created once in the database so that
 * several server instances agree without extra configuration. AUTH_SECRET overrides it.
 */
@Entity({ tableName: 'server_secret' })
export class ServerSecret {
  @PrimaryKey({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  value!: string;
}
