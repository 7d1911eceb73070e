import { Migration } from '@mikro-orm/migrations';

export class Migration20261122005303_deadline_event_foreign_key extends Migration {
  override name = 'Migration20261122005303_deadline_event_foreign_key';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "deadline_event" add constraint "deadline_event_deadline_id_foreign" foreign key ("deadline_id") references "deadline" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deadline_event" drop constraint "deadline_event_deadline_id_foreign";`);
  }
}
