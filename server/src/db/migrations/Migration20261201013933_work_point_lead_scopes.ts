import { Migration } from '@mikro-orm/migrations';

export class Migration20261201013933_work_point_lead_scopes extends Migration {
  override name = 'Migration20261201013933_work_point_lead_scopes';

  override up(): void | Promise<void> {
    this.addSql(`alter table "work_point" add "lead_scopes" text[] not null default '{}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "work_point" drop column "lead_scopes";`);
  }
}
