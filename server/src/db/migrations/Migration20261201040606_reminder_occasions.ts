import { Migration } from '@mikro-orm/migrations';

export class Migration20261201040606_reminder_occasions extends Migration {
  override name = 'Migration20261201040606_reminder_occasions';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "reminder_occasion" ("key" text not null, "deadline_id" int not null, "occasion" text not null, "due_date" date not null, "planned_at" timestamptz not null default now(), primary key ("key"));`,
    );
    this.addSql(`create index "reminder_occasion_deadline_id_index" on "reminder_occasion" ("deadline_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "reminder_occasion" cascade;`);
  }
}
