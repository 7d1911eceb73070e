import { Migration } from '@mikro-orm/migrations';

export class Migration20261130210904_personal_data_erased extends Migration {
  override name = 'Migration20261130210904_personal_data_erased';

  override up(): void | Promise<void> {
    this.addSql(`alter table "information_request" add "personal_data_erased_on" date null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "information_request" drop column "personal_data_erased_on";`);
  }
}
