import { Migration } from '@mikro-orm/migrations';

export class Migration20261130210353_screen_links extends Migration {
  override name = 'Migration20261130210353_screen_links';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "screen_link" ("id" serial primary key, "screen_token_id" int not null, "code_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_by_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "screen_link_screen_token_id_index" on "screen_link" ("screen_token_id");`);
    this.addSql(`alter table "screen_link" add constraint "screen_link_code_hash_unique" unique ("code_hash");`);

    this.addSql(
      `create table "screen_credential" ("id" serial primary key, "screen_token_id" int not null, "token_hash" text not null, "link_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "screen_credential_screen_token_id_index" on "screen_credential" ("screen_token_id");`);
    this.addSql(`alter table "screen_credential" add constraint "screen_credential_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `alter table "screen_link" add constraint "screen_link_screen_token_id_foreign" foreign key ("screen_token_id") references "screen_token" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "screen_link" add constraint "screen_link_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "screen_credential" add constraint "screen_credential_screen_token_id_foreign" foreign key ("screen_token_id") references "screen_token" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "screen_credential" add constraint "screen_credential_link_id_foreign" foreign key ("link_id") references "screen_link" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "screen_credential" drop constraint "screen_credential_link_id_foreign";`);

    this.addSql(`drop table if exists "screen_link" cascade;`);
    this.addSql(`drop table if exists "screen_credential" cascade;`);
  }
}
