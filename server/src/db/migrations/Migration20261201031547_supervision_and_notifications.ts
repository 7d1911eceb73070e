import { Migration } from '@mikro-orm/migrations';

export class Migration20261201031547_supervision_and_notifications extends Migration {
  override name = 'Migration20261201031547_supervision_and_notifications';

  override up(): void | Promise<void> {
    // A new enum value by replacing the type, not `alter type … add value`: the new value must be usable in the
    // same transaction (npm run db:restore migrates and loads the rows in one transaction).
    this.addSql(`alter type "deadline_kind" rename to "deadline_kind_before_supervision";`);
    this.addSql(`create type "deadline_kind" as enum ('TASK', 'APPLICATION', 'PROPOSAL', 'MESSAGE', 'PENALTY', 'NEW_MEDIA', 'ANNUAL_REPORT', 'SUPERVISION');`);
    this.addSql(`alter table "deadline" alter column "kind" type "deadline_kind" using "kind"::text::"deadline_kind";`);
    this.addSql(`drop type "deadline_kind_before_supervision";`);

    this.addSql(`create type "notification_channel_kind" as enum ('EMAIL', 'WECOM_ROBOT', 'DINGTALK_ROBOT');`);
    this.addSql(`create type "delivery_state" as enum ('PENDING', 'SENDING', 'SENT', 'FAILED', 'HELD', 'DIGESTED');`);
    this.addSql(`create type "notification_kind" as enum ('SUPERVISION', 'REMINDER', 'ESCALATION', 'DIGEST');`);
    this.addSql(`create type "supervision_step" as enum ('PENDING', 'ACKNOWLEDGED', 'REPLIED', 'CLOSED', 'OVERDUE');`);
    this.addSql(
      `create table "reminder_rule" ("id" serial primary key, "deadline_kind" "deadline_kind" not null, "days_before" text[] not null, "on_due_day" boolean not null default true, "overdue_every_working_days" int not null default 0, "escalate_to_head_after" int null, "escalate_to_office_after" int null, "active" boolean not null default true, "version" int not null default 1);`,
    );
    this.addSql(`alter table "reminder_rule" add constraint "reminder_rule_deadline_kind_unique" unique ("deadline_kind");`);

    this.addSql(
      `create table "notification_channel" ("id" serial primary key, "department_id" int null, "user_id" int null, "kind" "notification_channel_kind" not null, "target" text not null, "secret_sealed" text null, "digest" boolean not null default false, "muted" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "notification_channel_department_id_index" on "notification_channel" ("department_id");`);
    this.addSql(`alter table "notification_channel" add constraint "notification_channel_user_id_kind_unique" unique ("user_id", "kind");`);
    this.addSql(`alter table "notification_channel" add constraint "notification_channel_department_id_kind_unique" unique ("department_id", "kind");`);

    this.addSql(
      `create table "notification_delivery" ("id" serial primary key, "key" text not null, "channel_id" int not null, "title" text not null, "text" text not null, "link" text null, "state" "delivery_state" not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_by" text null, "claimed_until" timestamptz null, "last_answer" text null, "sent_at" timestamptz null, "created_at" timestamptz not null, "digest_date" date null, "digest_id" int null);`,
    );
    this.addSql(`alter table "notification_delivery" add constraint "notification_delivery_key_unique" unique ("key");`);
    this.addSql(`create index "notification_delivery_channel_id_index" on "notification_delivery" ("channel_id");`);
    this.addSql(`create index "notification_delivery_state_next_attempt_at_index" on "notification_delivery" ("state", "next_attempt_at");`);

    this.addSql(
      `create table "notification" ("id" serial primary key, "user_id" int not null, "key" text not null, "kind" "notification_kind" not null, "department_id" int null, "title" text not null, "text" text not null, "link" text null, "subject_type" text null, "subject_id" int null, "created_at" timestamptz not null, "read_at" timestamptz null);`,
    );
    this.addSql(`create index "notification_user_id_read_at_index" on "notification" ("user_id", "read_at");`);
    this.addSql(`alter table "notification" add constraint "notification_key_user_id_unique" unique ("key", "user_id");`);

    this.addSql(
      `create table "supervision_notice" ("id" serial primary key, "organization_id" int not null, "year" int not null, "sequence" int not null, "department_id" int not null, "task_id" int null, "deadline_id" int null, "subject" text not null, "reason" text not null, "requirement" text not null default '', "reply_within_working_days" int not null, "due_date" date not null, "step" "supervision_step" not null default 'PENDING', "issued_at" timestamptz not null, "issued_by" text not null, "acknowledged_at" timestamptz null, "acknowledged_by" text null, "replied_at" timestamptz null, "replied_by" text null, "reply" text null, "evidence_urls" text[] not null default '{}', "closed_at" timestamptz null, "closed_by" text null, "returned_reason" text null, "return_count" int not null default 0, "version" int not null default 1);`,
    );
    this.addSql(`create index "supervision_notice_department_id_step_index" on "supervision_notice" ("department_id", "step");`);
    this.addSql(
      `alter table "supervision_notice" add constraint "supervision_notice_organization_id_year_sequence_unique" unique ("organization_id", "year", "sequence");`,
    );

    this.addSql(
      `alter table "notification_channel" add constraint "notification_channel_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification_channel" add constraint "notification_channel_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_channel_id_foreign" foreign key ("channel_id") references "notification_channel" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_digest_id_foreign" foreign key ("digest_id") references "notification_delivery" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "supervision_notice" add constraint "supervision_notice_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "supervision_notice" add constraint "supervision_notice_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "supervision_notice" add constraint "supervision_notice_task_id_foreign" foreign key ("task_id") references "task" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "supervision_notice" add constraint "supervision_notice_deadline_id_foreign" foreign key ("deadline_id") references "deadline" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification_delivery" drop constraint "notification_delivery_channel_id_foreign";`);
    this.addSql(`alter table "notification_delivery" drop constraint "notification_delivery_digest_id_foreign";`);

    this.addSql(`drop table if exists "reminder_rule" cascade;`);
    this.addSql(`drop table if exists "notification_channel" cascade;`);
    this.addSql(`drop table if exists "notification_delivery" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "supervision_notice" cascade;`);

    this.addSql(`drop type "notification_channel_kind";`);
    this.addSql(`drop type "delivery_state";`);
    this.addSql(`drop type "notification_kind";`);
    this.addSql(`drop type "supervision_step";`);

    // deadline_kind as it was: the 督办单 deadlines go with their notices.
    this.addSql(`delete from "deadline" where "kind" = 'SUPERVISION';`);
    this.addSql(`alter type "deadline_kind" rename to "deadline_kind_with_supervision";`);
    this.addSql(`create type "deadline_kind" as enum ('TASK', 'APPLICATION', 'PROPOSAL', 'MESSAGE', 'PENALTY', 'NEW_MEDIA', 'ANNUAL_REPORT');`);
    this.addSql(`alter table "deadline" alter column "kind" type "deadline_kind" using "kind"::text::"deadline_kind";`);
    this.addSql(`drop type "deadline_kind_with_supervision";`);
  }
}
