import { Migration } from '@mikro-orm/migrations';

export class Migration20261122005020_used_refresh_tokens extends Migration {
  override name = 'Migration20261122005020_used_refresh_tokens';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "auth_used_refresh_token" ("token_hash" text not null, "session_id" uuid not null, "used_at" timestamptz not null, primary key ("token_hash"));`,
    );
    this.addSql(`create index "auth_used_refresh_token_session_id_index" on "auth_used_refresh_token" ("session_id");`);

    this.addSql(`drop index "auth_session_previous_token_hash_index";`);
    this.addSql(`alter table "auth_session" drop column "previous_token_hash";`);

    this.addSql(
      `alter table "auth_used_refresh_token" add constraint "auth_used_refresh_token_session_id_foreign" foreign key ("session_id") references "auth_session" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "auth_used_refresh_token" cascade;`);

    this.addSql(`alter table "auth_session" add "previous_token_hash" text null;`);
    this.addSql(`create index "auth_session_previous_token_hash_index" on "auth_session" ("previous_token_hash");`);
  }
}
