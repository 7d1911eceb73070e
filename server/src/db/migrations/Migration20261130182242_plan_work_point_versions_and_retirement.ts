import { Migration } from '@mikro-orm/migrations';

export class Migration20261130182242_plan_work_point_versions_and_retirement extends Migration {
  override name = 'Migration20261130182242_plan_work_point_versions_and_retirement';

  override up(): void | Promise<void> {
    this.addSql(`alter table "plan" add "version" int not null default 1, add "retired_at" timestamptz null, add "retired_reason" text null;`);

    this.addSql(`alter table "work_point" add "version" int not null default 1, add "retired_at" timestamptz null, add "retired_reason" text null;`);

    this.addSql(`alter table "task" add "retired_at" timestamptz null, add "retired_reason" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "plan" drop column "version", drop column "retired_at", drop column "retired_reason";`);

    this.addSql(`alter table "task" drop column "retired_at", drop column "retired_reason";`);

    this.addSql(`alter table "work_point" drop column "version", drop column "retired_at", drop column "retired_reason";`);
  }
}
