import { Migration } from '@mikro-orm/migrations';

export class Migration20261121233015_initial_plans_and_tasks extends Migration {
  override name = 'Migration20261121233015_initial_plans_and_tasks';

  override up(): void | Promise<void> {
    this.addSql(`create type "department_kind" as enum ('ORGANIZATION', 'OFFICE', 'SUBORDINATE_UNIT', 'COUNTY_UNIT', 'TOWNSHIP');`);
    this.addSql(`create type "task_role" as enum ('LEAD', 'COOPERATING');`);
    this.addSql(`create type "task_status" as enum ('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'NOT_APPLICABLE');`);
    this.addSql(
      `create table "department" ("id" serial primary key, "name" text not null, "code" text not null, "kind" "department_kind" not null, "parent_id" int null, "path" text not null, "credit_code" text null, "sort_order" int not null default 0, "version" int not null default 1, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "department" add constraint "department_code_unique" unique ("code");`);
    this.addSql(`create index "department_parent_id_index" on "department" ("parent_id");`);
    this.addSql(`create index "department_path_pattern_index" on "department" ("path" text_pattern_ops);`);

    this.addSql(
      `create table "plan" ("id" serial primary key, "year" int not null, "title" text not null, "issuer" text null, "organization_id" int not null, "basis_documents" text[] not null, "source" text null, "created_at" timestamptz not null);`,
    );

    this.addSql(
      `create table "work_point" ("id" serial primary key, "plan_id" int not null, "number" text not null, "sequence" int not null, "section" text not null, "title" text not null, "policy_basis" text not null default '', "cited_documents" text[] not null, "duties" text not null default '', "duty_items" text[] not null, "responsible_scopes" text[] not null, "time_limit" text null, "due_date" date null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "work_point_plan_id_index" on "work_point" ("plan_id");`);
    this.addSql(`alter table "work_point" add constraint "work_point_plan_id_number_unique" unique ("plan_id", "number");`);

    this.addSql(
      `create table "work_point_responsible" ("work_point_id" int not null, "department_id" int not null, primary key ("work_point_id", "department_id"));`,
    );

    this.addSql(`create table "work_point_lead" ("work_point_id" int not null, "department_id" int not null, primary key ("work_point_id", "department_id"));`);

    this.addSql(
      `create table "task" ("id" serial primary key, "work_point_id" int not null, "department_id" int not null, "role" "task_role" not null, "status" "task_status" not null default 'NOT_STARTED', "not_applicable_reason" text null, "progress" smallint not null default 0, "due_date" date null, "checklist" jsonb not null, "self_inspection" text null, "version" int not null default 1, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "task_work_point_id_index" on "task" ("work_point_id");`);
    this.addSql(`create index "task_due_date_index" on "task" ("due_date");`);
    this.addSql(`create index "task_department_id_status_index" on "task" ("department_id", "status");`);
    this.addSql(`alter table "task" add constraint "task_work_point_id_department_id_unique" unique ("work_point_id", "department_id");`);

    this.addSql(
      `create table "task_update" ("id" serial primary key, "task_id" int not null, "created_at" timestamptz not null, "progress" smallint not null, "status" "task_status" not null, "note" text null, "evidence_urls" text[] not null, "author" text null);`,
    );
    this.addSql(`create index "task_update_task_id_index" on "task_update" ("task_id");`);

    this.addSql(
      `alter table "department" add constraint "department_parent_id_foreign" foreign key ("parent_id") references "department" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "plan" add constraint "plan_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete restrict;`,
    );

    this.addSql(`alter table "work_point" add constraint "work_point_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on delete cascade;`);

    this.addSql(
      `alter table "work_point_responsible" add constraint "work_point_responsible_work_point_id_foreign" foreign key ("work_point_id") references "work_point" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "work_point_responsible" add constraint "work_point_responsible_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "work_point_lead" add constraint "work_point_lead_work_point_id_foreign" foreign key ("work_point_id") references "work_point" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "work_point_lead" add constraint "work_point_lead_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "task" add constraint "task_work_point_id_foreign" foreign key ("work_point_id") references "work_point" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "task" add constraint "task_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "task" add constraint "task_not_applicable_reason" check (status <> 'NOT_APPLICABLE' or coalesce(btrim(not_applicable_reason), '') <> '');`,
    );
    this.addSql(`alter table "task" add constraint "task_progress_range" check (progress between 0 and 100);`);

    this.addSql(`alter table "task_update" add constraint "task_update_task_id_foreign" foreign key ("task_id") references "task" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "department" drop constraint "department_parent_id_foreign";`);
    this.addSql(`alter table "plan" drop constraint "plan_organization_id_foreign";`);
    this.addSql(`alter table "work_point_responsible" drop constraint "work_point_responsible_department_id_foreign";`);
    this.addSql(`alter table "work_point_lead" drop constraint "work_point_lead_department_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_department_id_foreign";`);
    this.addSql(`alter table "work_point" drop constraint "work_point_plan_id_foreign";`);
    this.addSql(`alter table "work_point_responsible" drop constraint "work_point_responsible_work_point_id_foreign";`);
    this.addSql(`alter table "work_point_lead" drop constraint "work_point_lead_work_point_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_work_point_id_foreign";`);
    this.addSql(`alter table "task_update" drop constraint "task_update_task_id_foreign";`);

    this.addSql(`drop table if exists "department" cascade;`);
    this.addSql(`drop table if exists "plan" cascade;`);
    this.addSql(`drop table if exists "work_point" cascade;`);
    this.addSql(`drop table if exists "work_point_responsible" cascade;`);
    this.addSql(`drop table if exists "work_point_lead" cascade;`);
    this.addSql(`drop table if exists "task" cascade;`);
    this.addSql(`drop table if exists "task_update" cascade;`);

    this.addSql(`drop type "department_kind";`);
    this.addSql(`drop type "task_role";`);
    this.addSql(`drop type "task_status";`);
  }
}
