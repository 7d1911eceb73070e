import { Migration } from '@mikro-orm/migrations';

export class Migration20261130184611_login_throttle extends Migration {
  override name = 'Migration20261130184611_login_throttle';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "login_throttle" ("name" text not null, "failures" int not null default 0, "locked_until" timestamptz null, "updated_at" timestamptz not null, primary key ("name"));`,
    );
    this.addSql(`create index "login_throttle_updated_at_index" on "login_throttle" ("updated_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "login_throttle" cascade;`);
  }
}
