import { Migration } from '@mikro-orm/migrations';

export class Migration20261130182323_plan_source_year extends Migration {
  override name = 'Migration20261130182323_plan_source_year';

  override up(): void | Promise<void> {
    this.addSql(`alter table "plan" add "source_year" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "plan" drop column "source_year";`);
  }
}
