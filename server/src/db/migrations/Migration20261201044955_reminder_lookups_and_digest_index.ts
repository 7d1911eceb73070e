import { Migration } from '@mikro-orm/migrations';

export class Migration20261201044955_reminder_lookups_and_digest_index extends Migration {
  override name = 'Migration20261201044955_reminder_lookups_and_digest_index';

  override up(): void | Promise<void> {
    // Rows planned before: their Shanghai day from planned_at.
    this.addSql(`alter table "reminder_occasion" add "planned_for" date null;`);
    this.addSql(`update "reminder_occasion" set "planned_for" = ("planned_at" at time zone 'Asia/Shanghai')::date;`);
    this.addSql(`alter table "reminder_occasion" alter column "planned_for" set not null;`);
    this.addSql(`create index "reminder_occasion_planned_for_index" on "reminder_occasion" ("planned_for");`);
    this.addSql(
      `create index "reminder_occasion_escalation_index" on "reminder_occasion" ("deadline_id") where "occasion" in ('escalate-head', 'escalate-office');`,
    );

    this.addSql(`create index "notification_delivery_digest_id_index" on "notification_delivery" ("digest_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "notification_delivery_digest_id_index";`);

    this.addSql(`drop index "reminder_occasion_planned_for_index";`);
    this.addSql(`drop index "reminder_occasion_escalation_index";`);
    this.addSql(`alter table "reminder_occasion" drop column "planned_for";`);
  }
}
