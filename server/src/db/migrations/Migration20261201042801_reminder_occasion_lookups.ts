import { Migration } from '@mikro-orm/migrations';

export class Migration20261201042801_reminder_occasion_lookups extends Migration {
  override name = 'Migration20261201042801_reminder_occasion_lookups';

  override up(): void | Promise<void> {
    this.addSql(`create index "reminder_occasion_planned_at_index" on "reminder_occasion" ("planned_at");`);
    this.addSql(
      `create index "reminder_occasion_escalation_index" on "reminder_occasion" ("deadline_id") where "occasion" in ('escalate-head', 'escalate-office');`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "reminder_occasion_planned_at_index";`);
    this.addSql(`drop index "reminder_occasion_escalation_index";`);
  }
}
