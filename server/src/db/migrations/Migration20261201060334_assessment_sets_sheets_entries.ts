import { Migration } from '@mikro-orm/migrations';

export class Migration20261201060334_assessment_sets_sheets_entries extends Migration {
  override name = 'Migration20261201060334_assessment_sets_sheets_entries';

  override up(): void | Promise<void> {
    this.addSql(`create type "assessment_sheet_state" as enum ('SELF_ASSESSING', 'REVIEWING', 'FINAL');`);
    this.addSql(`create type "assessment_side" as enum ('SELF', 'REVIEW');`);
    this.addSql(
      `create table "assessment_set" ("id" serial primary key, "organization_id" int not null, "period" text not null, "title" text not null, "items" jsonb not null, "bonus_title" text null, "bonus_cap" double precision not null default 0, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "assessment_set" add constraint "assessment_set_organization_id_period_unique" unique ("organization_id", "period");`);

    this.addSql(
      `create table "assessment_sheet" ("id" serial primary key, "set_id" int not null, "department_id" int not null, "state" "assessment_sheet_state" not null default 'SELF_ASSESSING', "findings" jsonb not null, "submitted_at" timestamptz null, "submitted_by" text null, "returned_reason" text null, "finalized_at" timestamptz null, "finalized_by" text null, "snapshot" jsonb null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "assessment_sheet" add constraint "assessment_sheet_set_id_department_id_unique" unique ("set_id", "department_id");`);

    this.addSql(
      `create table "assessment_entry" ("id" serial primary key, "sheet_id" int not null, "item_code" text not null, "side" "assessment_side" not null, "points" double precision null, "occurrences" jsonb not null, "vetoed" boolean not null default false, "reason" text not null default '', "evidence" jsonb not null, "entered_by" text not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "assessment_entry" add constraint "assessment_entry_sheet_id_item_code_side_unique" unique ("sheet_id", "item_code", "side");`);

    this.addSql(
      `alter table "assessment_set" add constraint "assessment_set_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "assessment_sheet" add constraint "assessment_sheet_set_id_foreign" foreign key ("set_id") references "assessment_set" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "assessment_sheet" add constraint "assessment_sheet_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "assessment_entry" add constraint "assessment_entry_sheet_id_foreign" foreign key ("sheet_id") references "assessment_sheet" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "assessment_sheet" drop constraint "assessment_sheet_set_id_foreign";`);
    this.addSql(`alter table "assessment_entry" drop constraint "assessment_entry_sheet_id_foreign";`);

    this.addSql(`drop table if exists "assessment_set" cascade;`);
    this.addSql(`drop table if exists "assessment_sheet" cascade;`);
    this.addSql(`drop table if exists "assessment_entry" cascade;`);

    this.addSql(`drop type "assessment_sheet_state";`);
    this.addSql(`drop type "assessment_side";`);
  }
}
