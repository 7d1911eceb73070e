import { Migration } from '@mikro-orm/migrations';

export class Migration20261201030755_recurring_task_periods extends Migration {
  override name = 'Migration20261201030755_recurring_task_periods';

  override up(): void | Promise<void> {
    this.addSql(`alter table "deadline" drop constraint "deadline_kind_subject_id_rule_code_unique";`);
    this.addSql(`alter table "deadline" add "occasion" text not null default '';`);
    this.addSql(
      `alter table "deadline" add constraint "deadline_kind_subject_id_rule_code_occasion_unique" unique ("kind", "subject_id", "rule_code", "occasion");`,
    );

    this.addSql(`alter table "work_point" add "period_due_dates" text[] not null default '{}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deadline" drop constraint "deadline_kind_subject_id_rule_code_occasion_unique";`);
    this.addSql(`alter table "deadline" drop column "occasion";`);
    this.addSql(`alter table "deadline" add constraint "deadline_kind_subject_id_rule_code_unique" unique ("kind", "subject_id", "rule_code");`);

    this.addSql(`alter table "work_point" drop column "period_due_dates";`);
  }
}
