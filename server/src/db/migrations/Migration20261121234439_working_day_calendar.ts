import { Migration } from '@mikro-orm/migrations';

export class Migration20261121234439_working_day_calendar extends Migration {
  override name = 'Migration20261121234439_working_day_calendar';

  override up(): void | Promise<void> {
    this.addSql(`create type "calendar_day_kind" as enum ('HOLIDAY', 'WORKDAY');`);
    this.addSql(
      `create table "calendar_day" ("date" date not null, "kind" "calendar_day_kind" not null, "name" text not null, "source" text not null, "updated_at" timestamptz not null, primary key ("date"));`,
    );

    this.addSql(`create table "calendar_year" ("year" int not null, "source" text not null, "entered_at" timestamptz not null, primary key ("year"));`);

    this.addSql(`alter table "task" drop constraint "task_progress_range";`);
    this.addSql(`alter table "task" add constraint "task_progress_range" check (progress between 0 and 100);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "calendar_day" cascade;`);
    this.addSql(`drop table if exists "calendar_year" cascade;`);

    this.addSql(`alter table "task" drop constraint "task_progress_range";`);
    this.addSql(`alter table "task" add constraint "task_progress_range" check ((progress >= 0) AND (progress <= 100));`);

    this.addSql(`drop type "calendar_day_kind";`);
  }
}
