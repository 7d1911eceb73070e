import { Migration } from '@mikro-orm/migrations';

export class Migration20261201070737_deadline_open_due_date_index extends Migration {
  override name = 'Migration20261201070737_deadline_open_due_date_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "deadline_open_due_date_index" on "deadline" ("due_date", "id") where "completed_on" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "deadline_open_due_date_index";`);
  }
}
