import { Migration } from '@mikro-orm/migrations';

export class Migration20261121233914_accounts_sessions_screen_tokens_audit extends Migration {
  override name = 'Migration20261121233914_accounts_sessions_screen_tokens_audit';

  override up(): void | Promise<void> {
    this.addSql(`create type "user_role" as enum ('ADMIN', 'DEPARTMENT_HEAD', 'LIAISON', 'SCREEN');`);
    this.addSql(
      `create table "audit_entry" ("id" serial primary key, "at" timestamptz not null default now(), "actor_type" text not null, "actor_id" int null, "actor_name" text not null, "operation" text not null, "target_type" text not null, "target_id" text not null, "action" text not null, "department_id" int null, "changes" jsonb not null, "request_id" text null);`,
    );
    this.addSql(`create index "audit_entry_operation_index" on "audit_entry" ("operation");`);
    this.addSql(`create index "audit_entry_target_type_target_id_index" on "audit_entry" ("target_type", "target_id");`);
    this.addSql(`create index "audit_entry_department_id_id_index" on "audit_entry" ("department_id", "id");`);

    this.addSql(`create table "server_secret" ("name" text not null, "value" text not null, primary key ("name"));`);

    this.addSql(
      `create table "app_user" ("id" serial primary key, "username" text not null, "display_name" text not null, "password_hash" text not null, "role" "user_role" not null, "department_id" int null, "is_active" boolean not null default true, "failed_logins" int not null default 0, "locked_until" timestamptz null, "token_version" int not null default 0, "last_login_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);

    this.addSql(
      `create table "screen_token" ("id" serial primary key, "label" text not null, "token_hash" text not null, "department_ids" text[] not null, "created_by_id" int null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null);`,
    );
    this.addSql(`alter table "screen_token" add constraint "screen_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "auth_session" ("id" uuid not null, "user_id" int not null, "token_hash" text not null, "previous_token_hash" text null, "expires_at" timestamptz not null, "created_at" timestamptz not null, "rotated_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "auth_session_user_id_index" on "auth_session" ("user_id");`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "auth_session_previous_token_hash_index" on "auth_session" ("previous_token_hash");`);

    this.addSql(`alter table "task" drop constraint "task_progress_range";`);
    this.addSql(`alter table "task" add constraint "task_progress_range" check (progress between 0 and 100);`);

    this.addSql(
      `alter table "app_user" add constraint "app_user_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "screen_token" add constraint "screen_token_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "auth_session" add constraint "auth_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "screen_token" drop constraint "screen_token_created_by_id_foreign";`);
    this.addSql(`alter table "auth_session" drop constraint "auth_session_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "server_secret" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "screen_token" cascade;`);
    this.addSql(`drop table if exists "auth_session" cascade;`);

    this.addSql(`alter table "task" drop constraint "task_progress_range";`);
    this.addSql(`alter table "task" add constraint "task_progress_range" check ((progress >= 0) AND (progress <= 100));`);

    this.addSql(`drop type "user_role";`);
  }
}
