import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000730_annual_report_registers extends Migration {
  override name = 'Migration20261201000730_annual_report_registers';

  override up(): void | Promise<void> {
    this.addSql(
      `create type "annual_statistic_item" as enum ('ADMINISTRATIVE_LICENSING', 'ADMINISTRATIVE_PENALTY', 'ADMINISTRATIVE_COERCION', 'ADMINISTRATIVE_FEES');`,
    );
    this.addSql(`create type "legal_case_kind" as enum ('REVIEW', 'LITIGATION_DIRECT', 'LITIGATION_AFTER_REVIEW');`);
    this.addSql(`create type "legal_case_outcome" as enum ('MAINTAINED', 'CORRECTED', 'OTHER');`);
    this.addSql(`create type "normative_document_kind" as enum ('REGULATION', 'NORMATIVE_DOCUMENT');`);
    this.addSql(`create type "reporting_body" as enum ('DEPARTMENT', 'GOVERNMENT');`);
    this.addSql(`create type "annual_report_status" as enum ('DRAFT', 'IN_REVIEW', 'FINALIZED', 'SUBMITTED', 'PUBLISHED');`);
    this.addSql(
      `create table "annual_statistic" ("id" serial primary key, "organization_id" int not null, "year" int not null, "item" "annual_statistic_item" not null, "value" numeric(16,4) not null, "source" text not null, "entered_by" text not null, "version" int not null default 1, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "annual_statistic" add constraint "annual_statistic_organization_id_year_item_unique" unique ("organization_id", "year", "item");`,
    );

    this.addSql(
      `create table "legal_case" ("id" serial primary key, "department_id" int not null, "kind" "legal_case_kind" not null, "case_number" text null, "subject" text not null, "party" text null, "received_on" date not null, "concluded_on" date null, "outcome" "legal_case_outcome" null, "note" text null, "version" int not null default 1, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "legal_case_department_id_received_on_index" on "legal_case" ("department_id", "received_on");`);

    this.addSql(
      `create table "normative_document" ("id" serial primary key, "department_id" int not null, "kind" "normative_document_kind" not null, "document_number" text not null, "title" text not null, "issued_on" date not null, "repealed_on" date null, "repeal_note" text null, "url" text null, "version" int not null default 1, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "normative_document_department_id_issued_on_index" on "normative_document" ("department_id", "issued_on");`);
    this.addSql(
      `alter table "normative_document" add constraint "normative_document_department_id_document_number_unique" unique ("department_id", "document_number");`,
    );

    this.addSql(
      `create table "annual_report" ("id" serial primary key, "organization_id" int not null, "year" int not null, "reporting_body" "reporting_body" not null default 'DEPARTMENT', "status" "annual_report_status" not null default 'DRAFT', "preamble" text not null default '', "overview" text not null default '', "proactive_text" text not null default '', "problems" text not null default '', "other_matters" text not null default '', "information_fee" double precision null, "entered_cells" jsonb not null, "frozen_cells" jsonb null, "history" jsonb not null, "signed_on" date null, "submitted_on" date null, "published_on" date null, "publication_id" int null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "annual_report" add constraint "annual_report_organization_id_year_unique" unique ("organization_id", "year");`);

    // A new enum value by replacing the type, not `alter type … add value`: the new value must be usable in the
    // same transaction (npm run db:restore migrates and loads the rows in one transaction).
    this.addSql(`alter type "deadline_kind" rename to "deadline_kind_before_annual_report";`);
    this.addSql(`create type "deadline_kind" as enum ('TASK', 'APPLICATION', 'PROPOSAL', 'MESSAGE', 'PENALTY', 'NEW_MEDIA', 'ANNUAL_REPORT');`);
    this.addSql(`alter table "deadline" alter column "kind" type "deadline_kind" using "kind"::text::"deadline_kind";`);
    this.addSql(`drop type "deadline_kind_before_annual_report";`);

    this.addSql(
      `alter table "annual_statistic" add constraint "annual_statistic_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(`alter table "annual_statistic" add constraint "annual_statistic_value_nonnegative" check (value >= 0);`);

    this.addSql(
      `alter table "legal_case" add constraint "legal_case_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(`alter table "legal_case" add constraint "legal_case_concluded_after_received" check (concluded_on is null or concluded_on >= received_on);`);
    this.addSql(`alter table "legal_case" add constraint "legal_case_outcome_when_concluded" check ((outcome is null) = (concluded_on is null));`);

    this.addSql(
      `alter table "normative_document" add constraint "normative_document_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "normative_document" add constraint "normative_document_repealed_after_issued" check (repealed_on is null or repealed_on >= issued_on);`,
    );

    this.addSql(
      `alter table "annual_report" add constraint "annual_report_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "annual_report" add constraint "annual_report_publication_id_foreign" foreign key ("publication_id") references "publication" ("id") on delete set null;`,
    );
    this.addSql(`alter table "annual_report" add constraint "annual_report_year_range" check (year between 2000 and 2100);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "annual_statistic" cascade;`);
    this.addSql(`drop table if exists "legal_case" cascade;`);
    this.addSql(`drop table if exists "normative_document" cascade;`);
    this.addSql(`drop table if exists "annual_report" cascade;`);

    this.addSql(`drop type "annual_statistic_item";`);
    this.addSql(`drop type "legal_case_kind";`);
    this.addSql(`drop type "legal_case_outcome";`);
    this.addSql(`drop type "normative_document_kind";`);
    this.addSql(`drop type "reporting_body";`);
    this.addSql(`drop type "annual_report_status";`);
  }
}
