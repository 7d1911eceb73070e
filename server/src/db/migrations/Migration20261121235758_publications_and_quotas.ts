import { Migration } from '@mikro-orm/migrations';

export class Migration20261121235758_publications_and_quotas extends Migration {
  override name = 'Migration20261121235758_publications_and_quotas';

  override up(): void | Promise<void> {
    this.addSql(`create type "channel_kind" as enum ('PORTAL_COLUMN', 'NEW_MEDIA_ACCOUNT', 'GAZETTE');`);
    this.addSql(`create type "index_number_reset" as enum ('YEARLY', 'MONTHLY', 'NEVER');`);
    this.addSql(`create type "period_type" as enum ('MONTH', 'QUARTER', 'YEAR');`);
    this.addSql(`create type "interpretation_form" as enum ('TEXT', 'CHART', 'VIDEO', 'ANIMATION', 'INTERVIEW');`);
    this.addSql(
      `create table "category" ("id" serial primary key, "name" text not null, "parent_id" int null, "path" text not null, "sort_order" int not null default 0, "is_interpretation" boolean not null default false, "is_active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "category" add constraint "category_name_unique" unique ("name");`);
    this.addSql(`create index "category_parent_id_index" on "category" ("parent_id");`);

    this.addSql(
      `create table "channel" ("id" serial primary key, "kind" "channel_kind" not null, "name" text not null, "department_id" int null, "url" text null, "is_active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "channel_department_id_index" on "channel" ("department_id");`);
    this.addSql(`create unique index "channel_department_name_unique" on "channel" ("department_id", "name") nulls not distinct;`);

    this.addSql(
      `create table "index_number_setting" ("id" serial primary key, "organization_id" int not null, "template" text not null, "reset" "index_number_reset" not null, "version" int not null default 1, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "index_number_setting" add constraint "index_number_setting_organization_id_unique" unique ("organization_id");`);

    this.addSql(`create table "index_sequence" ("id" serial primary key, "organization_id" int not null, "period_key" text not null, "value" int not null);`);
    this.addSql(`alter table "index_sequence" add constraint "index_sequence_key" unique ("organization_id", "period_key");`);

    this.addSql(
      `create table "publication_count" ("id" bigserial primary key, "department_id" int not null, "period_key" text not null, "category_id" int null, "count" int not null default 0, "interpretation_count" int not null default 0, "non_text_interpretation_count" int not null default 0);`,
    );
    this.addSql(`create unique index "publication_count_key" on "publication_count" ("period_key", "category_id", "department_id") nulls not distinct;`);

    this.addSql(
      `create table "quota" ("id" serial primary key, "organization_id" int not null, "department_id" int null, "department_kind" "department_kind" null, "period_type" "period_type" not null, "category_id" int null, "target" int not null, "from_year" int null, "to_year" int null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "quota_department_id_index" on "quota" ("department_id");`);
    this.addSql(`create index "quota_organization_id_period_type_index" on "quota" ("organization_id", "period_type");`);

    this.addSql(
      `create table "publication" ("id" serial primary key, "organization_id" int not null, "department_id" int not null, "title" text not null, "category_id" int not null, "channel_id" int not null, "published_on" date not null, "url" text not null, "summary" text null, "index_number" text not null, "interpretation_form" "interpretation_form" null, "work_point_id" int null, "task_id" int null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "publication_category_id_index" on "publication" ("category_id");`);
    this.addSql(`create index "publication_channel_id_index" on "publication" ("channel_id");`);
    this.addSql(`create index "publication_work_point_id_index" on "publication" ("work_point_id");`);
    this.addSql(`create index "publication_task_id_index" on "publication" ("task_id");`);
    this.addSql(`create index "publication_published_on_index" on "publication" ("published_on");`);
    this.addSql(`create index "publication_department_id_published_on_index" on "publication" ("department_id", "published_on");`);
    this.addSql(`alter table "publication" add constraint "publication_url_unique" unique ("organization_id", "url");`);
    this.addSql(`alter table "publication" add constraint "publication_index_number_unique" unique ("organization_id", "index_number");`);

    this.addSql(
      `alter table "category" add constraint "category_parent_id_foreign" foreign key ("parent_id") references "category" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "channel" add constraint "channel_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "index_number_setting" add constraint "index_number_setting_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "index_sequence" add constraint "index_sequence_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "index_sequence" add constraint "index_sequence_positive" check (value > 0);`);

    this.addSql(
      `alter table "publication_count" add constraint "publication_count_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "publication_count" add constraint "publication_count_category_id_foreign" foreign key ("category_id") references "category" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "quota" add constraint "quota_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "quota" add constraint "quota_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "quota" add constraint "quota_category_id_foreign" foreign key ("category_id") references "category" ("id") on delete restrict;`);
    this.addSql(`alter table "quota" add constraint "quota_years" check (from_year is null or to_year is null or from_year <= to_year);`);
    this.addSql(`alter table "quota" add constraint "quota_subject" check ((department_id is null) <> (department_kind is null));`);
    this.addSql(`alter table "quota" add constraint "quota_target_positive" check (target > 0);`);

    this.addSql(
      `alter table "publication" add constraint "publication_organization_id_foreign" foreign key ("organization_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "publication" add constraint "publication_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "publication" add constraint "publication_category_id_foreign" foreign key ("category_id") references "category" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "publication" add constraint "publication_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "publication" add constraint "publication_work_point_id_foreign" foreign key ("work_point_id") references "work_point" ("id") on delete set null;`,
    );
    this.addSql(`alter table "publication" add constraint "publication_task_id_foreign" foreign key ("task_id") references "task" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "category" drop constraint "category_parent_id_foreign";`);
    this.addSql(`alter table "publication_count" drop constraint "publication_count_category_id_foreign";`);
    this.addSql(`alter table "quota" drop constraint "quota_category_id_foreign";`);
    this.addSql(`alter table "publication" drop constraint "publication_category_id_foreign";`);
    this.addSql(`alter table "publication" drop constraint "publication_channel_id_foreign";`);

    this.addSql(`drop table if exists "category" cascade;`);
    this.addSql(`drop table if exists "channel" cascade;`);
    this.addSql(`drop table if exists "index_number_setting" cascade;`);
    this.addSql(`drop table if exists "index_sequence" cascade;`);
    this.addSql(`drop table if exists "publication_count" cascade;`);
    this.addSql(`drop table if exists "quota" cascade;`);
    this.addSql(`drop table if exists "publication" cascade;`);

    this.addSql(`drop type "channel_kind";`);
    this.addSql(`drop type "index_number_reset";`);
    this.addSql(`drop type "period_type";`);
    this.addSql(`drop type "interpretation_form";`);
  }
}
