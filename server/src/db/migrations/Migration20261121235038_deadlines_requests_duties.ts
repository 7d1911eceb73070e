import { Migration } from '@mikro-orm/migrations';

export class Migration20261121235038_deadlines_requests_duties extends Migration {
  override name = 'Migration20261121235038_deadlines_requests_duties';

  override up(): void | Promise<void> {
    this.addSql(`create type "rule_kind" as enum ('WORKING_DAYS', 'CALENDAR_DAYS', 'FIXED_DATE', 'MAX_GAP', 'EXPLICIT');`);
    this.addSql(`create type "deadline_kind" as enum ('TASK', 'APPLICATION', 'PROPOSAL', 'MESSAGE', 'PENALTY', 'NEW_MEDIA');`);
    this.addSql(`create type "deadline_state" as enum ('ON_TRACK', 'DUE_SOON', 'OVERDUE', 'LONG_OVERDUE', 'PAUSED', 'DONE');`);
    this.addSql(`create type "duty_kind" as enum ('PROPOSAL', 'MESSAGE', 'PENALTY');`);
    this.addSql(
      `create type "applicant_type" as enum ('NATURAL_PERSON', 'COMMERCIAL_ENTERPRISE', 'RESEARCH_INSTITUTION', 'PUBLIC_WELFARE_ORG', 'LEGAL_SERVICE_ORG', 'OTHER_ORG');`,
    );
    this.addSql(`create type "request_channel" as enum ('IN_PERSON', 'POST', 'ONLINE', 'FAX', 'EMAIL', 'OTHER');`);
    this.addSql(`create type "request_status" as enum ('PROCESSING', 'AWAITING_CORRECTION', 'CONSULTING', 'ANSWERED');`);
    this.addSql(
      `create type "request_outcome" as enum ('granted', 'partiallyGranted', 'denied_stateSecret', 'denied_lawForbidden', 'denied_threeSecurityOneStability', 'denied_thirdPartyRights', 'denied_internalAffairs', 'denied_processInfo', 'denied_enforcementFile', 'denied_adminQuery', 'unable_notHeld', 'unable_needsCreation', 'unable_stillUnclear', 'notProcessed_complaint', 'notProcessed_repeat', 'notProcessed_publication', 'notProcessed_massive', 'notProcessed_confirmReissue', 'other_noCorrection', 'other_feeUnpaid', 'other_other');`,
    );
    this.addSql(
      `create table "deadline_event" ("id" serial primary key, "deadline_id" int not null, "from_state" text null, "to_state" text not null, "as_of" date null, "at" timestamptz not null default now());`,
    );
    this.addSql(`comment on column "deadline_event"."as_of" is 'The Shanghai date the move was evaluated for';`);
    this.addSql(`create index "deadline_event_deadline_id_index" on "deadline_event" ("deadline_id");`);

    this.addSql(
      `create table "deadline_rule" ("code" text not null, "name" text not null, "kind" "rule_kind" not null, "days" int not null, "fixed_month" int null, "fixed_day" int null, "warn_days" int null, "veto_days" int null, "due_soon_working_days" int not null default 2, "long_overdue_working_days" int null, "policy_basis" text not null, "updated_at" timestamptz not null, primary key ("code"));`,
    );

    this.addSql(
      `create table "deadline" ("id" serial primary key, "kind" "deadline_kind" not null, "subject_id" int not null, "rule_code" text not null, "department_id" int null, "title" text not null, "start_date" date null, "original_due_date" date not null, "due_date" date not null, "provisional" boolean not null default false, "stopped" jsonb not null, "extensions" jsonb not null, "paused" boolean not null default false, "state" "deadline_state" not null default 'ON_TRACK', "state_changed_at" timestamptz not null, "completed_on" date null, "version" int not null default 1);`,
    );
    this.addSql(`create index "deadline_department_id_index" on "deadline" ("department_id");`);
    this.addSql(`create index "deadline_state_due_date_index" on "deadline" ("state", "due_date");`);
    this.addSql(`alter table "deadline" add constraint "deadline_kind_subject_id_rule_code_unique" unique ("kind", "subject_id", "rule_code");`);

    this.addSql(
      `create table "event_duty" ("id" serial primary key, "kind" "duty_kind" not null, "department_id" int not null, "title" text not null, "reference_number" text null, "party" text null, "event_on" date not null, "completed_on" date null, "url" text null, "note" text null, "version" int not null default 1, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "event_duty_kind_department_id_index" on "event_duty" ("kind", "department_id");`);

    this.addSql(
      `create table "information_request" ("id" serial primary key, "department_id" int not null, "serial_number" text not null, "applicant_type" "applicant_type" not null, "applicant_name" text not null, "channel" "request_channel" not null, "received_on" date not null, "content" text not null, "status" "request_status" not null default 'PROCESSING', "correction_requested_on" date null, "correction_received_on" date null, "consultations" jsonb not null, "extension" jsonb null, "replied_on" date null, "outcome" "request_outcome" null, "version" int not null default 1, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "information_request_department_id_index" on "information_request" ("department_id");`);
    this.addSql(
      `alter table "information_request" add constraint "information_request_department_id_serial_number_unique" unique ("department_id", "serial_number");`,
    );

    this.addSql(
      `alter table "deadline" add constraint "deadline_rule_code_foreign" foreign key ("rule_code") references "deadline_rule" ("code") on delete restrict;`,
    );
    this.addSql(
      `alter table "deadline" add constraint "deadline_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "event_duty" add constraint "event_duty_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "information_request" add constraint "information_request_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deadline" drop constraint "deadline_rule_code_foreign";`);

    this.addSql(`drop table if exists "deadline_event" cascade;`);
    this.addSql(`drop table if exists "deadline_rule" cascade;`);
    this.addSql(`drop table if exists "deadline" cascade;`);
    this.addSql(`drop table if exists "event_duty" cascade;`);
    this.addSql(`drop table if exists "information_request" cascade;`);

    this.addSql(`drop type "rule_kind";`);
    this.addSql(`drop type "deadline_kind";`);
    this.addSql(`drop type "deadline_state";`);
    this.addSql(`drop type "duty_kind";`);
    this.addSql(`drop type "applicant_type";`);
    this.addSql(`drop type "request_channel";`);
    this.addSql(`drop type "request_status";`);
    this.addSql(`drop type "request_outcome";`);
  }
}
